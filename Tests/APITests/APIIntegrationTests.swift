import Foundation
import KFDatabase
import KFModels
import Testing

/// `kubefate-api` over a real socket, against the local MariaDB and RabbitMQ (`make test` starts
/// them); each test runs its own API process with a fresh database and queue.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct APIIntegrationTests {
    private func withAPI(_ body: (APIProcess) async throws -> Void) async throws {
        let api = try await APIProcess.start()
        do {
            try await body(api)
        } catch {
            _ = try? await api.stop()
            throw error
        }
        #expect(try await api.stop() == 0, "graceful shutdown on SIGTERM exits 0")
    }

    private static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private static func installBody(name: String, data: String? = nil) -> String {
        let spec = data ?? "name: \(name)\nnamespace: \(name)\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n"
        let encoded = Data(spec.utf8).base64EncodedString()
        return #"{"name":"\#(name)","namespace":"\#(name)","chart_name":"fate","chart_version":"v1.11.2","cover":false,"data":"\#(encoded)"}"#
    }

    @Test func loginIssuesTokensAndProtectedRoutesRefuseMissingOrForgedOnes() async throws {
        try await withAPI { api in
            let wrong = try await api.send("POST", "/v1/user/login", body: #"{"username":"admin","password":"nope"}"#)
            #expect(wrong.status == 401)
            #expect(try Self.json(wrong.body)["message"] as? String == "incorrect Username or Password")

            let anonymous = try await api.send("GET", "/v1/job")
            #expect(anonymous.status == 401)
            #expect(try Self.json(anonymous.body)["code"] as? Int == 401)

            let token = try await api.token()
            let parts = token.split(separator: ".")
            let forged = "\(parts[0]).\(parts[1]).\(parts[2].hasPrefix("A") ? "B" : "A")\(parts[2].dropFirst())"
            #expect(try await api.send("GET", "/v1/job", token: forged).status == 401)

            let version = try await api.send("GET", "/v1/version/", token: token)
            #expect(version.status == 200)
            #expect(try Self.json(version.body)["version"] as? String == "v1.4.5")
        }
    }

    @Test func rejectedInstallNamesTheFieldAndWritesNothing() async throws {
        try await withAPI { api in
            let token = try await api.token()
            let bad = try await api.send("POST", "/v1/cluster", token: token, body: Self.installBody(name: "Not_A_Label"))
            #expect(bad.status == 400)
            #expect(try Self.json(bad.body)["field"] as? String == "name")

            let notYAML = try await api.send("POST", "/v1/cluster", token: token,
                                             body: Self.installBody(name: "fate-1", data: "name: fate-1\nlist: [1, 2\n"))
            #expect(notYAML.status == 400)
            #expect(try Self.json(notYAML.body)["field"] as? String == "data")

            let huge = String(repeating: "x", count: 2 << 20)
            let oversized = try await api.send("POST", "/v1/cluster", token: token, body: #"{"name":"\#(huge)"}"#)
            #expect(oversized.status == 400)
            #expect(try Self.json(oversized.body)["field"] as? String == "body")

            let list = try await api.send("GET", "/v1/job", token: token)
            #expect((try Self.json(list.body)["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func installReturnsThePendingJobAndASecondInstallNamesIt() async throws {
        try await withAPI { api in
            let token = try await api.token()
            let first = try await api.send("POST", "/v1/cluster/", token: token, body: Self.installBody(name: "fate-9999"))
            #expect(first.status == 200)
            let envelope = try Self.json(first.body)
            #expect(envelope["msg"] as? String == "createCluster Success")
            let job = try #require(envelope["data"] as? [String: Any])
            #expect(job["status"] as? String == "Pending")
            #expect(job["method"] as? String == "ClusterInstall")
            #expect(job["creator"] as? String == "admin")
            let jobID = try #require(job["uuid"] as? String)

            let second = try await api.send("POST", "/v1/cluster", token: token, body: Self.installBody(name: "fate-9999"))
            #expect(second.status == 409)
            #expect(try Self.json(second.body)["job_id"] as? String == jobID)

            let fetched = try await api.send("GET", "/v1/job/\(jobID)", token: token)
            #expect(fetched.status == 200)
            #expect(try Self.json(fetched.body)["msg"] as? String == "getJob Success")

            let stopped = try await api.send("PUT", "/v1/job/\(jobID)?jobStatus=stop", token: token)
            #expect(stopped.status == 200)
            #expect(try Self.json(stopped.body)["data"] as? String == "Stop Job Success")

            let metrics = try await api.send("GET", "/metrics")
            #expect(metrics.body.contains(#"kubefate_http_requests_total{route="/v1/cluster",method="POST",status="409"} 1"#))
        }
    }

    @Test func readinessChecksDatabaseAndBroker() async throws {
        try await withAPI { api in
            let ready = try await api.send("GET", "/readyz")
            #expect(ready.status == 200)
            let checks = try #require(try Self.json(ready.body)["checks"] as? [String: String])
            #expect(checks == ["database": "ok", "broker": "ok"])
            #expect(try await api.send("GET", "/healthz").status == 200)
        }
    }

    /// An API killed after committing a job but before publishing it leaves an unpublished outbox
    /// row; the next API start relays it (no message is lost, at worst one is duplicated).
    @Test func outboxRowsLeftByAStoppedAPIArePublishedAtTheNextStart() async throws {
        let first = try await APIProcess.start()
        #expect(try await first.stop(keepingData: true) == 0)
        let database = Database(config: try first.databaseConfig)
        let args = ClusterArgs(name: "fate-1", namespace: "fate-1", chartName: "fate", chartVersion: "v1.11.2",
                               data: Array("name: fate-1\n".utf8))
        _ = try await database.jobs.submit(JobSubmission(.install(args, spec: nil), creator: "admin"))
        #expect(try await database.outbox.backlog() == 1)

        let second = try await APIProcess.start(database: first.database, queue: first.queue)
        var backlog = try await database.outbox.backlog()
        for _ in 0..<100 where backlog > 0 {
            try await Task.sleep(for: .milliseconds(100))
            backlog = try await database.outbox.backlog()
        }
        #expect(backlog == 0)
        await database.shutdown()
        #expect(try await second.stop() == 0)
    }
}
