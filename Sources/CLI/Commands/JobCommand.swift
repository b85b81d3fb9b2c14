import ArgumentParser
import KFModels

/// `kubefate job …`: list, describe, stop and watch jobs.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Inspect and control jobs.",
        subcommands: [JobListCommand.self, JobDescribeCommand.self, JobStopCommand.self, JobWatchCommand.self]
    )
}

struct JobListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs.", aliases: ["ls"])

    func run() async throws {
        try await withClient { client throws(CLIError) in
            let answer = try await client.request("GET", "job", as: APIEnvelope<[Job]>.self)
            Terminal.write(JobFormatting.listTable(answer.data))
        }
    }
}

struct JobDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one job.")

    @Argument(help: "The job uuid.")
    var uuid: String?

    func run() async throws {
        try await withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let answer = try await client.request("GET", "job/\(id)", as: APIEnvelope<Job>.self)
            Terminal.write(JobFormatting.describeTable(answer.data, maxColumnWidth: Terminal.keyValueWidth))
        }
    }
}

struct JobStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a pending or running job.")

    @Argument(help: "The job uuid.")
    var uuid: String?

    func run() async throws {
        try await withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let answer = try await client.request("PUT", "job/\(id)?jobStatus=stop", as: APIEnvelope<String>.self)
            Terminal.write(answer.data + "\n")
        }
    }
}
