import Synchronization

/// How many API requests the simulator has answered, for benchmarks and tests that measure how
/// many calls a client makes (`GET /kubesim/v1/stats`: `requests`, `watchRequests`).
public final class RequestCounter: Sendable {
    private let counts = Mutex<(requests: Int, watches: Int)>((0, 0))

    public init() {}

    /// Requests answered so far, and how many of them were watches.
    public var current: (requests: Int, watches: Int) { counts.withLock { $0 } }

    func record(_ req: APIRequest) {
        let watch = req.query["watch"] == "true" || req.query["watch"] == "1" || req.path.contains("/watch/")
        counts.withLock {
            $0.requests += 1
            if watch { $0.watches += 1 }
        }
    }
}
