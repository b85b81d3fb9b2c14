import Hummingbird
import Logging
import Prometheus

/// The worker's optional HTTP endpoint: `/metrics` (Prometheus text) and `/healthz`.
enum MetricsServer {
    /// A Hummingbird application serving `registry` on `host:port`; run it as a service.
    static func application(
        registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            let text = registry.emitToString()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/healthz") { _, _ in "ok" }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "kubefate-worker"),
            logger: logger)
    }
}
