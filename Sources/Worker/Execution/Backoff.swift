import Synchronization

/// Exponential backoff with jitter for retrying calls to the database or the broker.
struct Backoff: Sendable {
    var initial: Duration = .milliseconds(200)
    var maximum: Duration = .seconds(5)
    private(set) var attempt = 0

    init(initial: Duration = .milliseconds(200), maximum: Duration = .seconds(5)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The next delay: doubles from `initial` up to `maximum`, with ±25 % jitter.
    mutating func next() -> Duration {
        let factor = Double(1 << min(attempt, 16))
        attempt += 1
        let base = min(DurationText.seconds(initial) * factor, DurationText.seconds(maximum))
        let jittered = base * Double.random(in: 0.75...1.25)
        return .milliseconds(Int64(jittered * 1000))
    }

    /// Back to `initial` after a success.
    mutating func reset() { attempt = 0 }
}

/// A `Backoff` shared by concurrent tasks: consecutive failures anywhere lengthen the delay, and
/// a success anywhere resets it.
final class SharedBackoff: Sendable {
    private let backoff: Mutex<Backoff>

    init(_ backoff: Backoff) {
        self.backoff = Mutex(backoff)
    }

    func next() -> Duration { backoff.withLock { $0.next() } }

    func reset() { backoff.withLock { $0.reset() } }
}
