import Foundation
import Testing

/// `Idempotency-Key` on POST/PUT/DELETE over a real API process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct IdempotencyIntegrationTests {
    typealias S = ChartTestSupport

    @Test func aRetriedInstallWithTheSameKeyAnswersTheSameJobAndQueuesNoOther() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let body = S.clusterBody(spec: S.demoSpec())
            let key = "Idempotency-Key: install-\(UUID().uuidString)"
            let first = try await S.send(api, "POST", "/v1/cluster", token: token, body: body, headers: [key])
            #expect(first.status == 200, "\(first.body)")
            let retry = try await S.send(api, "POST", "/v1/cluster", token: token, body: body, headers: [key])
            #expect(retry.status == 200)
            #expect(retry.body == first.body, "the retry answers the first response, job id included")
            let jobs = try #require(try S.json(try await api.send("GET", "/v1/job", token: token).body)["data"] as? [Any])
            #expect(jobs.count == 1)

            let other = try await S.send(api, "POST", "/v1/cluster", token: token,
                                         body: S.clusterBody(name: "demo-2", spec: S.demoSpec(name: "demo-2")), headers: [key])
            #expect(other.status == 422)
            #expect(try S.json(other.body)["field"] as? String == "Idempotency-Key")

            // Without the key, the same request is a new submission (here refused: the cluster is held).
            #expect(try await api.send("POST", "/v1/cluster", token: token, body: body).status == 409)
        }
    }

    @Test func keysArePerCallerAndRefusalsAreRememberedToo() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try S.demoChartsDirectory()]) { api in
            let token = try await api.token()
            let key = "Idempotency-Key: shared-key"
            let bad = S.clusterBody(spec: S.demoSpec(extra: "greting: x\n"))
            let refused = try await S.send(api, "POST", "/v1/cluster", token: token, body: bad, headers: [key])
            #expect(refused.status == 400)
            let again = try await S.send(api, "POST", "/v1/cluster", token: token, body: bad, headers: [key])
            #expect(again.status == 400)
            #expect(again.body == refused.body)

            let member = try await S.member(api, tenant: "team-a", username: "olga", role: .operator)
            let theirs = try await S.send(api, "POST", "/v1/cluster", token: member.token, body: S.clusterBody(spec: S.demoSpec()),
                                          headers: [key])
            #expect(theirs.status != 422, "another caller's key space is separate: \(theirs.body)")

            let malformed = try await S.send(api, "POST", "/v1/cluster", token: token, body: bad, headers: ["Idempotency-Key: two words"])
            #expect(malformed.status == 400)
            #expect(try S.json(malformed.body)["field"] as? String == "Idempotency-Key")
        }
    }
}
