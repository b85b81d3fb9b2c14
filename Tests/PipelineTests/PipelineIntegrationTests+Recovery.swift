import Foundation
import KFModels
import Testing

extension PipelineIntegrationTests {
    /// Short leases so a dead worker's job is taken over within seconds.
    static let shortLease = [
        "KUBEFATE_WORKER_LEASE": "3s", "KUBEFATE_WORKER_HEARTBEAT": "500ms", "KUBEFATE_WORKER_REAPER_INTERVAL": "1s",
    ]

    @Test("a worker killed mid-job: another worker finishes it after the lease expires, nothing lost")
    func killedWorkerIsReplaced() async throws {
        try await Self.withStack(workerEnvironment: Self.shortLease) { stack in
            try await stack.startAPI()
            try stack.startWorkers(2)
            let target = try await stack.submit(
                name: "victim", namespace: "fate-4", spec: Self.spec(components: 6, duration: "1s"))
            var others: [String] = []
            for index in 0..<10 {
                others.append(try await stack.submit(
                    name: "other-\(index)", namespace: "fate-5", spec: Self.spec(components: 3, duration: "300ms")).uuid)
            }
            let running = try await stack.waitForJob(target.uuid) {
                $0.status == .running && $0.leaseOwner != nil && !$0.subJobs.isEmpty
            }
            let owner = try #require(running.leaseOwner)
            let victim = try #require(stack.workers.first { $0.name == "worker-\(owner)" })
            victim.signal(SIGKILL)
            await victim.waitForExit(timeout: .seconds(10))

            let job = try await stack.waitForJob(target.uuid, timeout: .seconds(120)) { $0.status.isTerminal }
            #expect(job.status == .success)
            #expect(job.attempt >= 2)
            for id in others {
                let other = try await stack.waitForJob(id, timeout: .seconds(120)) { $0.status.isTerminal }
                #expect(other.status == .success, "job \(id) ended \(other.status)")
            }
            let runs = try ExecutionRecords(contentsOf: stack.simulationLog).byJob[target.uuid] ?? []
            #expect(runs.first?.worker == owner && runs.first?.end == nil, "the killed execution never ended")
            #expect(runs.last?.outcome == "success" && runs.last?.worker != owner)
        }
    }

    @Test("the API dies between commit and publish: the job still runs")
    func apiKilledBeforePublishing() async throws {
        // Workers relay nothing here, so only the API's outbox relay can publish.
        try await Self.withStack(workerEnvironment: ["KUBEFATE_WORKER_RELAY": "0"]) { stack in
            // The first API cannot reach the broker: submissions commit, the relay cannot publish.
            try await stack.startAPI(environment: ["KUBEFATE_AMQP_PORT": "\(try TestPaths.freePort())"])
            try stack.startWorkers(1)
            var ids: [String] = []
            for index in 0..<3 {
                ids.append(try await stack.submit(
                    name: "orphan-\(index)", namespace: "fate-6", spec: Self.spec(components: 1, duration: "100ms")).uuid)
            }
            #expect(try await stack.count("outbox", where: "published_at IS NULL") == 3)
            stack.api?.signal(SIGKILL)
            await stack.api?.waitForExit(timeout: .seconds(10))
            #expect(try await stack.jobStatusCounts() == [.pending: 3])

            try await stack.startAPI()
            for id in ids {
                let job = try await stack.waitForJob(id, timeout: .seconds(60)) { $0.status.isTerminal }
                #expect(job.status == .success)
            }
            #expect(try await stack.count("outbox", where: "published_at IS NULL") == 0)
        }
    }

