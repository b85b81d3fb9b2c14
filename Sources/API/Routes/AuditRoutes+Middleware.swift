import Foundation
import Hummingbird
import KFDatabase
import KFModels

/// Records every mutating call (POST, PUT, DELETE) behind `AuthMiddleware` in the audit log:
/// who, the tenant of the affected resource when the answer names one, the action (`cluster.install`,
/// `chart.delete`, …), the target (the path's id, else the answer's uuid) and the outcome
/// (`ok`, `invalid`, `denied`, `not found`, `conflict`, `quota`, `error`, …). A failure to write
/// the entry is logged; it never changes the answer.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let repository: AuditRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .delete].contains(request.method), let actor = context.identity?.username else {
            return try await next(request, context)
        }
        do {
            var response = try await next(request, context)
            var body: [UInt8] = []
            if ResponseCollector.isBounded(response) {
                (response, body) = try await ResponseCollector.collect(response)
            }
            await record(request, context, actor: actor, status: response.status.code, body: body)
            return response
        } catch let error as APIError {
            await record(request, context, actor: actor, status: error.status.code, body: [], message: error.message)
            throw error
        } catch {
            await record(request, context, actor: actor, status: 500, body: [], message: "internal error")
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, actor: String, status: Int, body: [UInt8], message: String? = nil) async {
        let route = context.endpointPath ?? request.uri.path
        let answer = Self.answerFields(body)
        let target = Self.pathTarget(route: route, path: request.uri.path) ?? answer.target ?? ""
        var detail = message
        if detail == nil, status >= 400, case .object(let object)? = answer.json, case .string(let text)? = object["error"] { detail = text }
        if detail == nil, let job = answer.job, job != target { detail = "job \(job)" }
        let entry = AuditEntry(actor: actor, tenant: answer.tenant, action: Self.action(method: request.method, route: route, request: request),
                               target: String(target.prefix(255)), outcome: Self.outcome(status), detail: detail)
        do {
            try await repository.record(entry)
        } catch {
            context.logger.error("audit entry not written", metadata: ["error": "\(error)", "action": "\(entry.action)"])
        }
    }

    /// `<resource>.<verb>`: `cluster.install|update|delete|dryRun`, `job.stop|delete`,
    /// `chart.upload|delete`, otherwise `create|update|delete` by method.
    static func action(method: HTTPRequest.Method, route: String, request: Request) -> String {
        let parts = route.split(separator: "/").map(String.init)
        let resource = parts.count > 1 && parts[0] == "v1" ? parts[1] : (parts.first ?? "request")
        let dryRun = request.uri.queryParameters.get("dryRun") == "true"
        switch (resource, method) {
        case ("cluster", .post): return dryRun ? "cluster.dryRun" : "cluster.install"
        case ("cluster", .put): return dryRun ? "cluster.dryRun" : "cluster.update"
        case ("job", .put): return "job.\(request.uri.queryParameters.get("jobStatus") ?? "update")"
        case ("chart", .post): return "chart.upload"
        case (_, .post): return "\(resource).create"
        case (_, .put): return "\(resource).update"
        default: return "\(resource).delete"
        }
    }

    static func outcome(_ status: Int) -> String {
        switch status {
        case 200..<300: "ok"
        case 400, 413, 422: "invalid"
        case 401: "unauthenticated"
        case 403: "denied"
        case 404: "not found"
        case 409: "conflict"
        case 429: "quota"
        default: status >= 500 ? "error" : "refused"
        }
    }

    /// The values of the route's `{parameters}` in the request path, joined by `/`.
    static func pathTarget(route: String, path: String) -> String? {
        let routeParts = route.split(separator: "/")
        let pathParts = path.split(separator: "/")
        let values = zip(routeParts, pathParts).filter { $0.0.hasPrefix("{") }.map { String($0.1) }
        return values.isEmpty ? nil : values.joined(separator: "/").removingPercentEncoding
    }

    /// `data.uuid` / `data.helmUUID`, `data.tenant` and, for job answers, the job id.
    static func answerFields(_ body: [UInt8]) -> (json: JSONValue?, target: String?, tenant: String?, job: String?) {
        guard !body.isEmpty, let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else { return (nil, nil, nil, nil) }
        guard case .object(let top) = json, case .object(let data)? = top["data"] else { return (json, nil, nil, nil) }
        func string(_ key: String) -> String? {
            if case .string(let text)? = data[key], !text.isEmpty { return text }
            return nil
        }
        let isJob = string("method") != nil
        return (json, string("uuid") ?? string("helmUUID"), string("tenant"), isJob ? string("uuid") : nil)
    }
}
