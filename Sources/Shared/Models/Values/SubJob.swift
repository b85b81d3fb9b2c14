/// Progress of one component (Deployment/StatefulSet) of a job, the value type of the job's
/// `sub_jobs` map (kubefate-api.md §2.3.2). KubeFATE's keys are capitalised; `PodStatus`,
/// `Reason` and `Duration` (nanoseconds, like Go's `time.Duration`) are our additions.
public struct SubJob: Sendable, Hashable, Codable {
    /// The component name, also the key in `sub_jobs`.
    public var moduleName: String
    public var status: SubJobStatus
    public var modulesStatus: ModulesStatus
    /// Phase or waiting reason of the component's pods (e.g. `Running`, `ContainerCreating`), or empty.
    public var podStatus: String
    /// Why the component is not ready or failed, or empty.
    public var reason: String
    public var startTime: Timestamp
    /// Zero until the component first became available (or failed).
    public var endTime: Timestamp

    public init(moduleName: String, status: SubJobStatus = .running, modulesStatus: ModulesStatus = .progressing,
                podStatus: String = "", reason: String = "", startTime: Timestamp = .now(), endTime: Timestamp = .zero) {
        self.moduleName = moduleName
        self.status = status
        self.modulesStatus = modulesStatus
        self.podStatus = podStatus
        self.reason = reason
        self.startTime = startTime
        self.endTime = endTime
    }

    /// `endTime - startTime`, or zero while the component is not finished.
    public var duration: Duration {
        endTime.isZero || startTime.isZero ? .zero : endTime.since(startTime)
    }

    enum CodingKeys: String, CodingKey {
        case moduleName = "ModuleName", status = "Status", modulesStatus = "ModulesStatus"
        case podStatus = "PodStatus", reason = "Reason"
        case startTime = "StartTime", endTime = "EndTime", duration = "Duration"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        moduleName = try c.decode(String.self, forKey: .moduleName)
        status = try c.decode(SubJobStatus.self, forKey: .status)
        modulesStatus = try c.decode(ModulesStatus.self, forKey: .modulesStatus)
        podStatus = try c.decodeIfPresent(String.self, forKey: .podStatus) ?? ""
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        startTime = try c.decodeIfPresent(Timestamp.self, forKey: .startTime) ?? .zero
        endTime = try c.decodeIfPresent(Timestamp.self, forKey: .endTime) ?? .zero
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(moduleName, forKey: .moduleName)
        try c.encode(status, forKey: .status)
        try c.encode(modulesStatus, forKey: .modulesStatus)
        try c.encode(podStatus, forKey: .podStatus)
        try c.encode(reason, forKey: .reason)
        try c.encode(startTime, forKey: .startTime)
        try c.encode(endTime, forKey: .endTime)
        try c.encode(duration.nanoseconds, forKey: .duration)
    }
}

extension Duration {
    /// The whole nanoseconds of this duration (Go's `time.Duration` integer).
    public var nanoseconds: Int64 {
        let (s, atto) = components
        return s * 1_000_000_000 + atto / 1_000_000_000
    }
}
