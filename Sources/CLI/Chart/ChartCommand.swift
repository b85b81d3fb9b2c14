import ArgumentParser

/// `kubefate chart …`: chart tools that run locally.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Work with KubeFATE chart packages locally.",
        subcommands: [ChartRenderCommand.self]
    )
}
