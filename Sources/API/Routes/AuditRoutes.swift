import Hummingbird
import KFDatabase
import KFModels

/// `GET /v1/audit/?limit=&before=`: the audit log, newest first. Platform admins read every entry;
/// a tenant admin reads the entries of the tenants they administer; anyone else gets 403.
/// `before` is an entry id (the last one of the previous page).
struct AuditRoutes {
    let deps: APIDependencies

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("audit") { request, context in try await list(request, context) }
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let tenants: [String]?
        if caller.isAdmin {
            tenants = nil
        } else {
            tenants = caller.visibleTenants?.filter { caller.membership(inTenant: $0)?.role == .admin }
            guard tenants?.isEmpty == false else {
                throw APIError(status: .forbidden, message: "user \(caller.username) administers no tenant and cannot read the audit log")
            }
        }
        let query = request.uri.queryParameters
        var limit = 100
        if let text = query.get("limit") {
            guard let n = Int(text), (1...1000).contains(n) else { throw APIError.invalid("limit", "limit must be an integer in 1...1000") }
            limit = n
        }
        var before: Int64?
        if let text = query.get("before") {
            guard let n = Int64(text), n > 0 else { throw APIError.invalid("before", "before must be a positive entry id") }
            before = n
        }
        let entries = try await mapErrors(context) { try await deps.audit.entries(tenants: tenants, limit: limit, before: before) }
        return try JSONResponse.make(Envelope(data: entries, msg: "getAuditLog Success"))
    }
}
