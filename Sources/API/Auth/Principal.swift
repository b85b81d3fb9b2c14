import KFDatabase
import KFModels

/// The authenticated caller: the user, whether they are a platform admin, their role in each
/// tenant, and the token they presented. `AuthMiddleware` puts it into `APIRequestContext`; every
/// protected route authorises through `require(_:inTenant:to:)`, `require(_:inNamespace:to:)` or
/// `requirePlatformAdmin(to:)`, so the tenancy rules live here only:
///
/// - a platform admin may do anything anywhere;
/// - a resource of a tenant the caller is not a member of (or of no tenant) answers 404 with the
///   same body as a missing one, so existence never leaks;
/// - a member whose role is too low gets 403 `role viewer in tenant X cannot <action>`.
struct Principal: Sendable {
    let user: User
    let memberships: [Membership]
    /// The token's `jti` (the key logout revokes) and expiry (unix seconds).
    let tokenID: String
    let tokenExpiresAt: Int64
    /// Reads namespace ownership for `require(_:inNamespace:to:)`.
    let directory: UserRepository

    var username: String { user.username }
    var isAdmin: Bool { user.isAdmin }

    /// The caller's membership in tenant `uuid`, or nil.
    func membership(inTenant uuid: String) -> Membership? {
        memberships.first { $0.tenant.uuid == uuid }
    }

    /// The uuids of the tenants whose resources the caller may read; nil means every tenant
    /// (platform admin). Use it to filter lists.
    var visibleTenants: [String]? { isAdmin ? nil : memberships.map(\.tenant.uuid) }

    /// Whether the caller may read resources of tenant `uuid` (nil: a resource of no tenant).
    func canRead(tenant uuid: String?) -> Bool {
        if isAdmin { return true }
        guard let uuid else { return false }
        return membership(inTenant: uuid) != nil
    }

    /// Allows `action` on a resource of tenant `tenant` (a uuid; nil for a resource of no tenant)
    /// when the caller holds at least `role` there. Throws `notFound` when the caller is not a
    /// member (existence is not revealed) and 403 when their role is too low.
    func require(_ role: Role, inTenant tenant: String?, to action: String,
                 notFound: @autoclosure () -> APIError = .notFound()) throws(APIError) {
        if isAdmin { return }
        guard let tenant, let membership = membership(inTenant: tenant) else { throw notFound() }
        guard membership.role.allows(role) else {
            throw APIError.forbidden("role \(membership.role) in tenant \(membership.tenant.name) cannot \(action)")
        }
    }

    /// Resolves the tenant owning `namespace` and applies `require(_:inTenant:to:)` to it; returns
    /// that tenant. A namespace no tenant owns answers 404 `namespace X not found`, except for a
    /// platform admin when `grantUnownedTo` names a tenant: the namespace is then granted to it
    /// (race-free: whoever claims first owns it) and that owner is returned.
    func require(_ role: Role, inNamespace namespace: String, to action: String,
                 grantUnownedTo tenant: String? = nil) async throws(APIError) -> Tenant {
        let missing = APIError.notFound("namespace \(namespace) not found")
        let directory = self.directory
        if let owner = try await mapDirectoryErrors({ try await directory.namespaceTenant(namespace) }) {
            try require(role, inTenant: owner.uuid, to: action, notFound: missing)
            return owner
        }
        guard isAdmin, let tenant else { throw missing }
        let owner = try await mapDirectoryErrors { () async throws -> Tenant? in
            _ = try await directory.claimNamespace(namespace, tenantID: tenant)
            return try await directory.namespaceTenant(namespace)
        }
        guard let owner else { throw missing }
        return owner
    }

    /// Allows `action` only for a platform admin (403 otherwise).
    func requirePlatformAdmin(to action: String) throws(APIError) {
        guard isAdmin else { throw APIError.forbidden("user \(username) is not a platform admin and cannot \(action)") }
    }

    /// Allows `action` for a platform admin or an admin of tenant `tenant` (403 for other members,
    /// 404 for non-members, as `require`).
    func requireTenantAdmin(_ tenant: String, to action: String, notFound: @autoclosure () -> APIError = .notFound()) throws(APIError) {
        try require(.admin, inTenant: tenant, to: action, notFound: notFound())
    }

    private func mapDirectoryErrors<T>(_ body: () async throws -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch let error as KubefateError {
            throw APIError(error)
        } catch {
            throw APIError.unavailable("service temporarily unavailable, please retry")
        }
    }
}