    @Test(
        "RabbitMQ and then MariaDB restart during a run: every job still ends",
        .enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_RESTART_SERVICES"] == "1"))
    func servicesRestartDuringARun() async throws {
        // Default 30 s leases outlive the restarts; a quick heartbeat notices the database is back.
        try await Self.withStack(workerEnvironment: ["KUBEFATE_WORKER_HEARTBEAT": "1s"]) { stack in
            try await stack.startAPI()
            try stack.startWorkers(2)
            var ids: [String] = []
            func submitBatch(_ prefix: String, _ count: Int) async throws {
                for index in 0..<count {
                    var job: Job?
                    try await waitUntil("the API accepts job \(prefix)-\(index)", timeout: .seconds(120),
                                        diagnostics: stack.diagnostics()) {
                        let name = "\(prefix)-\(index)"
                        guard let response = try? await stack.install(
                            name: name, namespace: "fate-7", spec: Self.spec(components: 3, duration: "500ms"))
                        else { return false }
                        if response.status == 200 { job = try PipelineStack.decodeJob(response) }
                        if response.status == 409 {
                            // An earlier attempt committed but its response was lost in the restart.
                            let rows = try? await stack.database.query(
                                "SELECT uuid FROM jobs WHERE args_namespace = 'fate-7' AND args_name = ?", [.text(name)])
                            if let uuid = try rows?.first?.string(0) { job = try? await stack.job(uuid) }
                        }
                        return job != nil
                    }
                    ids.append(job!.uuid)
                }
            }
            try await submitBatch("before", 20)
            try await waitUntil("some jobs run", timeout: .seconds(60)) {
                try await stack.jobStatusCounts()[.running, default: 0] > 0
            }
            try await ServiceControl.restartRabbitMQ()
            try await submitBatch("between", 10)
            try await waitUntil("some jobs run again (or all 30 ended)", timeout: .seconds(120)) {
                guard let counts = try? await stack.jobStatusCounts() else { return false }
                return counts[.running, default: 0] > 0 || counts.filter { $0.key.isTerminal }.values.reduce(0, +) == 30
            }
            try await ServiceControl.restartMariaDB()
            try await submitBatch("after", 10)
            try await waitUntil("all 40 jobs ended", timeout: .seconds(300), diagnostics: stack.diagnostics()) {
                (try? await stack.terminalJobCount()) == 40
            }
            let counts = try await stack.jobStatusCounts()
            #expect(counts.keys.allSatisfy { $0.isTerminal }, "\(counts)")
            #expect(counts[.success, default: 0] == 40, "\(counts)")
            #expect(Set(ids).count == 40)
        }
    }
}

extension PipelineIntegrationTests {
    @Test("a worker that cannot reach the database requeues its deliveries; the job is not lost")
    func unreachableDatabaseRequeues() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI()
            let metricsPort = try TestPaths.freePort()
            // w0 talks to a port where no database listens: every claim fails.
            try stack.startWorkers(1, environment: [
                "KUBEFATE_DB_PORT": "\(try TestPaths.freePort())",
                "KUBEFATE_WORKER_METRICS_LISTEN": "127.0.0.1:\(metricsPort)",
                "KUBEFATE_WORKER_RELAY": "0",
            ])
            let submitted = try await stack.submit(
                name: "patient", namespace: "fate-12", spec: Self.spec(components: 1, duration: "100ms"))
            try await waitUntil("w0 requeued the delivery twice", timeout: .seconds(60), diagnostics: stack.diagnostics()) {
                let metrics = try? await stack.http.request("GET", "http://127.0.0.1:\(metricsPort)/metrics")
                return metrics?.text.split(separator: "\n").contains { line in
                    line.hasPrefix(#"kubefate_worker_deliveries_total{outcome="requeued"}"#)
                        && (Int(line.split(separator: " ").last ?? "") ?? 0) >= 2
                } ?? false
            }
            #expect(try await stack.job(submitted.uuid).status == .pending)
            // A worker with a database takes the requeued message.
            try stack.startWorkers(1)
            let job = try await stack.waitForJob(submitted.uuid, timeout: .seconds(60)) { $0.status.isTerminal }
            #expect(job.status == .success)
            #expect(job.attempt == 1)
        }
    }
}
