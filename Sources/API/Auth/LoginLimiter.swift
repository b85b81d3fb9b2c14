import Foundation
import Synchronization

/// Refuses logins for a username from one address after `maxFailures` failed attempts within
/// `window`, until the oldest of those failures leaves the window. Checked before the password
/// hash is computed, so a flood of guesses costs no PBKDF2 work. Kept per process (each API
/// replica counts its own failures).
final class LoginLimiter: Sendable {
    private struct Key: Hashable {
        var username: String
        var address: String
    }

    private let failures = Mutex<[Key: [ContinuousClock.Instant]]>([:])
    let maxFailures: Int
    let window: Duration

    init(maxFailures: Int = 5, window: Duration = .seconds(300)) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// How long this username+address must wait, or nil when it may try now.
    func retryAfter(username: String, address: String) -> Duration? {
        let now = ContinuousClock.now, key = Key(username: username, address: address)
        return failures.withLock { failures -> Duration? in
            let recent = (failures[key] ?? []).filter { now - $0 < window }
            failures[key] = recent.isEmpty ? nil : recent
            guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
            return window - (now - oldest)
        }
    }

    /// Records a failed attempt.
    func recordFailure(username: String, address: String) {
        let now = ContinuousClock.now, key = Key(username: username, address: address)
        failures.withLock { failures in
            if failures.count > 100_000 { failures = failures.filter { $0.value.contains { now - $0 < window } } }
            failures[key, default: []].append(now)
        }
    }

    /// Forgets the failures of a username+address after a successful login.
    func recordSuccess(username: String, address: String) {
        _ = failures.withLock { $0.removeValue(forKey: Key(username: username, address: address)) }
    }
}
