import ArgumentParser
import Foundation

/// `kubefate chart upload -f <chart.tgz>`: multipart field `file`, as KubeFATE sends it. Prints
/// `Upload file Success` only when the service accepted the chart (KubeFATE printed it always).
struct ChartUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "upload", abstract: "Upload a chart package (.tgz).")

    @Option(name: [.short, .long], help: "The chart package made by `helm package`.")
    var file: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let form = MultipartForm(fileField: "file", fileName: URL(fileURLWithPath: file).lastPathComponent, content: Array(data))
            let result = try await client.raw("POST", "chart", body: form.body, contentType: form.contentType,
                                              idempotencyKey: UUID().uuidString.lowercased())
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.chartUploaded)
        }
    }
}

/// `kubefate chart list|ls [-o json|yaml]`.
struct ChartListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List charts.", aliases: ["ls"])

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("chart/", as: [ChartInfo].self, format: output.format) { ResourceFormatting.chartList($0) }
    }
}

/// `kubefate chart describe <uuid> [-o json|yaml]`.
struct ChartDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one chart.")

    @Argument(help: "The chart uuid.")
    var uuid: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.describe("chart", uuid: uuid, as: ChartInfo.self, format: output.format) {
            ResourceFormatting.chartDescribe($0, maxColumnWidth: Terminal.keyValueWidth)
        }
    }
}

/// `kubefate chart delete|del <uuid>`.
struct ChartDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a chart.", aliases: ["del"])

    @Argument(help: "The chart uuid.")
    var uuid: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.delete("chart", uuid: uuid)
    }
}
