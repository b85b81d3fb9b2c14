/// A user (kubefate-api.md §2.5) as the API shows it: never carries a password hash or salt.
/// `admin` (our addition) marks a service-wide administrator.
public struct User: Sendable, Hashable, Codable {
    public var uuid: String
    public var username: String
    public var email: String
    public var status: UserStatus
    public var isAdmin: Bool
    public var id: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var deletedAt: Timestamp?

    public init(uuid: String, username: String, email: String = "", status: UserStatus = .available,
                isAdmin: Bool = false, id: Int64 = 0, createdAt: Timestamp, updatedAt: Timestamp,
                deletedAt: Timestamp? = nil) {
        self.uuid = uuid
        self.username = username
        self.email = email
        self.status = status
        self.isAdmin = isAdmin
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    enum CodingKeys: String, GormModelCodingKey {
        case uuid, username, email, status = "userStatus", isAdmin = "admin"
        case id = "ID", createdAt = "CreatedAt", updatedAt = "UpdatedAt", deletedAt = "DeletedAt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try c.decodeIfPresent(String.self, forKey: .uuid) ?? ""
        username = try c.decodeIfPresent(String.self, forKey: .username) ?? ""
        email = try c.decodeIfPresent(String.self, forKey: .email) ?? ""
        status = try c.decodeIfPresent(UserStatus.self, forKey: .status) ?? .available
        isAdmin = try c.decodeIfPresent(Bool.self, forKey: .isAdmin) ?? false
        (id, createdAt, updatedAt, deletedAt) = try c.decodeGormModel()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(username, forKey: .username)
        if !email.isEmpty { try c.encode(email, forKey: .email) }
        try c.encode(status, forKey: .status)
        try c.encode(isAdmin, forKey: .isAdmin)
        try c.encodeGormModel((id, createdAt, updatedAt, deletedAt))
    }
}
