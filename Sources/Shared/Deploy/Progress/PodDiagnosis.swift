import KFKube

/// Why a component's pods cannot progress, in words an operator acts on.
public struct PodDiagnosis: Sendable, Equatable {
    public enum Cause: String, Sendable {
        case imagePull = "ImagePullBackOff"
        case crashLoop = "CrashLoopBackOff"
        case unschedulable = "Unschedulable"
        case outOfMemory = "OOMKilled"
        case configuration = "CreateContainerConfigError"
        case volumePending = "PersistentVolumeClaimPending"
    }

    public var cause: Cause
    /// The pod (or claim) the cause was seen on and the system's own message.
    public var message: String

    /// The first blocking cause among the pods of one component, if any.
    public static func diagnose(pods: [KubeJSON]) -> PodDiagnosis? {
        for pod in pods {
            let name = pod[path: "metadata", "name"]?.string ?? "?"
            if let scheduled = Readiness.condition(pod, "PodScheduled"), scheduled["status"]?.string == "False",
               scheduled["reason"]?.string == "Unschedulable" {
                let message = scheduled["message"]?.string ?? ""
                if message.contains("persistentvolumeclaim") || message.contains("PersistentVolumeClaim") {
                    return PodDiagnosis(cause: .volumePending, message: "\(name): \(message)")
                }
                return PodDiagnosis(cause: .unschedulable, message: "\(name): \(message)")
            }
            let statuses = (pod[path: "status", "initContainerStatuses"]?.array ?? []) + (pod[path: "status", "containerStatuses"]?.array ?? [])
            for status in statuses {
                let container = status["name"]?.string ?? "?"
                if let waiting = status[path: "state", "waiting"], let reason = waiting["reason"]?.string {
                    let detail = waiting["message"]?.string.map { ": \($0)" } ?? ""
                    switch reason {
                    case "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull":
                        return PodDiagnosis(cause: .imagePull, message: "\(name)/\(container): \(reason)\(detail)")
                    case "CrashLoopBackOff":
                        let last = status[path: "lastState", "terminated", "reason"]?.string
                        if last == "OOMKilled" { return PodDiagnosis(cause: .outOfMemory, message: "\(name)/\(container): OOMKilled, restarting") }
                        return PodDiagnosis(cause: .crashLoop, message: "\(name)/\(container): CrashLoopBackOff\(detail)")
                    case "CreateContainerConfigError", "CreateContainerError":
                        return PodDiagnosis(cause: .configuration, message: "\(name)/\(container): \(reason)\(detail)")
                    default: continue
                    }
                }
                // Between back-offs a crash-looping container runs again for a while: its restarts
                // and last exit still say why the component is not ready.
                if let last = status[path: "lastState", "terminated"], let code = last["exitCode"]?.int, code != 0,
                   let restarts = status["restartCount"]?.int, restarts >= 2, status[path: "ready"]?.bool != true {
                    let reason = last["reason"]?.string ?? "Error"
                    if reason == "OOMKilled" { return PodDiagnosis(cause: .outOfMemory, message: "\(name)/\(container): OOMKilled, restarted \(restarts) times") }
                    return PodDiagnosis(cause: .crashLoop, message: "\(name)/\(container): CrashLoopBackOff, restarted \(restarts) times, last exit code \(code) (\(reason))")
                }
                if status[path: "state", "terminated", "reason"]?.string == "OOMKilled" {
                    return PodDiagnosis(cause: .outOfMemory, message: "\(name)/\(container): OOMKilled")
                }
            }
        }
        return nil
    }
}
