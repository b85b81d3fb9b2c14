/// KubeFATE's user status (`userStatus`); informational only, never used for authentication.
public enum UserStatus: Int, WireEnum {
    case deprecate = 1
    case available = 2

    public var name: String {
        switch self {
        case .deprecate: "Deprecate"
        case .available: "Available"
        }
    }
}
