/// Capped exponential backoff between reconnect or retry attempts.
///
/// Attempt `n` (0-based) waits `initial * multiplier^n`, capped at `maximum`, and spread by up to
/// `±jitter` (a fraction) so that many replicas do not reconnect in lockstep after a broker restart.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double
    /// Fraction in `0...1` by which a delay may deviate either way.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10),
                multiplier: Double = 2, jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = max(maximum, initial)
        self.multiplier = max(multiplier, 1)
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before attempt `attempt`, without jitter.
    public func baseDelay(forAttempt attempt: Int) -> Duration {
        let initialSeconds = initial.seconds
        let maximumSeconds = maximum.seconds
        guard initialSeconds > 0 else { return .zero }
        // Stop multiplying once the cap is reached so large attempt numbers cannot overflow.
        var seconds = initialSeconds
        var step = 0
        while step < attempt && seconds < maximumSeconds {
            seconds *= multiplier
            step += 1
        }
        return .seconds(min(seconds, maximumSeconds))
    }

    /// The delay before attempt `attempt` with jitter drawn from `generator`; never above `maximum`.
    public func delay(forAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base = baseDelay(forAttempt: attempt).seconds
        guard jitter > 0 else { return .seconds(base) }
        let factor = Double.random(in: (1 - jitter)...(1 + jitter), using: &generator)
        return .seconds(min(base * factor, maximum.seconds))
    }

    /// The delay before attempt `attempt` with jitter from the system generator.
    public func delay(forAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(forAttempt: attempt, using: &generator)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
