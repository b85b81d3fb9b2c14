import KFKube

/// The state of one component of a release (a Deployment, StatefulSet or Job), as a sub-job shows it.
public struct ComponentProgress: Sendable, Equatable {
    /// The object's name: KubeFATE keys sub-jobs by Deployment/StatefulSet name.
    public var name: String
    public var kind: String
    public var readiness: Readiness
    /// Why its pods cannot progress, when something blocks them.
    public var diagnosis: PodDiagnosis?
    /// Phase of its pods, e.g. `Running` or `Pending (ContainerCreating)`.
    public var podStatus: String

    public init(name: String, kind: String, readiness: Readiness, diagnosis: PodDiagnosis?, podStatus: String) {
        self.name = name
        self.kind = kind
        self.readiness = readiness
        self.diagnosis = diagnosis
        self.podStatus = podStatus
    }
}

/// Where a deploy action reports what it does; the worker turns these into sub-job rows and states.
public protocol DeployProgressReporter: Sendable {
    /// A step of the action finished (`render`, `apply 12 objects`, `release record v3 deployed`).
    func step(_ text: String) async throws
    /// A component changed.
    func component(_ progress: ComponentProgress) async throws
    /// The action crossed `boundary`; the default does nothing. The worker's test hook
    /// (`KUBEFATE_WORKER_CRASH_AT`) kills the process here to prove every step is resumable.
    func reached(_ boundary: DeployBoundary) async throws
}

extension DeployProgressReporter {
    public func reached(_ boundary: DeployBoundary) async throws {}
}

/// The points inside a deploy action where a crash leaves distinct partial state behind.
public enum DeployBoundary: String, Sendable, CaseIterable {
    /// The `pending-*` release record of the new revision is written; nothing applied yet.
    case releaseRecorded = "after-record"
    /// About half of the objects are applied.
    case midApply = "mid-apply"
    /// The first component progress was reported; the release is rolling out.
    case midWait = "mid-wait"
    /// An uninstall deleted the release's objects and waits for them to go; its records remain.
    case midUninstall = "mid-uninstall"
}

/// The kinds whose rollout a release waits for, one sub-job each.
public enum ComponentKind {
    public static let tracked: [(apiVersion: String, kind: String)] = [
        ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("batch/v1", "Job"),
    ]
}
