import Foundation
import KFDatabase
import KFModels
import KFQueue
import Testing

/// One test's private pipeline: a fresh database and queue, a `kubefate-api` process and N
/// `kubefate-worker` processes from the build folder, an HTTP client logged in as admin, and a
/// database connection for verification. `shutdown()` stops everything and drops the database and
/// the queue.
final class PipelineStack: @unchecked Sendable {
    // @unchecked Sendable: the mutable process lists are only touched by the test's own task.
    let id: String
    let databaseName: String
    let queueName: String
    let directory: URL
    /// The simulated executor's log (`KUBEFATE_SIMULATE_LOG`), shared by all workers.
    let simulationLog: URL
    let adminPassword = "admin-password-\(UUID().uuidString.prefix(8))"
    let jwtKey = "test-jwt-key-" + UUID().uuidString + UUID().uuidString
    let http = HTTPClient()
    let database: MariaDBPool
    private(set) var api: ManagedProcess?
    private(set) var apiPort = 0
    private(set) var workers: [ManagedProcess] = []
    private(set) var token = ""
    /// Worker settings for every worker of this stack (short leases in crash tests).
    var workerEnvironment: [String: String]
    private var apiGeneration = 0

    /// Creates the database and names; starts nothing.
    init(workerEnvironment: [String: String] = [:]) async throws {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        id = String(suffix)
        databaseName = "kf_test_\(suffix)"
        queueName = "kubefate.test.\(suffix)"
        directory = try TestPaths.scratchDirectory(String(suffix))
        simulationLog = directory.appendingPathComponent("executions.log")
        self.workerEnvironment = workerEnvironment
        var admin = try MariaDBConfig.fromEnvironment()
        admin.poolSize = 1
        let server = MariaDBPool(config: admin, size: 1)
        _ = try await server.execute("CREATE DATABASE `\(databaseName)` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
        await server.shutdown()
        var config = admin
        config.database = databaseName
        config.poolSize = 2
        database = MariaDBPool(config: config, size: 2)
    }

    /// The environment shared by the API and the workers.
    func baseEnvironment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["KUBEFATE_DB_NAME"] = databaseName
        env["KUBEFATE_AMQP_QUEUE"] = queueName
        env["KUBEFATE_LOG_LEVEL"] = env["KUBEFATE_TEST_LOG_LEVEL"] ?? "info"
        env["KUBEFATE_JWT_KEY"] = jwtKey
        return env
    }

    /// Starts an API process (migrating the database) and waits until it answers and logs in.
    func startAPI(environment extra: [String: String] = [:]) async throws {
        apiGeneration += 1
        apiPort = try TestPaths.freePort()
        var env = baseEnvironment()
        env["KUBEFATE_API_LISTEN"] = "127.0.0.1:\(apiPort)"
        env["KUBEFATE_ADMIN_USER"] = "admin"
        env["KUBEFATE_ADMIN_PASSWORD"] = adminPassword
        env["KUBEFATE_MIGRATE"] = "1"
        env.merge(extra) { $1 }
        let process = try ManagedProcess(
            name: "api-\(apiGeneration)", executable: try TestPaths.binary("kubefate-api"), environment: env,
            logPath: directory.appendingPathComponent("api-\(apiGeneration).log").path)
        api = process
        try await waitUntil("the API answers /healthz", timeout: .seconds(60), diagnostics: process.logTail()) {
            guard process.isRunning else { throw PipelineError("the API exited:\n\(process.logTail())") }
            return (try? await http.request("GET", url("/healthz")).status) == 200
        }
        token = try await login()
    }

    /// Starts `count` more workers (ids `w0`, `w1`, …), each with `workerEnvironment` + `extra`.
    func startWorkers(_ count: Int, environment extra: [String: String] = [:]) throws {
        for _ in 0..<count {
            let index = workers.count
            var env = baseEnvironment()
            env["KUBEFATE_WORKER_ID"] = "w\(index)"
            env["KUBEFATE_SIMULATE_LOG"] = simulationLog.path
            env.merge(workerEnvironment) { $1 }
            env.merge(extra) { $1 }
            workers.append(try ManagedProcess(
                name: "worker-w\(index)", executable: try TestPaths.binary("kubefate-worker"), environment: env,
                logPath: directory.appendingPathComponent("worker-w\(index).log").path))
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(apiPort)\(path)" }

    /// Logs in as the configured admin and returns the token.
    func login() async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": "admin", "password": adminPassword])
        let response = try await http.request("POST", url("/v1/user/login"), body: Array(body))
        guard response.status == 200, let token = response.json["token"] as? String else {
            throw PipelineError("login failed: \(response.status) \(response.text)")
        }
        return token
    }

    /// Stops every process, drops the database and deletes the queue.
    func shutdown() async {
        for worker in workers { await worker.stop() }
        await api?.stop()
        _ = try? await database.execute("DROP DATABASE IF EXISTS `\(databaseName)`")
        await database.shutdown()
        var amqp = (try? AMQPConfig(environment: ProcessInfo.processInfo.environment)) ?? AMQPConfig()
        amqp.queue = queueName
        amqp.heartbeat = .zero  // opened, used and closed without ticking
        let connection = AMQPConnection(config: amqp, role: "test-cleanup")
        try? await connection.open()
        _ = try? await connection.deleteQueue(queueName)
        await connection.close()
        if Self.keepsScratch == false { try? FileManager.default.removeItem(at: directory) }
    }

    /// Every process's log tail, for failure messages.
    func diagnostics() -> String {
        ([api].compactMap { $0 } + workers).map { $0.logTail() }.joined(separator: "\n")
    }

    /// `KUBEFATE_TEST_KEEP=1` keeps each test's logs under `.build/pipeline-tests/`.
    static var keepsScratch: Bool { ProcessInfo.processInfo.environment["KUBEFATE_TEST_KEEP"] == "1" }
}

/// Polls `condition` every 100 ms until it holds; throws (with `diagnostics`) after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration, diagnostics: @autoclosure () -> String = "",
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        if ContinuousClock.now > deadline {
            throw PipelineError("timed out waiting until \(what)\n\(diagnostics())")
        }
        try await Task.sleep(for: .milliseconds(100))
    }
}
