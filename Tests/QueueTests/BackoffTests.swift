import Testing
@testable import KFQueue

@Suite struct BackoffTests {
    @Test func delaysDoubleFromTheInitialDelayUntilTheCap() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0)
        let delays = (0..<7).map { backoff.baseDelay(forAttempt: $0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                           .seconds(1), .seconds(1), .seconds(1)])
    }

    @Test func hugeAttemptNumbersStayAtTheCap() {
        let backoff = Backoff(initial: .milliseconds(1), maximum: .seconds(30))
        #expect(backoff.baseDelay(forAttempt: Int.max) == .seconds(30))
    }

    @Test func zeroInitialDelayMeansRetryAtOnce() {
        let backoff = Backoff(initial: .zero, maximum: .seconds(1))
        #expect(backoff.baseDelay(forAttempt: 1_000_000) == .zero)
        #expect(backoff.delay(forAttempt: 3) == .zero)
    }

    @Test func jitterStaysWithinItsFractionAndNeverExceedsTheCap() {
        let backoff = Backoff(initial: .seconds(1), maximum: .seconds(4), multiplier: 2, jitter: 0.25)
        var generator = SplitMix64(seed: 42)
        for attempt in 0..<10 {
            let base = backoff.baseDelay(forAttempt: attempt)
            for _ in 0..<50 {
                let delay = backoff.delay(forAttempt: attempt, using: &generator)
                #expect(delay >= base * 0.75)
                #expect(delay <= min(base * 1.25, .seconds(4)))
            }
        }
    }

    @Test func invalidParametersAreClamped() {
        let backoff = Backoff(initial: .seconds(2), maximum: .seconds(1), multiplier: 0.5, jitter: 3)
        #expect(backoff.maximum == .seconds(2))
        #expect(backoff.multiplier == 1)
        #expect(backoff.jitter == 1)
    }
}

/// A small deterministic generator so jitter tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
