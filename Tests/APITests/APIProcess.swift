import Foundation
import KFDatabase
import KFQueue
@testable import CLI

/// A `kubefate-api` binary from `.build/debug` running against the local MariaDB and RabbitMQ with
/// its own database and queue, for integration tests over a real socket.
final class APIProcess: @unchecked Sendable {
    // @unchecked Sendable: set up once in `start`, then only read (`Process` is used from one test).
    let process: Process
    let baseURL: String
    let database: String
    let queue: String
    let adminPassword = "integration-pass"
    let http: CurlHTTPClient

    private init(process: Process, baseURL: String, database: String, queue: String, http: CurlHTTPClient) {
        self.process = process
        self.baseURL = baseURL
        self.database = database
        self.queue = queue
        self.http = http
    }

    static var repositoryRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    /// Starts the API (migrating the database, a fresh one unless given) and waits until it listens.
    /// `environment` adds or overrides variables; `KUBECONFIG` is cleared unless given there.
    static func start(database existingDatabase: String? = nil, queue existingQueue: String? = nil,
                      environment extra: [String: String] = [:]) async throws -> APIProcess {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let database = existingDatabase ?? "kf_test_api_\(suffix)"
        let queue = existingQueue ?? "kf.test.api.\(suffix)"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kf-api-\(suffix)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let readyFile = dir.appendingPathComponent("addr").path
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent(".build/debug/kubefate-api")
        var env = ProcessInfo.processInfo.environment
        env["KUBEFATE_DB_NAME"] = database
        env["KUBEFATE_AMQP_QUEUE"] = queue
        env["KUBEFATE_JWT_KEY"] = "integration-test-key-0123456789abcdef"
        env["KUBEFATE_ADMIN_PASSWORD"] = "integration-pass"
        env["KUBEFATE_API_LISTEN"] = "127.0.0.1:0"
        env["KUBEFATE_API_READY_FILE"] = readyFile
        env["KUBEFATE_MIGRATE"] = "1"
        env["KUBEFATE_METRICS_REFRESH"] = "1"
        env["KUBECONFIG"] = nil
        env["KUBERNETES_SERVICE_HOST"] = nil
        env["KUBEFATE_CHARTS_DIR"] = repositoryRoot.appendingPathComponent("charts").path
        env.merge(extra) { _, given in given }
        process.environment = env
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = try FileHandle(forWritingTo: {
            let log = dir.appendingPathComponent("api.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            return log
        }())
        try process.run()
        var address: String?
        for _ in 0..<600 where process.isRunning {
            if let text = try? String(contentsOfFile: readyFile, encoding: .utf8), text.hasSuffix("\n") {
                address = text.trimmingCharacters(in: .whitespacesAndNewlines)
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        guard let address else {
            process.terminate()
            let log = (try? String(contentsOf: dir.appendingPathComponent("api.log"), encoding: .utf8)) ?? ""
            throw CLIError("kubefate-api did not start:\n\(log)")
        }
        return APIProcess(process: process, baseURL: "http://\(address)", database: database, queue: queue, http: try CurlHTTPClient(timeout: 30))
    }

    /// The test database's settings.
    var databaseConfig: MariaDBConfig {
        get throws {
            var config = try MariaDBConfig.fromEnvironment()
            config.database = database
            return config
        }
    }

    /// SIGTERM, wait for exit, then (unless `keepingData`) drop the database and the queue.
    /// Returns the exit status.
    @discardableResult
    func stop(keepingData: Bool = false) async throws -> Int32 {
        if process.isRunning { process.terminate() }
        while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        if keepingData { return process.terminationStatus }
        try await Migrator.dropDatabase(config: try databaseConfig)
        var amqp = try AMQPConfig(environment: ProcessInfo.processInfo.environment)
        amqp.queue = queue
        amqp.heartbeat = .zero  // opened, used and closed without ticking
        let connection = AMQPConnection(config: amqp, role: "test-cleanup")
        try await connection.open()
        _ = try await connection.deleteQueue(queue)
        await connection.close()
        return process.terminationStatus
    }

    func send(_ method: String, _ path: String, token: String? = nil, body: String? = nil) async throws -> (status: Int, body: String) {
        var headers: [String] = []
        if let token { headers.append("Authorization: Bearer \(token)") }
        let result = try await http.send(method: method, url: baseURL + path, headers: headers, body: body.map { Array($0.utf8) })
        return (result.status, String(decoding: result.body, as: UTF8.self))
    }

    func token(username: String = "admin", password: String? = nil) async throws -> String {
        let (_, body) = try await send("POST", "/v1/user/login",
                                       body: #"{"username":"\#(username)","password":"\#(password ?? adminPassword)"}"#)
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        guard let token = object?["token"] as? String else { throw CLIError("no token in \(body)") }
        return token
    }
}
