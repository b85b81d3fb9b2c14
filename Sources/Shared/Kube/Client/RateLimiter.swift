/// A token bucket shared by every request of one client: `qps` tokens a second, at most `burst`.
actor RateLimiter {
    private let qps: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private let clock = ContinuousClock()

    init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = Double(burst)
        self.tokens = Double(burst)
        self.last = clock.now
    }

    /// Waits until a token is free, then takes it.
    func acquire() async throws {
        refill()
        tokens -= 1
        if tokens >= 0 { return }
        // Reserve the token now (actor reentrancy would otherwise hand it out twice), then wait.
        let wait = Duration.nanoseconds(Int64(-tokens / qps * 1_000_000_000))
        try await Task.sleep(for: wait)
    }

    private func refill() {
        let now = clock.now
        let elapsed = now - last
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * qps)
    }
}
