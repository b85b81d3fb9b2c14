import Testing
@testable import Worker

@Suite struct WorkerConfigTests {
    @Test func defaults() throws {
        let config = try WorkerConfig(environment: [:])
        #expect(config.lease == .seconds(30))
        #expect(config.heartbeatInterval == .seconds(2))
        #expect(config.maxAttempts == 3)
        #expect(config.concurrency == 8 && config.prefetch == 8)
        #expect(config.maxTimeLimit == .seconds(3600))
        #expect(config.metricsListen == nil)
        #expect(config.relayOutbox)
    }

    @Test func readsEveryVariable() throws {
        let config = try WorkerConfig(environment: [
            "KUBEFATE_WORKER_ID": "w7", "KUBEFATE_WORKER_LEASE": "3s", "KUBEFATE_WORKER_HEARTBEAT": "500ms",
            "KUBEFATE_WORKER_MAX_ATTEMPTS": "5", "KUBEFATE_WORKER_REAPER_INTERVAL": "1s",
            "KUBEFATE_WORKER_CONCURRENCY": "2", "KUBEFATE_WORKER_PREFETCH": "10", "KUBEFATE_WORKER_TIME_LIMIT": "10m",
            "KUBEFATE_WORKER_METRICS_LISTEN": "127.0.0.1:9101", "KUBEFATE_SIMULATE_LOG": "/tmp/x",
            "KUBEFATE_WORKER_RELAY": "0",
        ])
        #expect(config.workerID == "w7")
        #expect(config.lease == .seconds(3) && config.heartbeatInterval == .milliseconds(500))
        #expect(config.maxAttempts == 5 && config.reaperInterval == .seconds(1))
        #expect(config.concurrency == 2 && config.prefetch == 10)
        #expect(config.maxTimeLimit == .seconds(600))
        #expect(config.metricsListen?.host == "127.0.0.1" && config.metricsListen?.port == 9101)
        #expect(config.simulationLogPath == "/tmp/x")
        #expect(!config.relayOutbox)
    }

    @Test(arguments: [
        ("KUBEFATE_WORKER_LEASE", "forever"),
        ("KUBEFATE_WORKER_HEARTBEAT", "40s"),
        ("KUBEFATE_WORKER_CONCURRENCY", "0"),
        ("KUBEFATE_WORKER_METRICS_LISTEN", "9101"),
        ("KUBEFATE_LOG_LEVEL", "loud"),
        ("KUBEFATE_WORKER_RELAY", "maybe"),
    ])
    func errorsNameTheVariable(variable: String, value: String) {
        #expect {
            _ = try WorkerConfig(environment: [variable: value])
        } throws: { error in
            (error as? WorkerConfigError)?.variable == variable
        }
    }
}
