import Synchronization

/// The shared, locked `RunControl` of one job run, plus the action that cuts the current step short.
///
/// The heartbeat, the time-limit timer and the shutdown path record events here; the executor's
/// context reads `interruption` at each step boundary.
final class RunMonitor: Sendable {
    private struct State {
        var control = RunControl()
        var abort: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Records `event`; runs the abort action when the event cuts the current step short.
    func record(_ event: RunControl.Event) {
        let abort = state.withLock { state -> (@Sendable () -> Void)? in
            state.control.apply(event) ? state.abort : nil
        }
        abort?()
    }

    /// Installs the action that cancels the executor; runs it at once if the run is already aborted.
    func onAbort(_ action: @escaping @Sendable () -> Void) {
        let abortNow = state.withLock { state -> Bool in
            state.abort = action
            return state.control.leaseLost || state.control.timedOut
        }
        if abortNow { action() }
    }

    /// Why the run must stop at the next step boundary, or nil.
    var interruption: JobInterruption? { state.withLock { $0.control.interruption } }
}
