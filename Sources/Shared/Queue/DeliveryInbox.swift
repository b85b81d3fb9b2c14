import Synchronization

/// A closable multi-producer, multi-consumer hand-off buffer between the consume loop and the
/// tasks iterating `JobConsumer.deliveries()`.
///
/// Unlike an `AsyncStream` buffer, closing it hands back the elements nobody has taken yet, so the
/// consumer can return them to the broker at once instead of holding them until the connection closes.
final class DeliveryInbox<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Element?, Never>)] = []
        var cancelledWaiters: Set<UInt64> = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())

    /// Hands `element` to a waiting task or buffers it; `false` (element not taken) once closed.
    func push(_ element: Element) -> Bool {
        let outcome: (taken: Bool, waiter: CheckedContinuation<Element?, Never>?) = state.withLock { state in
            guard !state.closed else { return (false, nil) }
            guard !state.waiters.isEmpty else {
                state.buffer.append(element)
                return (true, nil)
            }
            return (true, state.waiters.removeFirst().continuation)
        }
        outcome.waiter?.resume(returning: element)
        return outcome.taken
    }

    /// The next element; `nil` once the inbox is closed and drained, or when the task is cancelled.
    func next() async -> Element? {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                let immediate: Element?? = state.withLock { state in
                    if !state.buffer.isEmpty { return .some(state.buffer.removeFirst()) }
                    if state.closed || state.cancelledWaiters.remove(id) != nil { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Element?, Never>? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                    // Not waiting yet (or already resumed): make the registration see the cancellation.
                    state.cancelledWaiters.insert(id)
                    return nil
                }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Closes the inbox: waiting tasks get `nil`, later pushes are refused, and the elements nobody
    /// took are returned to the caller.
    func close() -> [Element] {
        let (remaining, waiters) = state.withLock { state in
            state.closed = true
            let remaining = state.buffer
            let waiters = state.waiters.map(\.continuation)
            state.buffer.removeAll()
            state.waiters.removeAll()
            return (remaining, waiters)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        return remaining
    }
}
