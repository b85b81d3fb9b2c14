/// A cluster's status, with KubeFATE's integer codes (kubefate-api.md §2.7).
public enum ClusterStatus: Int, WireEnum {
    case pending = 1
    case creating = 2
    case deleting = 3
    case updating = 4
    case running = 5
    case unavailable = 6
    case deleted = 7
    case rollback = 8
    case failed = 9
    case unknown = 10

    public var name: String {
        switch self {
        case .pending: "Pending"
        case .creating: "Creating"
        case .deleting: "Deleting"
        case .updating: "Updating"
        case .running: "Running"
        case .unavailable: "Unavailable"
        case .deleted: "Deleted"
        case .rollback: "Rollback"
        case .failed: "Failed"
        case .unknown: "Unknown"
        }
    }
}
