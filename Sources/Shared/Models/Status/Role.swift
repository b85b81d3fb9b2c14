/// A user's role within a tenant; each role includes the permissions of the ones before it.
public enum Role: String, Codable, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Reads clusters and jobs of the tenant.
    case viewer
    /// Also installs, updates, deletes clusters and stops jobs.
    case `operator`
    /// Also manages the tenant's members and namespaces.
    case admin

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// Whether this role grants at least `required`.
    public func allows(_ required: Role) -> Bool { self >= required }
}
