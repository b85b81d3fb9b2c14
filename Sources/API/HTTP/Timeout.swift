import Synchronization

/// The time limit ran out.
struct TimeoutError: Error, CustomStringConvertible {
    var description: String { "timed out" }
}

/// Runs `body`, throwing `TimeoutError` if it has not finished after `limit`. Unlike a task group,
/// this returns at the deadline even when `body` is stuck in a blocking call on another thread
/// (that call finishes in the background and its result is dropped).
func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
    let once = ResumeOnce()
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let timer = Task {
            try await Task.sleep(for: limit)
            if once.claim() { continuation.resume(throwing: TimeoutError()) }
        }
        Task {
            let result: Result<Void, any Error>
            do {
                try await body()
                result = .success(())
            } catch {
                result = .failure(error)
            }
            timer.cancel()
            if once.claim() { continuation.resume(with: result) }
        }
    }
}

/// Lets exactly one of several racers resume a continuation.
private final class ResumeOnce: Sendable {
    private let done = Mutex(false)

    func claim() -> Bool {
        done.withLock { done in
            if done { return false }
            done = true
            return true
        }
    }
}
