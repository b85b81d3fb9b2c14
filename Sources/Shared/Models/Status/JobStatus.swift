/// A job's status, with KubeFATE's integer codes (kubefate-api.md §2.7).
public enum JobStatus: Int, WireEnum {
    case pending = 1
    case running = 2
    case success = 3
    case failed = 4
    case rollback = 5
    case timeout = 6
    case stopping = 7
    case canceled = 8

    public var name: String {
        switch self {
        case .pending: "Pending"
        case .running: "Running"
        case .success: "Success"
        case .failed: "Failed"
        case .rollback: "Rollback"
        case .timeout: "Timeout"
        case .stopping: "Stopping"
        case .canceled: "Canceled"
        }
    }

    /// Whether the job has ended (no worker will touch it again).
    public var isTerminal: Bool {
        switch self {
        case .pending, .running, .stopping: false
        case .success, .failed, .rollback, .timeout, .canceled: true
        }
    }

    /// Whether the job holds its cluster (at most one active job per cluster).
    public var isActive: Bool { !isTerminal }
}
