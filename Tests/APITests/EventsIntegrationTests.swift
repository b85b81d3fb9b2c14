import Foundation
import KFDatabase
import Testing
@testable import CLI

/// `GET /v1/job/{id}/events` over a real API process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct EventsIntegrationTests {
    typealias S = ChartTestSupport

    /// The `event:` names and `data:` lines of a stream, in order.
    private static func events(_ stream: String) -> [(name: String, data: String)] {
        stream.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n").map(String.init)
            guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                  let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6) else { return nil }
            return (String(name), String(data))
        }
    }

    @Test func theStreamSendsTheJobOnEveryChangeAndEndsWhenItIsFinal() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let install = try await api.send("POST", "/v1/cluster", token: token, body: S.clusterBody(spec: S.demoSpec()))
            let jobID = try #require((try S.json(install.body)["data"] as? [String: Any])?["uuid"] as? String)

            let watcher = try CurlHTTPClient(timeout: 60)
            let url = api.baseURL + "/v1/job/\(jobID)/events"
            let stream = Task { try await watcher.send(method: "GET", url: url, headers: ["Authorization: Bearer \(token)"]) }
            // Play the worker: claim (Running), then finish (Success).
            let database = Database(config: try api.databaseConfig)
            let claim = try #require(try await database.jobs.claim(jobID: jobID, owner: "test-worker", lease: .seconds(60)))
            try await database.jobs.appendState(claim, "rendered demo 0.1.0")
            #expect(try await database.jobs.finish(claim, status: .success, reason: nil))
            await database.shutdown()

            let result = try await stream.value
            #expect(result.status == 200)
            let events = Self.events(String(decoding: result.body, as: UTF8.self))
            #expect(events.first?.name == "job")
            #expect(events.last?.name == "end")
            let last = try S.json(try #require(events.last?.data))
            #expect(last["status"] as? String == "Success")
            #expect(last["uuid"] as? String == jobID)
            let statuses = events.dropLast().compactMap { try? S.json($0.data)["status"] as? String }
            #expect(statuses.last == "Success")
            #expect(Set(statuses).isSubset(of: ["Pending", "Running", "Success"]))
        }
    }

    @Test func unknownAndForeignJobsAnswer404() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            #expect(try await api.send("GET", "/v1/job/00000000-0000-0000-0000-000000000000/events", token: token).status == 404)
            let install = try await api.send("POST", "/v1/cluster", token: token, body: S.clusterBody(spec: S.demoSpec()))
            let jobID = try #require((try S.json(install.body)["data"] as? [String: Any])?["uuid"] as? String)
            let stranger = try await S.member(api, tenant: "team-b", username: "bob", role: .admin)
            #expect(try await api.send("GET", "/v1/job/\(jobID)/events", token: stranger.token).status == 404)
            #expect(try await api.send("GET", "/v1/job/\(jobID)/events").status == 401)
        }
    }
}
