import Synchronization

/// The shared, locked `RunControl` of one job run, plus the action that cuts the current step short.
///
/// The heartbeat, the time-limit timer and the shutdown path record events here; the executor's
/// context reads `interruption` at each step boundary.
final class RunMonitor: Sendable {
    private struct State {
        var control = RunControl()
        var abort: (@Sendable () -> Void)?
        /// The run is undoing an install: only a lost lease cuts it short.
        var cleaningUp = false
    }

    private let state = Mutex(State())

    /// Records `event`; runs the abort action when the event cuts the current step short.
    func record(_ event: RunControl.Event) {
        let abort = state.withLock { state -> (@Sendable () -> Void)? in
            let cutShort = state.control.apply(event)
            guard !state.cleaningUp || event == .leaseLost else { return nil }
            return cutShort ? state.abort : nil
        }
        abort?()
    }

    /// Installs the action that cancels the executor; runs it at once if the run is already aborted.
    func onAbort(_ action: @escaping @Sendable () -> Void) {
        let abortNow = state.withLock { state -> Bool in
            state.abort = action
            return state.control.leaseLost || state.control.timedOut || state.control.stopRequested
        }
        if abortNow { action() }
    }

    /// Installs the action that cancels a cleanup, which only a lost lease interrupts (the stop or
    /// time limit that caused it already happened); runs it at once if the lease is already lost.
    func onLeaseLoss(_ action: @escaping @Sendable () -> Void) {
        let abortNow = state.withLock { state -> Bool in
            state.abort = action
            state.cleaningUp = true
            return state.control.leaseLost
        }
        if abortNow { action() }
    }

    /// Why the run must stop at the next step boundary, or nil.
    var interruption: JobInterruption? { state.withLock { $0.control.interruption } }
}
