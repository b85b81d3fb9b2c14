import Foundation
import Synchronization

/// Principals by token id for a few seconds, so a polling client costs one HMAC and a dictionary
/// lookup per request instead of database reads. Logout of a token and any change to users,
/// memberships, tenants or namespaces in this process invalidate at once; other replicas see
/// such changes after at most `lifetime`.
final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var until: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: Duration
    /// Entries above this are dropped wholesale (the cache refills on demand).
    let capacity: Int

    init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached principal of token `tokenID`, unless stale.
    func principal(tokenID: String) -> Principal? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[tokenID] else { return nil }
            guard entry.until > now else {
                entries[tokenID] = nil
                return nil
            }
            return entry.principal
        }
    }

    func store(_ principal: Principal) {
        let until = ContinuousClock.now.advanced(by: lifetime)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[principal.tokenID] = Entry(principal: principal, until: until)
        }
    }

    /// Forgets token `tokenID` (logout).
    func invalidate(tokenID: String) {
        _ = entries.withLock { $0.removeValue(forKey: tokenID) }
    }

    /// Forgets everything (a user, role, tenant or namespace changed).
    func invalidateAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
