import Hummingbird
import Metrics
import Synchronization

/// Counts requests and times them by route template (`/v1/job/{id}`, never the raw path, so the
/// label set stays small), method and status:
/// `kubefate_http_requests_total{route,method,status}` and
/// `kubefate_http_request_duration_seconds{route,method}`.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    private let cache = MetricCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            record(route: context.endpointPath, method: method, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(route: context.endpointPath, method: method, status: status, since: start)
            throw error
        }
    }

    private func record(route: String?, method: String, status: Int, since start: ContinuousClock.Instant) {
        let route = route ?? "unmatched"
        cache.counter(route: route, method: method, status: status).increment()
        cache.timer(route: route, method: method).record(duration: start.duration(to: .now))
    }
}

/// swift-metrics handles are cheap to use but not to create; keep one per label set.
private final class MetricCache: Sendable {
    private struct CounterKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct TimerKey: Hashable {
        var route: String
        var method: String
    }

    private let counters = Mutex<[CounterKey: Counter]>([:])
    private let timers = Mutex<[TimerKey: Metrics.Timer]>([:])

    func counter(route: String, method: String, status: Int) -> Counter {
        let key = CounterKey(route: route, method: method, status: status)
        return counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let counter = Counter(label: "kubefate_http_requests_total",
                                  dimensions: [("route", route), ("method", method), ("status", String(status))])
            cache[key] = counter
            return counter
        }
    }

    func timer(route: String, method: String) -> Metrics.Timer {
        let key = TimerKey(route: route, method: method)
        return timers.withLock { cache in
            if let timer = cache[key] { return timer }
            let timer = Metrics.Timer(label: "kubefate_http_request_duration_seconds",
                                      dimensions: [("route", route), ("method", method)], preferredDisplayUnit: .seconds)
            cache[key] = timer
            return timer
        }
    }
}
