import ArgumentParser

/// `kubefate chart …`: the service's charts (upload, list, describe, delete) and `render`, which
/// runs locally.
struct ChartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Manage the service's charts; render charts locally.",
        subcommands: [ChartUploadCommand.self, ChartListCommand.self, ChartDescribeCommand.self, ChartDeleteCommand.self,
                      ChartRenderCommand.self]
    )
}
