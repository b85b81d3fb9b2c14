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
    ///
    /// Spawned with `posix_spawn` and awaited with `waitpid`, output to a file: daemons the command
    /// starts (RabbitMQ, MariaDB) inherit its descriptors and keep running, which would hold a pipe
    /// open, and would also keep Foundation's `Process` from noticing that the shell exited.
    static func run(_ command: String) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("kf-service-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Close every inherited descriptor above 2 first, so daemons do not keep the test's sockets.
        let closeInherited = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null"#
        let script = "\(closeInherited); cd '\(TestPaths.repositoryRoot.path)' && \(command)"
        let arguments = ["/bin/bash", "-c", script].map { $0.withCString { strdup($0) } } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, arguments, environ)
        guard spawned == 0 else { throw PipelineError("posix_spawn failed (\(spawned)) for `\(command)`") }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            guard result == 0 else { throw PipelineError("waitpid failed (errno \(errno)) for `\(command)`") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw PipelineError("`\(command)` ended with wait status \(status):\n\(text)")
        }
    }
}
