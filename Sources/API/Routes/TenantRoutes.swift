import Hummingbird
import KFDatabase
import KFModels

/// Tenants and memberships (api-contract-6): `POST /v1/tenant`, `GET /v1/tenant/`,
/// `GET/PUT/DELETE /v1/tenant/{tenant}` (uuid or name), `PUT/DELETE /v1/tenant/{tenant}/member/{username}`.
/// A tenant the caller is not a member of answers 404 (`tenant X not found`) unless they are a
/// platform admin.
struct TenantRoutes {
    let deps: APIDependencies

    /// A member as the member endpoints answer it.
    struct MemberBody: Encodable, Sendable {
        var tenant: String
        var username: String
        var role: Role
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("tenant") { request, context in try await create(request, context) }
        group.get("tenant") { request, context in try await list(request, context) }
        group.get("tenant/{tenant}") { request, context in try await get(request, context) }
        group.put("tenant/{tenant}") { request, context in try await update(request, context) }
        group.delete("tenant/{tenant}") { request, context in try await delete(request, context) }
        group.put("tenant/{tenant}/member/{username}") { request, context in try await setMember(request, context) }
        group.delete("tenant/{tenant}/member/{username}") { request, context in try await removeMember(request, context) }
    }

    func create(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        try principal.requirePlatformAdmin(to: "create tenants")
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        let name = try body.requiredString("name")
        try ClusterRequestValidator.checkToken(name, field: "name", maxLength: 255)
        let clusterQuota = try body.quota("clusterQuota").resolved(keeping: nil)
        let jobQuota = try body.quota("jobQuota").resolved(keeping: nil)
        let tenant = try await mapErrors(context) {
            try await deps.users.createTenant(name: name, clusterQuota: clusterQuota, jobQuota: jobQuota)
        }
        context.logger.info("tenant created", metadata: ["tenant": "\(name)", "by": "\(principal.username)"])
        return try JSONResponse.make(Envelope(data: tenant, msg: "createTenant Success"))
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let tenants = principal.isAdmin
            ? try await mapErrors(context) { try await deps.users.tenants() }
            : principal.memberships.map(\.tenant)
        return try JSONResponse.make(Envelope(data: tenants, msg: "getTenantList Success"))
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let tenant = try await target(context, role: .viewer, action: "read tenants")
        return try JSONResponse.make(Envelope(data: tenant, msg: "getTenant Success"))
    }

    /// Body `{"clusterQuota","jobQuota"}`: a number sets, null removes (unlimited), absent keeps.
    func update(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let tenant = try await target(context, role: .viewer, action: "read tenants")
        try principal.requirePlatformAdmin(to: "change tenant quotas")
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        let clusterQuota = try body.quota("clusterQuota").resolved(keeping: tenant.clusterQuota)
        let jobQuota = try body.quota("jobQuota").resolved(keeping: tenant.jobQuota)
        guard let updated = try await mapErrors(context, {
            try await deps.users.setQuotas(tenantID: tenant.uuid, clusterQuota: clusterQuota, jobQuota: jobQuota)
        }) else { throw Self.missing(tenant.name) }
        deps.principals.invalidateAll()
        return try JSONResponse.make(Envelope(data: updated, msg: "setTenant Success"))
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let tenant = try await target(context, role: .viewer, action: "read tenants")
        try principal.requirePlatformAdmin(to: "delete tenants")
        guard tenant.uuid != deps.defaultTenant else {
            throw APIError(status: .conflict, message: "tenant \(tenant.name) receives unowned namespaces and cannot be deleted")
        }
        guard try await mapErrors(context, { try await deps.users.deleteTenant(uuid: tenant.uuid) }) else { throw Self.missing(tenant.name) }
        deps.principals.invalidateAll()
        context.logger.info("tenant deleted", metadata: ["tenant": "\(tenant.name)", "by": "\(principal.username)"])
        return try JSONResponse.make(MessageBody(msg: "deleteTenant Success"))
    }

    /// Body `{"role": "viewer|operator|admin"}`; platform admin or an admin of the tenant.
    func setMember(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let tenant = try await target(context, role: .admin, action: "manage members")
        let username = try Self.username(context)
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        let name = try body.requiredString("role")
        guard let role = Role(rawValue: name) else { throw APIError.invalid("role", "role must be viewer, operator or admin, got '\(name)'") }
        try await mapErrors(context) {
            guard try await deps.users.user(username: username) != nil else {
                throw KubefateError(.notFound, "user \(username) not found", context: [.field: "username"])
            }
            try await deps.users.setMembership(username: username, tenantID: tenant.uuid, role: role)
        }
        deps.principals.invalidateAll()
        context.logger.info("member set", metadata: ["tenant": "\(tenant.name)", "member": "\(username)", "role": "\(role)",
                                                     "by": "\(principal.username)"])
        return try JSONResponse.make(Envelope(data: MemberBody(tenant: tenant.name, username: username, role: role), msg: "setMember Success"))
    }

    func removeMember(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let tenant = try await target(context, role: .admin, action: "manage members")
        let username = try Self.username(context)
        guard try await mapErrors(context, { try await deps.users.removeMembership(username: username, tenantID: tenant.uuid) }) else {
            throw APIError.notFound("user \(username) is not a member of tenant \(tenant.name)")
        }
        deps.principals.invalidateAll()
        context.logger.info("member removed", metadata: ["tenant": "\(tenant.name)", "member": "\(username)", "by": "\(principal.username)"])
        return try JSONResponse.make(MessageBody(msg: "deleteMember Success"))
    }

    /// The `{tenant}` (uuid or name) when the caller holds `role` in it (platform admins always).
    private func target(_ context: APIRequestContext, role: Role, action: String) async throws(APIError) -> Tenant {
        let principal = try context.principal
        guard let reference = context.parameters.get("tenant"), !reference.isEmpty, reference.utf8.count <= 255 else {
            throw Self.missing("")
        }
        if let membership = principal.memberships.first(where: { $0.tenant.uuid == reference || $0.tenant.name == reference }) {
            try principal.require(role, inTenant: membership.tenant.uuid, to: action)
            // Quotas may have changed since the principal was cached: answer the stored tenant.
            return try await mapErrors(context) { try await deps.users.tenant(uuid: membership.tenant.uuid) } ?? membership.tenant
        }
        guard principal.isAdmin,
              let tenant = try await mapErrors(context, { try await deps.users.tenant(reference: reference) })
        else { throw Self.missing(reference) }
        return tenant
    }

    static func missing(_ reference: String) -> APIError { APIError.notFound("tenant \(reference) not found") }

    static func username(_ context: APIRequestContext) throws(APIError) -> String {
        guard let name = context.parameters.get("username"), !name.isEmpty else { throw APIError.invalid("username", "username is required") }
        return name
    }
}
