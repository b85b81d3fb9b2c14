import Foundation
import KFDatabase
import Testing
@testable import CLI

/// The CLI's commands for charts, dry runs, `Idempotency-Key` and `--watch`, run as the real binary
/// against a real `kubefate-api`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLIServiceIntegrationTests {
    typealias S = ChartTestSupport

    @Test func chartUploadListDescribeAndDelete() async throws {
        try await CLIIntegrationTests.withAPI { _, cli in
            let package = try S.package(S.demoFiles(version: "0.2.0"))
            try Data(package).write(to: URL(fileURLWithPath: cli.directory + "/demo-0.2.0.tgz"))
            let upload = try await cli.run("chart", "upload", "-f", "demo-0.2.0.tgz")
            #expect(upload.status == 0, "\(upload.stderr)")
            #expect(upload.stdout == "Upload file Success\n")

            let list = try await cli.run("chart", "ls")
            #expect(list.rows.first == ["UUID", "NAME", "VERSION", "APPVERSION"])
            let row = try #require(list.rows.first { $0.count == 4 && $0[2] == "0.2.0" }, "\(list.stdout)")
            #expect(row[1] == "demo" && row[3] == "1.0")
            let uuid = row[0]

            let describe = try await cli.run("chart", "describe", uuid)
            #expect(describe.rows.contains(["Name", "demo"]))
            #expect(describe.rows.contains(["Chart", "apiVersion: v2"]))
            let yaml = try await cli.run("chart", "describe", uuid, "-o", "yaml")
            #expect(yaml.stdout.contains("app_version: \"1.0\"\n") && yaml.stdout.contains("uuid: \(uuid)\n"), "\(yaml.stdout)")

            let delete = try await cli.run("chart", "del", uuid)
            #expect(delete.stdout == "deleteChart Success\n")
            #expect(!(try await cli.run("chart", "list").stdout.contains(uuid)))

            try "not a chart".write(toFile: cli.directory + "/bad.tgz", atomically: true, encoding: .utf8)
            let bad = try await cli.run("chart", "upload", "-f", "bad.tgz")
            #expect(bad.status == 1 && bad.stdout.isEmpty, "an upload the service refused is not reported as a success")
            #expect(bad.stderr.hasPrefix("resp.StatusCode=4"), "\(bad.stderr)")
        }
    }

    @Test func dryRunPrintsTheDiffAndQueuesNothing() async throws {
        try await CLIIntegrationTests.withAPI { _, cli in
            try cli.write(S.demoSpec(extra: "greeting: bonjour\n"), to: "cluster.yaml")
            let dry = try await cli.run("cluster", "install", "-f", "cluster.yaml", "--dry-run")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.hasPrefix("--- (no running release)\n+++ "))
            #expect(dry.stdout.contains("+  greeting: \"bonjour\"\n"))
            #expect(try await cli.run("job", "list").rows.count == 2, "header and closing row only")
        }
    }

    @Test func theSameIdempotencyKeyAnswersTheSameJob() async throws {
        try await CLIIntegrationTests.withAPI { _, cli in
            try cli.write(S.demoSpec(), to: "cluster.yaml")
            let key = UUID().uuidString
            let first = try await cli.run("cluster", "install", "-f", "cluster.yaml", "--idempotency-key", key)
            let jobID = try #require(first.jobID, "\(first.stdout)\(first.stderr)")
            let replay = try await cli.run("cluster", "install", "-f", "cluster.yaml", "--idempotency-key", key)
            #expect(replay.status == 0)
            #expect(replay.jobID == jobID)

            try cli.write(S.demoSpec(extra: "greeting: other\n"), to: "cluster.yaml")
            let reused = try await cli.run("cluster", "install", "-f", "cluster.yaml", "--idempotency-key", key)
            #expect(reused.status == 1)
            #expect(reused.stderr.hasPrefix("resp.StatusCode=422, error: "), "\(reused.stderr)")

            // Without the option every invocation sends a fresh key: a second install is a new request.
            try cli.write(S.demoSpec(), to: "cluster.yaml")
            let fresh = try await cli.run("cluster", "install", "-f", "cluster.yaml")
            #expect(fresh.stderr.hasPrefix("resp.StatusCode=409, error: "), "\(fresh.stderr)")
            #expect(try await cli.run("job", "list").rows.filter { $0.first == jobID }.count == 1)
        }
    }

    @Test func installWatchFollowsTheJobUntilItEnds() async throws {
        try await CLIIntegrationTests.withAPI { api, cli in
            try cli.write(S.demoSpec(), to: "cluster.yaml")
            async let watched = cli.run("cluster", "install", "-f", "cluster.yaml", "--watch")
            // Play the worker: wait for the job, claim it and finish it.
            let token = try await api.token()
            var jobID: String?
            for _ in 0..<200 where jobID == nil {
                let jobs = try S.json(try await api.send("GET", "/v1/job", token: token).body)["data"] as? [[String: Any]]
                jobID = jobs?.first?["uuid"] as? String
                if jobID == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let id = try #require(jobID)
            let database = Database(config: try api.databaseConfig)
            let claim = try #require(try await database.jobs.claim(jobID: id, owner: "test-worker", lease: .seconds(60)))
            #expect(try await database.jobs.finish(claim, status: .success, reason: nil))
            await database.shutdown()

            let out = try await watched
            #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
            #expect(out.stdout.hasPrefix("create job Success, job id=\(id)\r\n"))
            #expect(out.stdout.hasSuffix("job \(id) Success\n"), "\(out.stdout)")
        }
    }
}

/// `cluster update` with `--dry-run`, then for real with `--keepUpgradeJob`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLIUpdateIntegrationTests {
    typealias S = ChartTestSupport

    @Test func updateDiffsAgainstTheRunningReleaseThenSubmitsAnUpdateJob() async throws {
        try await CLIIntegrationTests.withAPI { api, cli in
            try cli.write(S.demoSpec(), to: "cluster.yaml")
            let missing = try await cli.run("cluster", "update", "-f", "cluster.yaml")
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("resp.StatusCode=404, error: "), "nothing to update yet: \(missing.stderr)")

            let installJob = try #require(try await cli.run("cluster", "install", "-f", "cluster.yaml").jobID)
            let database = Database(config: try api.databaseConfig)
            let claim = try #require(try await database.jobs.claim(jobID: installJob, owner: "test-worker", lease: .seconds(60)))
            #expect(try await database.jobs.finish(claim, status: .success, reason: nil, clusterStatus: .running))
            await database.shutdown()

            let same = try await cli.run("cluster", "update", "-f", "cluster.yaml", "--dry-run")
            #expect(same.status == 0, "\(same.stderr)")
            #expect(same.stdout == "no changes\n")

            try cli.write(S.demoSpec(extra: "web:\n  replicas: 3\n"), to: "cluster.yaml")
            let changed = try await cli.run("cluster", "update", "-f", "cluster.yaml", "--dry-run")
            #expect(changed.stdout.contains("-  replicas: \"1\"\n") && changed.stdout.contains("+  replicas: \"3\"\n"), "\(changed.stdout)")

            let update = try await cli.run("cluster", "update", "-f", "cluster.yaml", "--keepUpgradeJob")
            let updateJob = try #require(update.jobID, "\(update.stdout)\(update.stderr)")
            let json = try await cli.run("job", "describe", updateJob, "-o", "json")
            let job = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(job["method"] as? String == "ClusterUpdate")
            #expect((job["meta_data"] as? [String: Any])?["Keep_upgrade_job"] as? Bool == true)
        }
    }
}
