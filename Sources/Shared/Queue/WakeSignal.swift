import Synchronization

/// A wake-up flag one task can wait on with a timeout; wakes while nobody waits are remembered
/// (coalesced into one).
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
        var cancelledWaiter: UInt64?
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Wakes the waiting task, or the next one to wait.
    func wake() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    /// Returns when woken (or a wake is pending), when `timeout` has passed, or when the task is cancelled.
    func wait(timeout: Duration) async {
        let alreadyWoken = state.withLock { state in
            defer { state.pending = false }
            return state.pending
        }
        guard !alreadyWoken, timeout > .zero else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForWake() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForWake() async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.pending || state.cancelledWaiter == id {
                        state.pending = false
                        return true
                    }
                    state.waiter = (id, continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
                guard let waiter = state.waiter, waiter.id == id else {
                    state.cancelledWaiter = id
                    return nil
                }
                state.waiter = nil
                return waiter.continuation
            }
            waiter?.resume()
        }
    }
}
