import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP server of a simulator plus its controller loop, as ServiceLifecycle services.
public struct KubeSimServer: Sendable {
    /// The simulator served.
    public let sim: KubeSim

    public init(sim: KubeSim) { self.sim = sim }

    /// The Hummingbird application listening on `host:port`; `onRunning` receives the bound port.
    public func application(host: String, port: Int, logger: Logger,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol
    {
        Application(
            responder: KubeResponder(api: sim.api),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [ControllerLoop(sim: sim, logger: logger)],
            onServerRunning: { ch in await onRunning(ch.localAddress?.port ?? port) },
            logger: logger)
    }

    /// A server started in-process (tests): stop it with ``Running/stop()``.
    public struct Running: Sendable {
        /// Bound port.
        public let port: Int
        let task: Task<Void, any Error>
        /// Base URL, `http://127.0.0.1:<port>`.
        public var url: String { "http://127.0.0.1:\(port)" }
        /// Stops the server and its controllers.
        public func stop() async {
            task.cancel()
            _ = await task.result
        }
    }

    /// Starts the server on loopback (port 0 picks a free port) and waits until it listens.
    public func start(host: String = "127.0.0.1", port: Int = 0, logger: Logger = Logger(label: "kubesim")) async throws -> Running {
        let (stream, cont) = AsyncStream<Int>.makeStream()
        let app = application(host: host, port: port, logger: logger) { p in cont.yield(p) }
        let sim = self.sim
        let task = Task {
            defer { sim.cluster.store.closeWatches() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var bound = 0
        for await p in stream { bound = p; break }
        return Running(port: bound, task: task)
    }
}

/// Runs the controllers every `interval` until shutdown, then ends open watches.
struct ControllerLoop: Service {
    let sim: KubeSim
    let logger: Logger
    var interval: Duration = .milliseconds(50)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                sim.reconcile()
                try await Task.sleep(for: interval)
            }
        }
        sim.cluster.store.closeWatches()
    }
}
