/// A sub-job's status. KubeFATE knows `Running` and `Success`; `Failed` is our addition for a
/// component the executor gave up on (its `Reason` says why).
public enum SubJobStatus: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case running = "Running"
    case success = "Success"
    case failed = "Failed"

    public var description: String { rawValue }
}

/// A component's readiness as KubeFATE reports it (`ModulesStatus`, kubefate-api.md §3.1).
public enum ModulesStatus: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case available = "Available"
    case progressing = "Progressing"
    case replicaFailure = "ReplicaFailure"
    case undefined = "Undefined"

    public var description: String { rawValue }
}
