import ArgumentParser
import KFModels

/// `kubefate job watch <uuid>`: follows a job until it ends, showing every sub-job's progress — a
/// table redrawn in place on a terminal, one line per change otherwise. Rides out a restarting or
/// briefly unreachable service (up to `--patience` failed polls in a row). Exit status: 0 Success,
/// 2 Failed, 3 Canceled, 4 Timeout, 5 Rollback (1 for errors such as an unknown job).
struct JobWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Follow a job's progress until it ends.")

    @Argument(help: "The job uuid.")
    var uuid: String?

    @Option(help: "Seconds between polls.")
    var interval: Double = 1

    @Flag(help: "Print one line per change even on a terminal.")
    var plain = false

    @Option(help: "Failed polls in a row (service unreachable or 5xx) before giving up.")
    var patience = 30

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var outcome: JobStatus = .pending
        try await connection.withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            outcome = try await JobWatcher(interval: interval, plain: plain, patience: patience).watch(id, client: client)
        }
        try JobWatcher.exit(with: outcome)
    }
}

/// The polling loop behind `job watch` and `--watch` on install, update and delete.
struct JobWatcher: Sendable {
    var interval: Double = 1
    var plain = false
    var patience = 30

    /// Polls `GET /v1/job/<id>` and prints progress until the job reaches a final status.
    func watch(_ id: String, client: KubefateClient) async throws(CLIError) -> JobStatus {
        let pollInterval = max(0.2, interval)
        var renderer = WatchRenderer(live: Terminal.isTTY && !plain)
        var failures = 0
        while true {
            do throws(CLIError) {
                let job = try await client.request("GET", "job/\(id)", as: APIEnvelope<Job>.self).data
                failures = 0
                Terminal.write(renderer.update(job, now: .now()))
                if job.status.isTerminal { return job.status }
            } catch where error.isTransient && failures < patience {
                failures += 1
                Terminal.writeError("\(error.message) (retrying, \(failures)/\(patience))\n")
            }
            do {
                try await Task.sleep(for: .milliseconds(Int(pollInterval * 1000)))
            } catch {
                throw CLIError("interrupted")
            }
        }
    }

    /// Ends the command with the exit status for a job's final status (0 only for Success).
    static func exit(with status: JobStatus) throws {
        let code = exitCode(status)
        if code != 0 { throw ExitCode(code) }
    }

    static func exitCode(_ status: JobStatus) -> Int32 {
        switch status {
        case .success: 0
        case .failed: 2
        case .canceled: 3
        case .timeout: 4
        case .rollback: 5
        case .pending, .running, .stopping: 1
        }
    }
}
