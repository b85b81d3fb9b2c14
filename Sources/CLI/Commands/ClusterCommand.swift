import ArgumentParser
import Foundation
import KFModels

/// `kubefate cluster …`: KubeFATE's cluster commands.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Manage FATE clusters.",
        subcommands: [ClusterInstallCommand.self, ClusterUpdateCommand.self, ClusterDeleteCommand.self,
                      ClusterListCommand.self, ClusterDescribeCommand.self, ClusterLogsCommand.self]
    )
}

/// Options of the job-creating commands: `--watch` follows the job like `job watch`; the
/// `Idempotency-Key` is fresh per invocation unless given, so re-running a command with the same
/// key (e.g. a script's retry) answers the same job instead of queueing another.
struct JobSubmitOptions: ParsableArguments {
    @Flag(help: "Follow the job's progress until it ends (exit status as `job watch`).")
    var watch = false

    @Flag(help: "With --watch: one line per change even on a terminal.")
    var plain = false

    @Option(name: .customLong("idempotency-key"), help: "Idempotency-Key to send (default: a new UUID).")
    var idempotencyKey: String?

    /// The key for this invocation's request (and its retries).
    func key() -> String {
        idempotencyKey ?? UUID().uuidString.lowercased()
    }

    /// Prints KubeFATE's line for a created job, then follows it when asked.
    func report(_ job: Job, client: KubefateClient) async throws(CLIError) -> JobStatus? {
        Terminal.write(ClusterFormatting.jobCreated(job.uuid))
        guard watch else { return nil }
        return try await JobWatcher(plain: plain).watch(job.uuid, client: client)
    }
}

/// `kubefate cluster install -f cluster.yaml [--cover] [--watch] [--dry-run]`.
struct ClusterInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install", abstract: "Install a cluster from a cluster.yaml.")

    @Option(name: [.short, .long], help: "The cluster spec (cluster.yaml).")
    var file: String

    @Flag(help: "Uninstall an existing release of the same name first.")
    var cover = false

    @Flag(help: "Validate and render only: print the manifest diff, queue nothing.")
    var dryRun = false

    @OptionGroup var follow: JobSubmitOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var outcome: JobStatus?
        try await connection.withClient { client throws(CLIError) in
            let args = try ClusterSpecFile.args(file: file, install: true, cover: cover)
            outcome = try await ClusterSpecFile.submit("POST", args: args, dryRun: dryRun, follow: follow, client: client)
        }
        if let outcome { try JobWatcher.exit(with: outcome) }
    }
}

/// `kubefate cluster update -f cluster.yaml [--keepUpgradeJob] [--watch] [--dry-run]`.
struct ClusterUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Update a cluster from a cluster.yaml.")

    @Option(name: [.short, .long], help: "The cluster spec (cluster.yaml).")
    var file: String

    @Flag(name: .customLong("keepUpgradeJob"), help: "Keep the upgrade-manager job after the upgrade.")
    var keepUpgradeJob = false

    @Flag(help: "Validate and render only: print the manifest diff, queue nothing.")
    var dryRun = false

    @OptionGroup var follow: JobSubmitOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var outcome: JobStatus?
        try await connection.withClient { client throws(CLIError) in
            var args = try ClusterSpecFile.args(file: file, install: false, cover: false)
            args.keepUpgradeJob = keepUpgradeJob
            outcome = try await ClusterSpecFile.submit("PUT", args: args, dryRun: dryRun, follow: follow, client: client)
        }
        if let outcome { try JobWatcher.exit(with: outcome) }
    }
}

/// `kubefate cluster delete|del <uuid> [--watch]`.
struct ClusterDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a cluster.", aliases: ["del"])

    @Argument(help: "The cluster uuid.")
    var uuid: String?

    @OptionGroup var follow: JobSubmitOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var outcome: JobStatus?
        try await connection.withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let answer = try await client.request("DELETE", "cluster/\(id)", idempotencyKey: follow.key(),
                                                  as: APIEnvelope<Job>.self)
            outcome = try await follow.report(answer.data, client: client)
        }
        if let outcome { try JobWatcher.exit(with: outcome) }
    }
}

/// `kubefate cluster list|ls [--all] [-o json|yaml]`.
struct ClusterListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List clusters.", aliases: ["ls"])

    @Flag(name: [.customShort("A"), .long], help: "Include deleted clusters.")
    var all = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show(all ? "cluster/?all=true&" : "cluster/", what: "cluster/", as: [Cluster].self,
                                  format: output.format) { ClusterFormatting.listTable($0) }
    }
}

/// `kubefate cluster describe <uuid> [-o json|yaml]`.
struct ClusterDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one cluster.")

    @Argument(help: "The cluster uuid.")
    var uuid: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.describe("cluster", uuid: uuid, as: Cluster.self, format: output.format) {
            ClusterFormatting.describeTable($0, maxColumnWidth: Terminal.keyValueWidth)
        }
    }
}
