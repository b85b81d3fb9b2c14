import KFKube

/// Whether an object has reached its desired state, following kstatus (the rules Helm 4's wait uses).
public enum Readiness: Sendable, Equatable {
    /// Fully rolled out and available.
    case current
    /// Still converging; the message says what is missing.
    case inProgress(String)
    /// Will not converge without a change (e.g. a failed Job, a progress deadline exceeded).
    case failed(String)

    public var isCurrent: Bool { self == .current }

    /// The readiness of any object by its kind; kinds without a rollout are current once they exist.
    /// Pass `kind` for objects read from a list: list items carry no `kind` of their own.
    public static func of(_ object: KubeJSON, kind: String? = nil) -> Readiness {
        if let generation = object[path: "metadata", "generation"]?.int,
           let observed = object[path: "status", "observedGeneration"]?.int, observed < generation {
            return .inProgress("generation \(generation) not observed yet (observed \(observed))")
        }
        switch kind ?? object["kind"]?.string {
        case "Deployment": return deployment(object)
        case "StatefulSet": return statefulSet(object)
        case "DaemonSet": return daemonSet(object)
        case "Job": return job(object)
        case "Pod": return pod(object)
        case "PersistentVolumeClaim":
            let phase = object[path: "status", "phase"]?.string ?? "Pending"
            return phase == "Bound" ? .current : .inProgress("PVC phase \(phase)")
        default: return .current
        }
    }

    static func condition(_ object: KubeJSON, _ type: String) -> KubeJSON? {
        object[path: "status", "conditions"]?.array?.first { $0["type"]?.string == type }
    }

    private static func count(_ object: KubeJSON, _ field: String) -> Int64 {
        object[path: "status", field]?.int ?? 0
    }

    private static func deployment(_ object: KubeJSON) -> Readiness {
        let wanted = object[path: "spec", "replicas"]?.int ?? 1
        if let progressing = condition(object, "Progressing"), progressing["reason"]?.string == "ProgressDeadlineExceeded" {
            return .failed("progress deadline exceeded: \(progressing["message"]?.string ?? "")")
        }
        let updated = count(object, "updatedReplicas"), ready = count(object, "readyReplicas")
        let available = count(object, "availableReplicas"), total = count(object, "replicas")
        if updated < wanted { return .inProgress("Updated: \(updated)/\(wanted)") }
        if total > updated { return .inProgress("Pending termination: \(total - updated)") }
        if available < wanted { return .inProgress("Available: \(available)/\(wanted)") }
        if ready < wanted { return .inProgress("Ready: \(ready)/\(wanted)") }
        if condition(object, "Available")?["status"]?.string != "True" { return .inProgress("Deployment not Available") }
        return .current
    }

    private static func statefulSet(_ object: KubeJSON) -> Readiness {
        let wanted = object[path: "spec", "replicas"]?.int ?? 1
        let ready = count(object, "readyReplicas"), current = count(object, "currentReplicas")
        if count(object, "replicas") < wanted { return .inProgress("Replicas: \(count(object, "replicas"))/\(wanted)") }
        if ready < wanted { return .inProgress("Ready: \(ready)/\(wanted)") }
        let strategy = object[path: "spec", "updateStrategy", "type"]?.string ?? "RollingUpdate"
        if strategy == "RollingUpdate" {
            let partition = object[path: "spec", "updateStrategy", "rollingUpdate", "partition"]?.int ?? 0
            let updated = count(object, "updatedReplicas")
            if partition == 0 {
                if current < wanted && updated < wanted { return .inProgress("Updated: \(max(current, updated))/\(wanted)") }
                let updateRevision = object[path: "status", "updateRevision"]?.string
                if let updateRevision, updateRevision != object[path: "status", "currentRevision"]?.string, updated < wanted {
                    return .inProgress("Waiting for revision \(updateRevision)")
                }
            } else if updated < wanted - partition {
                return .inProgress("Partitioned rollout: \(updated)/\(wanted - partition)")
            }
        }
        return .current
    }

    private static func daemonSet(_ object: KubeJSON) -> Readiness {
        let desired = count(object, "desiredNumberScheduled")
        for field in ["currentNumberScheduled", "updatedNumberScheduled", "numberAvailable", "numberReady"] where count(object, field) < desired {
            return .inProgress("\(field): \(count(object, field))/\(desired)")
        }
        return .current
    }

    private static func job(_ object: KubeJSON) -> Readiness {
        if let failed = condition(object, "Failed"), failed["status"]?.string == "True" {
            return .failed("Job failed: \(failed["reason"]?.string ?? "") \(failed["message"]?.string ?? "")")
        }
        if condition(object, "Complete")?["status"]?.string == "True" { return .current }
        return .inProgress("Job running: \(count(object, "succeeded")) succeeded")
    }

    private static func pod(_ object: KubeJSON) -> Readiness {
        switch object[path: "status", "phase"]?.string {
        case "Succeeded": return .current
        case "Failed": return .failed("Pod failed: \(object[path: "status", "reason"]?.string ?? "")")
        case "Running":
            return condition(object, "Ready")?["status"]?.string == "True" ? .current : .inProgress("Pod not ready")
        case let phase: return .inProgress("Pod phase \(phase ?? "Pending")")
        }
    }
}
