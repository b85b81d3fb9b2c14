import Foundation
import KFDatabase
import Testing

/// The audit log of mutating calls and `GET /v1/audit/`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct AuditIntegrationTests {
    typealias S = ChartTestSupport

    @Test func mutatingCallsAreRecordedWithActorActionTargetAndOutcome() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let install = try await api.send("POST", "/v1/cluster", token: token, body: S.clusterBody(spec: S.demoSpec()))
            let job = try #require(try S.json(install.body)["data"] as? [String: Any])
            let jobID = try #require(job["uuid"] as? String)
            _ = try await api.send("POST", "/v1/cluster", token: token, body: S.clusterBody(spec: S.demoSpec(extra: "greting: x\n")))
            _ = try await api.send("PUT", "/v1/job/\(jobID)?jobStatus=stop", token: token)
            _ = try await api.send("GET", "/v1/job", token: token)

            let log = try await api.send("GET", "/v1/audit/", token: token)
            #expect(log.status == 200, "\(log.body)")
            let everything = try #require(try S.json(log.body)["data"] as? [[String: Any]])
            let logins = everything.filter { $0["action"] as? String == "user.login" }
            #expect(logins.count == 1 && logins.first?["actor"] as? String == "admin" && logins.first?["outcome"] as? String == "ok")
            let entries = everything.filter { $0["action"] as? String != "user.login" }
            #expect(entries.map { $0["action"] as? String } == ["job.stop", "cluster.install", "cluster.install"], "newest first; GETs are not audited")
            #expect(entries.allSatisfy { $0["actor"] as? String == "admin" })
            #expect(entries[0]["target"] as? String == jobID)
            #expect(entries[0]["outcome"] as? String == "ok")
            #expect(entries[1]["outcome"] as? String == "invalid")
            #expect((entries[1]["detail"] as? String)?.contains("data.greting") == true)
            #expect(entries[2]["outcome"] as? String == "ok")
            #expect(entries[2]["target"] as? String == job["cluster_id"] as? String || entries[2]["target"] as? String == jobID)
            #expect(entries[2]["tenant"] as? String == job["tenant"] as? String)

            let wrong = try await api.send("POST", "/v1/user/login", body: #"{"username":"mallory","password":"guess"}"#)
            #expect(wrong.status == 401)
            let newest = try #require(try S.json(try await api.send("GET", "/v1/audit/?limit=1", token: token).body)["data"] as? [[String: Any]])
            #expect(newest.first?["action"] as? String == "user.login")
            #expect(newest.first?["actor"] as? String == "mallory")
            #expect(newest.first?["outcome"] as? String == "unauthenticated")
            #expect(!(try await api.send("GET", "/v1/audit/", token: token).body.contains("guess")), "passwords are never recorded")

            let page = try await api.send("GET", "/v1/audit/?limit=1&before=\(entries[0]["id"] as? Int ?? 0)", token: token)
            let paged = try #require(try S.json(page.body)["data"] as? [[String: Any]])
            #expect(paged.count == 1)
            #expect(paged.first?["id"] as? Int == entries[1]["id"] as? Int)
        }
    }

    @Test func tenantAdminsReadTheirTenantsEntriesAndOthersAreRefused() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let admin = try await S.member(api, tenant: "team-a", username: "alice", role: .admin)
            let viewer = try await S.member(api, tenant: "team-a", username: "victor", role: .viewer)
            let other = try await S.member(api, tenant: "team-b", username: "bob", role: .admin)
            let database = Database(config: try api.databaseConfig)
            _ = try await database.users.claimNamespace("demo-1", tenantID: admin.tenant.uuid)
            await database.shutdown()
            let platform = try await api.token()
            let install = try await api.send("POST", "/v1/cluster", token: platform, body: S.clusterBody(spec: S.demoSpec()))
            #expect(install.status == 200, "\(install.body)")

            #expect(try await api.send("GET", "/v1/audit/", token: viewer.token).status == 403)
            let own = try #require(try S.json(try await api.send("GET", "/v1/audit/", token: admin.token).body)["data"] as? [[String: Any]])
            #expect(own.map { $0["action"] as? String } == ["cluster.install"], "logins carry no tenant")
            #expect(own.first?["tenant"] as? String == admin.tenant.uuid)
            #expect(own.first?["actor"] as? String == "admin")
            let others = try #require(try S.json(try await api.send("GET", "/v1/audit/", token: other.token).body)["data"] as? [[String: Any]])
            #expect(others.isEmpty)
            #expect(try await api.send("GET", "/v1/audit/?limit=0", token: platform).status == 400)
        }
    }
}
