import Hummingbird
import KFModels

/// Probes, metrics, version and KubeFATE's two trivial routes.
struct SystemRoutes {
    let deps: APIDependencies
    /// The KubeFATE API version this service is compatible with.
    static let version = "v1.4.5"

    struct VersionBody: Encodable, Sendable {
        var msg: String
        var version: String
    }

    struct ProbeBody: Encodable, Sendable {
        var status: String
        var checks: [String: String]
    }

    /// Routes that need no token.
    func registerPublic(on router: Router<APIRequestContext>) {
        router.get("/") { _, _ in try JSONResponse.make(MessageBody(msg: "kubefate run Success")) }
        router.get("/v1") { _, _ -> Response in throw APIError.invalid("path", "error path") }
        router.get("/healthz") { _, _ in try JSONResponse.make(ProbeBody(status: "ok", checks: [:])) }
        router.get("/readyz") { _, context in try await readiness(context) }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: deps.registry.emitToBuffer())))
        }
    }

    func registerProtected(on group: RouterGroup<APIRequestContext>) {
        group.get("version") { _, context in
            _ = try context.requireIdentity()
            return try JSONResponse.make(VersionBody(msg: "getVersion Success", version: Self.version))
        }
    }

    /// 200 when the database answers a query and the broker a heartbeat within 3 s each, else 503
    /// with what failed.
    func readiness(_ context: APIRequestContext) async throws -> Response {
        async let database = check { _ = try await deps.pool.query("SELECT 1") }
        async let broker = check { try await deps.publisher.checkHealth() }
        let checks = ["database": await database, "broker": await broker]
        let ready = checks.values.allSatisfy { $0 == "ok" }
        if !ready { context.logger.warning("not ready", metadata: ["checks": "\(checks)"]) }
        return try JSONResponse.make(ProbeBody(status: ready ? "ready" : "not ready", checks: checks),
                                     status: ready ? .ok : .serviceUnavailable)
    }

    private func check(_ probe: @escaping @Sendable () async throws -> Void) async -> String {
        do {
            try await withTimeout(.seconds(3), probe)
            return "ok"
        } catch {
            return "\(error)"
        }
    }
}

