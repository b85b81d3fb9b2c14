import ArgumentParser

/// The `kubefate` command line: KubeFATE's commands and flags, plus `chart render` and `job watch`.
@main
struct Kubefate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubefate",
        abstract: "Deploy and manage FATE clusters through the KubeFATE service.",
        subcommands: [ChartCommand.self, ClusterCommand.self, JobCommand.self, VersionCommand.self, LoginCommand.self]
    )
}
