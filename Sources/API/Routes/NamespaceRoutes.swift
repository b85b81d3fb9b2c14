import Foundation
import Hummingbird
import KFDatabase
import KFModels

/// Namespace ownership (api-contract-6): `GET /v1/namespace/` in KubeFATE's shape (§2.6), limited
/// to the namespaces of the caller's tenants (platform admin: every owned namespace);
/// `POST /v1/namespace` `{"name","tenant"}` grants one, `DELETE /v1/namespace/{name}` releases it
/// (platform admin only; 409 while live clusters are in it).
struct NamespaceRoutes {
    let deps: APIDependencies

    /// KubeFATE's namespace item, plus our `Tenant` (the owner's name).
    struct NamespaceBody: Encodable, Sendable {
        var name: String
        var status: String
        var labels: [String: String]?
        var annotations: [String: String]?
        var age: String
        var tenant: String

        enum CodingKeys: String, CodingKey {
            case name = "Name", status = "Status", labels = "Labels", annotations = "Annotations", age = "Age", tenant = "Tenant"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(status, forKey: .status)
            try c.encode(labels, forKey: .labels)
            try c.encode(annotations, forKey: .annotations)
            try c.encode(age, forKey: .age)
            try c.encode(tenant, forKey: .tenant)
        }
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("namespace") { request, context in try await list(request, context) }
        group.post("namespace") { request, context in try await grant(request, context) }
        group.delete("namespace/{name}") { request, context in try await release(request, context) }
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let owned = try await mapErrors(context) { try await deps.users.ownedNamespaces(tenants: principal.visibleTenants) }
        let names = try await tenantNames(principal, context)
        let now = Date()
        let items = owned.map { n in
            NamespaceBody(name: n.name, status: "Active", labels: nil, annotations: nil,
                          age: HumanDuration.format(now.timeIntervalSince(n.createdAt.date)), tenant: names[n.tenant] ?? n.tenant)
        }
        return try JSONResponse.make(Envelope(data: items, msg: "getNamespaceList Success"))
    }

    func grant(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        try principal.requirePlatformAdmin(to: "grant namespaces")
        let body = try await JSONBody.read(request, limit: 64 * 1024)
        let name = try body.requiredString("name")
        try ClusterRequestValidator.checkDNSLabel(name, field: "name", maxLength: 63)
        let reference = try body.requiredString("tenant")
        guard let tenant = try await mapErrors(context, { try await deps.users.tenant(reference: reference) }) else {
            throw APIError(status: .notFound, message: "tenant \(reference) not found", field: "tenant")
        }
        try await mapErrors(context) { try await deps.users.grantNamespace(name, tenantID: tenant.uuid) }
        deps.principals.invalidateAll()
        context.logger.info("namespace granted", metadata: ["namespace": "\(name)", "tenant": "\(tenant.name)", "by": "\(principal.username)"])
        let item = NamespaceBody(name: name, status: "Active", labels: nil, annotations: nil, age: "0s", tenant: tenant.name)
        return try JSONResponse.make(Envelope(data: item, msg: "createNamespace Success"))
    }

    func release(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        try principal.requirePlatformAdmin(to: "remove namespaces")
        guard let name = context.parameters.get("name"), !name.isEmpty, name.utf8.count <= 253 else { throw APIError.notFound() }
        guard try await mapErrors(context, { try await deps.users.deleteNamespace(name) }) else {
            throw APIError.notFound("namespace \(name) not found")
        }
        deps.principals.invalidateAll()
        context.logger.info("namespace released", metadata: ["namespace": "\(name)", "by": "\(principal.username)"])
        return try JSONResponse.make(MessageBody(msg: "deleteNamespace Success"))
    }

    /// Tenant names by uuid, for the tenants the caller can see.
    private func tenantNames(_ principal: Principal, _ context: APIRequestContext) async throws(APIError) -> [String: String] {
        let tenants = principal.isAdmin ? try await mapErrors(context) { try await deps.users.tenants() } : principal.memberships.map(\.tenant)
        return Dictionary(tenants.map { ($0.uuid, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Kubernetes' `duration.HumanDuration` (kubectl's AGE column), which KubeFATE's `Age` uses.
enum HumanDuration {
    static func format(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
