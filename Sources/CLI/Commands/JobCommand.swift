import ArgumentParser
import KFModels

/// `kubefate job …`: list, describe, delete, stop and watch jobs.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Inspect and control jobs.",
        subcommands: [JobListCommand.self, JobDescribeCommand.self, JobDeleteCommand.self, JobStopCommand.self, JobWatchCommand.self]
    )
}

struct JobListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs.", aliases: ["ls"])

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("job/", as: [Job].self, format: output.format) { JobFormatting.listTable($0) }
    }
}

struct JobDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one job.")

    @Argument(help: "The job uuid.")
    var uuid: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.describe("job", uuid: uuid, as: Job.self, format: output.format) {
            JobFormatting.describeTable($0, maxColumnWidth: Terminal.keyValueWidth)
        }
    }
}

struct JobDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a job record.", aliases: ["del"])

    @Argument(help: "The job uuid.")
    var uuid: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.delete("job", uuid: uuid)
    }
}

struct JobStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a pending or running job.")

    @Argument(help: "The job uuid.")
    var uuid: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let answer = try await client.request("PUT", "job/\(id)?jobStatus=stop", as: APIEnvelope<String>.self)
            Terminal.write(answer.data + "\n")
        }
    }
}
