import KFKube

/// What the watcher knows: the tracked objects and pods of a namespace, and what it last reported.
struct WatchState {
    let components: [ComponentRef]
    private var objects: [String: KubeJSON] = [:]   // "Kind/name"
    private var pods: [String: KubeJSON] = [:]      // pod name
    private var reported: [String: ComponentProgress] = [:]
    private var blockedSince: [String: ContinuousClock.Instant] = [:]
    private(set) var progress: [ComponentProgress] = []

    init(components: [ComponentRef]) {
        self.components = components
    }

    mutating func apply(_ change: ObservedChange, kind: String) {
        switch change {
        case .snapshot(let items):
            if kind == "Pod" { pods = [:] } else { objects = objects.filter { !$0.key.hasPrefix("\(kind)/") } }
            for item in items { store(item, kind: kind, deleted: false) }
        case .event(let event):
            store(event.object, kind: kind, deleted: event.kind == .deleted)
        }
    }

    private mutating func store(_ object: KubeJSON, kind: String, deleted: Bool) {
        guard let name = object[path: "metadata", "name"]?.string else { return }
        if kind == "Pod" {
            pods[name] = deleted ? nil : object
        } else {
            objects["\(kind)/\(name)"] = deleted ? nil : object
        }
    }

    var allReady: Bool { progress.count == components.count && progress.allSatisfy { $0.readiness.isCurrent } }

    /// Recomputes every component; returns those that differ from what was last reported.
    mutating func changedProgress() -> [ComponentProgress] {
        progress = components.map(compute)
        var changed: [ComponentProgress] = []
        for item in progress where reported[item.name] != item {
            reported[item.name] = item
            changed.append(item)
        }
        return changed
    }

    /// A component that failed, or stayed blocked longer than `grace`.
    mutating func failure(now: ContinuousClock.Instant, grace: Duration) -> DeployError? {
        for item in progress {
            if case .failed(let message) = item.readiness { return DeployError(.componentFailed, message, component: item.name) }
            guard let diagnosis = item.diagnosis, !item.readiness.isCurrent else {
                blockedSince[item.name] = nil
                continue
            }
            let since = blockedSince[item.name] ?? now
            blockedSince[item.name] = since
            if now - since >= grace {
                return DeployError(.componentFailed, "\(diagnosis.cause.rawValue): \(diagnosis.message)", component: item.name)
            }
        }
        return nil
    }

    private func compute(_ ref: ComponentRef) -> ComponentProgress {
        guard let object = objects["\(ref.kind)/\(ref.name)"] else {
            return ComponentProgress(name: ref.name, kind: ref.kind, readiness: .inProgress("not created yet"), diagnosis: nil, podStatus: "")
        }
        let owned = pods.values.filter { Self.selects(object, kind: ref.kind, pod: $0) }.sorted {
            ($0[path: "metadata", "name"]?.string ?? "") < ($1[path: "metadata", "name"]?.string ?? "")
        }
        var readiness = Readiness.of(object, kind: ref.kind)
        // Pods that cannot run outweigh a controller status that has not caught up with them yet.
        let live = owned.filter { $0[path: "metadata", "deletionTimestamp"] == nil }
        let diagnosis = ref.kind == "Job" && readiness.isCurrent ? nil : PodDiagnosis.diagnose(pods: live)
        if readiness.isCurrent, let diagnosis { readiness = .inProgress("\(diagnosis.cause.rawValue): \(diagnosis.message)") }
        return ComponentProgress(name: ref.name, kind: ref.kind, readiness: readiness, diagnosis: diagnosis, podStatus: Self.podStatus(owned))
    }

    /// Whether the object's label selector matches the pod (Jobs: the `job-name` label).
    static func selects(_ object: KubeJSON, kind: String, pod: KubeJSON) -> Bool {
        let labels = pod[path: "metadata", "labels"]
        if kind == "Job" {
            return labels?["job-name"]?.string == object[path: "metadata", "name"]?.string
        }
        guard case .object(let match)? = object[path: "spec", "selector", "matchLabels"], !match.isEmpty else { return false }
        return match.allSatisfy { labels?[$0.key] == $0.value }
    }

    /// A compact summary like KubeFATE's PodStatus: `Running` or `Pending:ContainerCreating`.
    static func podStatus(_ pods: [KubeJSON]) -> String {
        pods.map { pod -> String in
            let phase = pod[path: "status", "phase"]?.string ?? "Pending"
            let waiting = (pod[path: "status", "containerStatuses"]?.array ?? []).compactMap { $0[path: "state", "waiting", "reason"]?.string }.first
            return waiting.map { "\(phase):\($0)" } ?? phase
        }.joined(separator: ",")
    }
}
