import Foundation
import KFDatabase
import KFModels
import Testing

/// The chart store through the API: start-up import of `KUBEFATE_CHARTS_DIR`, upload, list, get,
/// delete, the values-template example, limits and bad archives, tenant-private charts.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct ChartIntegrationTests {
    typealias S = ChartTestSupport

    private static func charts(_ api: APIProcess, token: String) async throws -> [[String: Any]] {
        let list = try await api.send("GET", "/v1/chart/", token: token)
        #expect(list.status == 200)
        #expect(try S.json(list.body)["msg"] as? String == "getChartList Success")
        return try #require(try S.json(list.body)["data"] as? [[String: Any]])
    }

    @Test func chartsDirectoryIsImportedOnceAsGlobalChartsAndUploadsReplaceByNameAndVersion() async throws {
        let directory = try S.demoChartsDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await APIProcess.start(environment: ["KUBEFATE_CHARTS_DIR": directory])
        let token = try await first.token()
        let imported = try await Self.charts(first, token: token)
        #expect(imported.count == 1)
        #expect(imported.first?["name"] as? String == "demo")
        #expect(imported.first?["version"] as? String == "0.1.0")
        #expect(imported.first?["tenant"] is NSNull, "charts from KUBEFATE_CHARTS_DIR are global")
        let uuid = try #require(imported.first?["uuid"] as? String)
        #expect(try await first.stop(keepingData: true) == 0)

        // A second start with the same directory writes nothing.
        let second = try await APIProcess.start(database: first.database, queue: first.queue, environment: ["KUBEFATE_CHARTS_DIR": directory])
        let replacement: String
        do {
            let again = try await Self.charts(second, token: try await second.token())
            #expect(again.map { $0["uuid"] as? String } == [uuid])

            // Uploading the same name and version replaces the chart (new uuid, as KubeFATE).
            let package = try S.package(S.demoFiles(greeting: "servus"))
            let upload = try await S.upload(second, token: token, data: package)
            #expect(upload.status == 200, "\(upload.body)")
            #expect(try S.json(upload.body)["msg"] as? String == "CreateChart Success")
            let data = try #require(try S.json(upload.body)["data"] as? [String: Any])
            replacement = try #require(data["helmUUID"] as? String)
            #expect(replacement != uuid)
            #expect(try await Self.charts(second, token: token).map { $0["uuid"] as? String } == [replacement])
        } catch {
            _ = try? await second.stop()
            throw error
        }
        #expect(try await second.stop(keepingData: true) == 0)

        // The next start keeps the uploaded chart although the directory's differs.
        let api = try await APIProcess.start(database: first.database, queue: first.queue, environment: ["KUBEFATE_CHARTS_DIR": directory])
        do {
            #expect(try await Self.charts(api, token: token).map { $0["uuid"] as? String } == [replacement])
            let get = try await api.send("GET", "/v1/chart/\(replacement)", token: token)
            #expect(get.status == 200)
            let chart = try #require(try S.json(get.body)["data"] as? [String: Any])
            #expect((chart["values"] as? String)?.contains("servus") == true)
            let templates = try #require(chart["templates"] as? [[String: Any]])
            #expect(templates.map { $0["name"] as? String } == ["templates/configmap.yaml"])
            let encoded = try #require(templates.first?["data"] as? String)
            #expect(Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } == S.demoFiles()["templates/configmap.yaml"])
            #expect(try await api.send("GET", "/v1/chart/\(uuid)", token: token).status == 404, "the replaced chart is gone")

            let example = try await api.send("GET", "/v1/chart/valueTemplateExample/demo/0.1.0", token: token)
            #expect(example.status == 200)
            #expect(try S.json(example.body)["data"] as? String == S.demoFiles()["values-template-example.yaml"])
            #expect(try await api.send("GET", "/v1/chart/valueTemplateExample/demo/9.9.9", token: token).status == 404)

            let deleted = try await api.send("DELETE", "/v1/chart/\(replacement)", token: token)
            #expect(deleted.status == 200)
            #expect(try S.json(deleted.body)["msg"] as? String == "deleteChart Success")
            #expect(try await api.send("GET", "/v1/chart/\(replacement)", token: token).status == 404)
            #expect(try await api.send("DELETE", "/v1/chart/\(replacement)", token: token).status == 404)
            #expect(try await Self.charts(api, token: token).isEmpty)
        } catch {
            _ = try? await api.stop()
            throw error
        }
        #expect(try await api.stop() == 0)
    }

    @Test func badUploadsAnswerClear4xxAndWriteNothing() async throws {
        try await S.withAPI(environment: ["KUBEFATE_CHART_MAX_BYTES": "65536"]) { api in
            let token = try await api.token()
            let oversized = try await S.upload(api, token: token, data: (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            #expect(oversized.status == 413)
            #expect((try S.json(oversized.body)["error"] as? String)?.contains("KUBEFATE_CHART_MAX_BYTES") == true, "\(oversized.body)")

            let notMultipart = try await api.send("POST", "/v1/chart", token: token, body: "{}")
            #expect(notMultipart.status == 400)
            #expect(try S.json(notMultipart.body)["field"] as? String == "file")

            let garbage = try await S.upload(api, token: token, filename: "broken.tgz", data: Array("not a gzip stream".utf8))
            #expect(garbage.status == 400)
            #expect((try S.json(garbage.body)["error"] as? String)?.contains("broken.tgz") == true, "\(garbage.body)")

            var files = S.demoFiles()
            files["values-template.yaml"] = nil
            let noTemplate = try await S.upload(api, token: token, filename: "plain.tgz", data: try S.package(files))
            #expect(noTemplate.status == 400)
            let message = try #require(try S.json(noTemplate.body)["error"] as? String)
            #expect(message.contains("values-template.yaml") && message.contains("plain.tgz"), "\(message)")

            files = S.demoFiles()
            files["Chart.yaml"] = "name: demo\n"
            let noVersion = try await S.upload(api, token: token, filename: "noversion.tgz", data: try S.package(files))
            #expect(noVersion.status == 400, "\(noVersion.body)")

            let valid = try await S.upload(api, token: token, data: try S.package(S.demoFiles()))
            #expect(valid.status == 200, "a valid upload still works after the refusals")
            #expect(try await Self.charts(api, token: token).count == 1, "only the valid upload was stored")
            #expect(try await api.send("GET", "/v1/chart/00000000-0000-0000-0000-000000000000", token: token).status == 404)
        }
    }

    @Test func privateChartsAreVisibleOnlyToTheirTenantAndManagedByItsAdmins() async throws {
        try await S.withAPI { api in
            let admin = try await api.token()
            let owner = try await S.member(api, tenant: "team-a", username: "alice", role: .admin)
            let viewer = try await S.member(api, tenant: "team-a", username: "victor", role: .viewer)
            let stranger = try await S.member(api, tenant: "team-b", username: "bob", role: .admin)
            let package = try S.package(S.demoFiles())

            #expect(try await S.upload(api, token: owner.token, data: package).status == 403, "only platform admins upload global charts")
            #expect(try await S.upload(api, token: viewer.token, data: package, query: "?tenant=team-a").status == 403)
            #expect(try await S.upload(api, token: stranger.token, data: package, query: "?tenant=team-a").status == 404)
            let uploaded = try await S.upload(api, token: owner.token, data: package, query: "?tenant=team-a")
            #expect(uploaded.status == 200, "\(uploaded.body)")
            let uuid = try #require((try S.json(uploaded.body)["data"] as? [String: Any])?["helmUUID"] as? String)

            let seen = try await Self.charts(api, token: viewer.token)
            #expect(seen.map { $0["uuid"] as? String } == [uuid])
            #expect(seen.first?["tenant"] as? String == owner.tenant.uuid)
            #expect(try await Self.charts(api, token: stranger.token).isEmpty)
            #expect(try await Self.charts(api, token: admin).count == 1)
            #expect(try await api.send("GET", "/v1/chart/\(uuid)", token: stranger.token).status == 404)
            #expect(try await api.send("GET", "/v1/chart/valueTemplateExample/demo/0.1.0", token: stranger.token).status == 404)
            #expect(try await api.send("GET", "/v1/chart/valueTemplateExample/demo/0.1.0", token: viewer.token).status == 200)
            #expect(try await api.send("DELETE", "/v1/chart/\(uuid)", token: stranger.token).status == 404)
            #expect(try await api.send("DELETE", "/v1/chart/\(uuid)", token: viewer.token).status == 403)
            #expect(try await api.send("DELETE", "/v1/chart/\(uuid)", token: owner.token).status == 200)
        }
    }
}
