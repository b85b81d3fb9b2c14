import KFDatabase
import KFModels

/// The access decisions the chart, audit, events and dry-run routes make, in the words of the
/// tenancy contract: a platform admin may do anything; a member holds one role per tenant; a
/// resource of a tenant the caller is not in answers 404, a role too low 403.
protocol Caller: Sendable {
    var username: String { get }
    /// Platform admin (`users.is_admin`).
    var isAdmin: Bool { get }
    /// Tenants whose resources the caller may read; nil means every tenant (platform admin).
    var visibleTenants: [String]? { get }
    /// The caller's membership in tenant `uuid`, or nil.
    func membership(inTenant uuid: String) -> Membership?
    /// Allows `action` on a resource of `tenant` (nil: of no tenant) for at least `role`; throws
    /// `notFound()` for non-members and 403 for a role too low.
    func require(_ role: Role, inTenant tenant: String?, to action: String, notFound: @autoclosure () -> APIError) throws(APIError)
    /// Allows `action` only for a platform admin (403 otherwise).
    func requirePlatformAdmin(to action: String) throws(APIError)
}

/// A `Caller` read from the user directory: the user row and their memberships.
struct DirectoryCaller: Caller {
    let user: User
    let memberships: [Membership]

    var username: String { user.username }
    var isAdmin: Bool { user.isAdmin }
    var visibleTenants: [String]? { isAdmin ? nil : memberships.map(\.tenant.uuid) }

    func membership(inTenant uuid: String) -> Membership? {
        memberships.first { $0.tenant.uuid == uuid }
    }

    func require(_ role: Role, inTenant tenant: String?, to action: String, notFound: @autoclosure () -> APIError) throws(APIError) {
        if isAdmin { return }
        guard let tenant, let membership = membership(inTenant: tenant) else { throw notFound() }
        guard membership.role.allows(role) else {
            throw APIError(status: .forbidden, message: "role \(membership.role) in tenant \(membership.tenant.name) cannot \(action)")
        }
    }

    func requirePlatformAdmin(to action: String) throws(APIError) {
        guard isAdmin else {
            throw APIError(status: .forbidden, message: "user \(username) is not a platform admin and cannot \(action)")
        }
    }

    /// The authenticated caller of `context`, read from `users`.
    static func resolve(_ context: APIRequestContext, users: UserRepository) async throws -> DirectoryCaller {
        let identity = try context.requireIdentity()
        let found = try await mapErrors(context) { () async throws -> (User?, [Membership]) in
            (try await users.user(username: identity.username), try await users.memberships(username: identity.username))
        }
        guard let user = found.0, user.deletedAt == nil else { throw APIError.unauthenticated(JWTError(.missingToken, "user not found")) }
        return DirectoryCaller(user: user, memberships: found.1)
    }
}

extension APIDependencies {
    /// The authenticated caller of `context` with their tenancy.
    func caller(_ context: APIRequestContext) async throws -> any Caller {
        try await DirectoryCaller.resolve(context, users: users)
    }
}
