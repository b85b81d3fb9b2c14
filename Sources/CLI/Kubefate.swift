import ArgumentParser

/// The `kubefate` command line: KubeFATE's commands and flags, plus tenants, `job watch`,
/// `doctor` and `chart render`.
struct Kubefate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubefate",
        abstract: "Deploy and manage FATE clusters through the KubeFATE service.",
        subcommands: [ChartCommand.self, ClusterCommand.self, DoctorCommand.self, JobCommand.self, LoginCommand.self,
                      ClusterLogsCommand.self, NamespaceCommand.self, TenantCommand.self, UserCommand.self, VersionCommand.self]
    )
}
