import Foundation
import KFDatabase
import KFModels
import Testing
@testable import API
@testable import CLI

/// Charts, multipart bodies, API processes and tenant users for the chart, dry-run, idempotency,
/// events and audit integration tests.
enum ChartTestSupport {
    /// A small KubeFATE-style chart: values template, example, one ConfigMap template.
    static func demoFiles(version: String = "0.1.0", greeting: String = "hello") -> [String: String] {
        [
            "Chart.yaml": "apiVersion: v2\nname: demo\nversion: \(version)\nappVersion: \"1.0\"\n",
            "values.yaml": "partyName: demo\ngreeting: \(greeting)\nreplicas: 1\n",
            "values-template.yaml": """
                partyName: {{ .name }}
                greeting: {{ .greeting | default "\(greeting)" }}
                replicas: {{ if .web }}{{ .web.replicas | default 1 }}{{ else }}1{{ end }}

                """,
            "values-template-example.yaml": """
                name: demo-1
                namespace: demo-1
                chartName: demo
                chartVersion: \(version)
                greeting: hi
                web:
                  replicas: 1

                """,
            "templates/configmap.yaml": """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Values.partyName }}-config
                data:
                  greeting: {{ .Values.greeting | quote }}
                  replicas: {{ .Values.replicas | quote }}

                """,
        ]
    }

    /// A cluster spec for the demo chart.
    static func demoSpec(name: String = "demo-1", extra: String = "") -> String {
        "name: \(name)\nnamespace: \(name)\nchartName: demo\nchartVersion: 0.1.0\n" + extra
    }

    /// `POST /v1/cluster` body for a spec.
    static func clusterBody(name: String = "demo-1", chart: String = "demo", version: String = "0.1.0", spec: String) -> String {
        let data = Data(spec.utf8).base64EncodedString()
        return #"{"name":"\#(name)","namespace":"\#(name)","chart_name":"\#(chart)","chart_version":"\#(version)","cover":false,"data":"\#(data)"}"#
    }

    /// A temporary directory.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kf-apiext-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `files` as chart directory `<parent>/<name>`.
    @discardableResult
    static func writeChart(_ files: [String: String], in parent: URL, name: String) throws -> URL {
        let root = parent.appendingPathComponent(name)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// `files` packaged as `helm package` does: a gzipped tar with the chart directory on top.
    static func package(_ files: [String: String], name: String = "demo") throws -> [UInt8] {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeChart(files, in: dir, name: name)
        let output = dir.appendingPathComponent("chart.tgz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-czf", output.path, "-C", dir.path, name]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return Array(try Data(contentsOf: output))
    }

    /// A `multipart/form-data` body with one file field.
    static func multipart(field: String = "file", filename: String, data: [UInt8]) -> (contentType: String, body: [UInt8]) {
        let boundary = "kf-boundary-\(UUID().uuidString)"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: application/gzip\r\n\r\n".utf8)
        body += data
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    /// Uploads a package; answers status and body.
    static func upload(_ api: APIProcess, token: String, filename: String = "demo-0.1.0.tgz", data: [UInt8],
                       query: String = "", headers: [String] = []) async throws -> (status: Int, body: String) {
        let form = multipart(filename: filename, data: data)
        let result = try await api.http.send(method: "POST", url: api.baseURL + "/v1/chart" + query,
                                             headers: ["Authorization: Bearer \(token)", "Content-Type: \(form.contentType)"] + headers,
                                             body: form.body)
        return (result.status, String(decoding: result.body, as: UTF8.self))
    }

    /// Sends with extra headers.
    static func send(_ api: APIProcess, _ method: String, _ path: String, token: String?, body: String? = nil,
                     headers: [String] = []) async throws -> (status: Int, body: String) {
        var all = headers
        if let token { all.append("Authorization: Bearer \(token)") }
        let result = try await api.http.send(method: method, url: api.baseURL + path, headers: all, body: body.map { Array($0.utf8) })
        return (result.status, String(decoding: result.body, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// Starts an API with `environment`, runs `body`, stops it (dropping its database and queue).
    static func withAPI(environment: [String: String] = [:], _ body: (APIProcess) async throws -> Void) async throws {
        var env = environment
        if env["KUBEFATE_CHARTS_DIR"] == nil { env["KUBEFATE_CHARTS_DIR"] = try temporaryDirectory().path }
        // Chart folders made by these helpers are removed afterwards.
        let made = env["KUBEFATE_CHARTS_DIR"].flatMap { $0.contains("/kf-apiext-") ? $0 : nil }
        defer { if let made { try? FileManager.default.removeItem(atPath: made) } }
        let api = try await APIProcess.start(environment: env)
        do {
            try await body(api)
        } catch {
            _ = try? await api.stop()
            throw error
        }
        #expect(try await api.stop() == 0)
    }

    /// A chart directory holding the demo chart, for `KUBEFATE_CHARTS_DIR`.
    static func demoChartsDirectory() throws -> String {
        let dir = try temporaryDirectory()
        try writeChart(demoFiles(), in: dir, name: "demo")
        return dir.path
    }

    /// Creates a tenant (if new), a user with `role` in it, and logs the user in.
    static func member(_ api: APIProcess, tenant: String, username: String, role: Role) async throws -> (tenant: Tenant, token: String) {
        let database = Database(config: try api.databaseConfig)
        let password = "member-password-1"
        let created: Tenant
        do {
            if let found = try await database.users.tenant(name: tenant) {
                created = found
            } else {
                created = try await database.users.createTenant(name: tenant)
            }
            let stored = await PasswordService().hash(password: password)
            if try await database.users.user(username: username) == nil {
                _ = try await database.users.createUser(username: username, passwordHash: stored.hash, salt: stored.salt)
            }
            try await database.users.setMembership(username: username, tenantID: created.uuid, role: role)
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw error
        }
        let login = try await api.send("POST", "/v1/user/login", body: #"{"username":"\#(username)","password":"\#(password)"}"#)
        let token = try #require(try json(login.body)["token"] as? String, "login of \(username): \(login.body)")
        return (created, token)
    }
}
