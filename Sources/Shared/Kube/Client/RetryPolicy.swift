/// When to try a failed request again: throttling (429), server errors (5xx) and timeouts,
/// with capped exponential backoff and jitter, honouring `Retry-After`.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 6, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(5)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// The pause before attempt `attempt + 1` (attempts count from 1), or nil to give up.
    public func delay(after attempt: Int, error: KubeError, retryAfterSeconds: Int?) -> Duration? {
        guard error.isRetryable, attempt < maxAttempts else { return nil }
        if let seconds = retryAfterSeconds { return min(.seconds(seconds), maxBackoff) }
        let exponential = initialBackoff * (1 << min(attempt - 1, 16))
        let capped = min(exponential, maxBackoff)
        // Full jitter between half and all of the backoff spreads retries of many workers.
        return capped / 2 + capped / 2 * Double.random(in: 0...1)
    }
}
