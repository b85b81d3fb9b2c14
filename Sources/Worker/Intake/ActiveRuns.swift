import Synchronization

/// The monitors of the runs in progress in this process, so shutdown can reach all of them.
final class ActiveRuns: Sendable {
    private struct State {
        var monitors: [ObjectIdentifier: RunMonitor] = [:]
        var shuttingDown = false
    }

    private let state = Mutex(State())

    /// Registers a new run's monitor; a run starting during shutdown learns of it at once.
    func add(_ monitor: RunMonitor) {
        let shuttingDown = state.withLock { state -> Bool in
            state.monitors[ObjectIdentifier(monitor)] = monitor
            return state.shuttingDown
        }
        if shuttingDown { monitor.record(.shutdownRequested) }
    }

    func remove(_ monitor: RunMonitor) {
        _ = state.withLock { $0.monitors.removeValue(forKey: ObjectIdentifier(monitor)) }
    }

    /// Tells every run (and every later one) that the worker is shutting down.
    func shutdown() {
        let monitors = state.withLock { state -> [RunMonitor] in
            state.shuttingDown = true
            return Array(state.monitors.values)
        }
        for monitor in monitors { monitor.record(.shutdownRequested) }
    }

    var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }
}
