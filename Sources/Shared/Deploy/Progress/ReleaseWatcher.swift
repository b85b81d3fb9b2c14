import KFKube

/// A tracked object of a release.
public struct ComponentRef: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String

    public init(apiVersion: String, kind: String, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
    }
}

/// Follows a release's components through watches (not polling) until all are ready, one fails,
/// a blocking cause outlasts the grace period, or the time limit passes.
public struct ReleaseWatcher: Sendable {
    public let client: KubeClient
    /// How long a component may stay blocked (image pull, crash loop, unschedulable) before the wait fails.
    public var failureGrace: Duration
    public var timeout: Duration

    public init(client: KubeClient, failureGrace: Duration = .seconds(120), timeout: Duration = .seconds(3600)) {
        self.client = client
        self.failureGrace = failureGrace
        self.timeout = timeout
    }

    private enum Feed: Sendable {
        case objects(String, ObservedChange)
        case pods(ObservedChange)
        case tick
    }

    /// Waits for every component; returns their final progress.
    @discardableResult
    public func waitUntilReady(namespace: String, components: [ComponentRef], reporter: any DeployProgressReporter) async throws -> [ComponentProgress] {
        guard !components.isEmpty else { return [] }
        let kinds = Set(components.map { "\($0.apiVersion)|\($0.kind)" })
        let (feed, input) = AsyncThrowingStream<Feed, any Error>.makeStream()
        let client = self.client
        let producers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for key in kinds {
                    let parts = key.split(separator: "|").map(String.init)
                    group.addTask {
                        for try await change in client.observe(apiVersion: parts[0], kind: parts[1], namespace: namespace) {
                            input.yield(.objects(parts[1], change))
                        }
                    }
                }
                group.addTask {
                    for try await change in client.observe(apiVersion: "v1", kind: "Pod", namespace: namespace) { input.yield(.pods(change)) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(1))
                        input.yield(.tick)
                    }
                }
                try await group.waitForAll()
            }
        }
        defer { producers.cancel() }
        input.onTermination = { _ in producers.cancel() }

        var state = WatchState(components: components)
        var waitReported = false
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        for try await item in feed {
            switch item {
            case .objects(let kind, let change): state.apply(change, kind: kind)
            case .pods(let change): state.apply(change, kind: "Pod")
            case .tick: break
            }
            let changed = state.changedProgress()
            for progress in changed { try await reporter.component(progress) }
            if !changed.isEmpty, !waitReported {
                waitReported = true
                try await reporter.reached(.midWait)
            }
            let now = clock.now
            if let failed = state.failure(now: now, grace: failureGrace) {
                // The component's own row says it failed, and why, before the action gives up.
                if var last = state.progress.first(where: { $0.name == failed.component }) {
                    last.readiness = .failed(failed.message)
                    try await reporter.component(last)
                }
                throw failed
            }
            if state.allReady { return state.progress }
            if now >= deadline {
                let waiting = state.progress.filter { !$0.readiness.isCurrent }.map(\.name).sorted().joined(separator: ", ")
                throw DeployError(.timeout, "not ready after \(timeout): \(waiting)")
            }
        }
        throw DeployError(.timeout, "watch ended before the release was ready")
    }
}
