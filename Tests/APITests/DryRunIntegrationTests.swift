import Foundation
import KFDatabase
import KFModels
import Testing

/// `POST /v1/cluster?dryRun=true` and the spec check on install, over a real API process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct DryRunIntegrationTests {
    typealias S = ChartTestSupport

    private static func jobs(_ api: APIProcess, token: String) async throws -> [Any] {
        try #require(try S.json(try await api.send("GET", "/v1/job", token: token).body)["data"] as? [Any])
    }

    @Test func dryRunRendersTheManifestAndDiffsAgainstNothingWithoutWritingAnything() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let body = S.clusterBody(spec: S.demoSpec(extra: "greeting: bonjour\n"))
            let dry = try await api.send("POST", "/v1/cluster?dryRun=true", token: token, body: body)
            #expect(dry.status == 200, "\(dry.body)")
            let envelope = try S.json(dry.body)
            #expect(envelope["msg"] as? String == "dry run")
            let data = try #require(envelope["data"] as? [String: Any])
            let manifest = try #require(data["manifest"] as? String)
            #expect(manifest.contains("# Source: demo/templates/configmap.yaml"))
            #expect(manifest.contains("name: demo-1-config") && manifest.contains(#"greeting: "bonjour""#))
            #expect((data["values"] as? String)?.contains("greeting: bonjour") == true)
            let diff = try #require(data["diff"] as? String)
            #expect(diff.hasPrefix("--- (no running release)\n+++ "))
            #expect(diff.contains("+  greeting: \"bonjour\""))

            #expect(try await Self.jobs(api, token: token).isEmpty, "a dry run queues nothing")
            let database = Database(config: try api.databaseConfig)
            let owner = try await database.users.namespaceOwner("demo-1")
            let backlog = try await database.outbox.backlog()
            await database.shutdown()
            #expect(owner == nil, "a dry run claims no namespace")
            #expect(backlog == 0)
        }
    }

    @Test func dryRunDiffsAgainstTheRunningReleaseRenderedFromItsStoredSpec() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let install = try await api.send("POST", "/v1/cluster", token: token, body: S.clusterBody(spec: S.demoSpec()))
            #expect(install.status == 200, "\(install.body)")
            let jobID = try #require((try S.json(install.body)["data"] as? [String: Any])?["uuid"] as? String)
            // Play the worker: claim the job and finish it, which makes the release "running".
            let database = Database(config: try api.databaseConfig)
            let claim = try #require(try await database.jobs.claim(jobID: jobID, owner: "test-worker", lease: .seconds(60)))
            let finished = try await database.jobs.finish(claim, status: .success, reason: nil)
            await database.shutdown()
            #expect(finished)

            let unchanged = try await api.send("POST", "/v1/cluster?dryRun=true", token: token, body: S.clusterBody(spec: S.demoSpec()))
            #expect(unchanged.status == 200, "\(unchanged.body)")
            #expect((try S.json(unchanged.body)["data"] as? [String: Any])?["diff"] as? String == "", "same spec, same manifest")

            let changed = try await api.send("POST", "/v1/cluster?dryRun=true", token: token,
                                             body: S.clusterBody(spec: S.demoSpec(extra: "web:\n  replicas: 3\n")))
            #expect(changed.status == 200, "\(changed.body)")
            let diff = try #require((try S.json(changed.body)["data"] as? [String: Any])?["diff"] as? String)
            #expect(diff.contains("--- demo-1/demo-1 running (demo 0.1.0"), "\(diff)")
            #expect(diff.contains("-  replicas: \"1\"\n+  replicas: \"3\"\n"), "\(diff)")
            #expect(diff.contains("@@ -"))
        }
    }

    @Test func specsThatDoNotFitTheChartAreRefusedNamingTheKeyAndNothingIsWritten() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            for path in ["/v1/cluster", "/v1/cluster?dryRun=true"] {
                let typo = try await api.send("POST", path, token: token, body: S.clusterBody(spec: S.demoSpec(extra: "greting: hi\n")))
                #expect(typo.status == 400, "\(path): \(typo.body)")
                #expect(try S.json(typo.body)["field"] as? String == "data.greting")

                let nested = try await api.send("POST", path, token: token, body: S.clusterBody(spec: S.demoSpec(extra: "web:\n  replica: 2\n")))
                #expect(nested.status == 400)
                #expect(try S.json(nested.body)["field"] as? String == "data.web.replica")

                let shape = try await api.send("POST", path, token: token, body: S.clusterBody(spec: S.demoSpec(extra: "web: 3\n")))
                #expect(shape.status == 400)
                #expect((try S.json(shape.body)["error"] as? String)?.contains("data.web: must be a mapping") == true, "\(shape.body)")

                let unknownChart = try await api.send("POST", path, token: token,
                                                      body: S.clusterBody(version: "9.9.9", spec: S.demoSpec().replacingOccurrences(of: "0.1.0", with: "9.9.9")))
                #expect(unknownChart.status == 400)
                #expect(try S.json(unknownChart.body)["field"] as? String == "chart_version")
            }
            // Keys the values template reads and the executor's section are accepted.
            let executorSection = try await api.send("POST", "/v1/cluster?dryRun=true", token: token,
                                                     body: S.clusterBody(spec: S.demoSpec(extra: "simulate:\n  components: []\n")))
            #expect(executorSection.status == 200, "\(executorSection.body)")
            #expect(try await Self.jobs(api, token: token).isEmpty)
        }
    }

    @Test func dryRunNeedsOperatorInTheNamespacesTenant() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let viewer = try await S.member(api, tenant: "team-a", username: "vera", role: .viewer)
            let operatorMember = try await S.member(api, tenant: "team-a", username: "otto", role: .operator)
            let stranger = try await S.member(api, tenant: "team-b", username: "bob", role: .admin)
            let database = Database(config: try api.databaseConfig)
            _ = try await database.users.claimNamespace("demo-1", tenantID: viewer.tenant.uuid)
            await database.shutdown()
            let body = S.clusterBody(spec: S.demoSpec())
            #expect(try await api.send("POST", "/v1/cluster?dryRun=true", token: viewer.token, body: body).status == 403)
            #expect(try await api.send("POST", "/v1/cluster?dryRun=true", token: stranger.token, body: body).status == 404)
            #expect(try await api.send("POST", "/v1/cluster?dryRun=true", token: operatorMember.token, body: body).status == 200)
        }
    }
}
