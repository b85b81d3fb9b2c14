import Foundation

/// Restarts the shared MariaDB and RabbitMQ the way `scripts/services.sh` runs them. Only the
/// service-restart test uses it (gated by `KUBEFATE_TEST_RESTART_SERVICES=1`).
enum ServiceControl {
    /// `rabbitmqctl stop`, then `scripts/services.sh up` starts it again and waits until it is ready.
    static func restartRabbitMQ() async throws {
        try await run("rabbitmqctl -q stop; for i in $(seq 1 100); do rabbitmq-diagnostics -q ping >/dev/null 2>&1 || break; sleep 0.2; done")
        try await run("bash scripts/services.sh up")
    }

    /// `mariadb-admin shutdown`, then `scripts/services.sh up` starts it again.
    static func restartMariaDB() async throws {
        try await run("mariadb-admin -uroot shutdown")
        try await run("bash scripts/services.sh up")
    }

    /// Runs a shell command in the repository root; throws with its output when it fails.
    static func run(_ command: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = TestPaths.repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw PipelineError("`\(command)` exited \(status):\n\(text)") }
    }
}
