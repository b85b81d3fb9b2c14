import ArgumentParser
import Foundation
import KFModels

/// `kubefate cluster …`: the cluster commands of issue 2 (install).
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Manage FATE clusters.",
        subcommands: [ClusterInstallCommand.self]
    )
}

/// `kubefate cluster install -f cluster.yaml [--cover]`: submits an install job.
struct ClusterInstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install", abstract: "Install a cluster from a cluster.yaml.")

    @Option(name: [.short, .long], help: "The cluster spec (cluster.yaml).")
    var file: String

    @Flag(help: "Uninstall an existing release of the same name first.")
    var cover = false

    func run() async throws {
        try await withClient { client throws(CLIError) in
            let args = try Self.clusterArgs(file: file, cover: cover)
            let body = KubefateClient.encode(args)
            let answer = try await client.request("POST", "cluster", body: body, as: APIEnvelope<Job>.self)
            Terminal.write("create job Success, job id=\(answer.data.uuid)\r\n")
        }
    }

    /// Reads the spec and takes name, namespace, chart name and version from it, with KubeFATE's
    /// messages for missing keys. The file's text is sent as is (`data`), comments included.
    static func clusterArgs(file: String, cover: Bool) throws(CLIError) -> ClusterArgs {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let spec: YAMLNode
        do {
            spec = try YAMLNode.parse(Array(data))
        } catch {
            throw CLIError("\(file): \(error)")
        }
        guard case .mapping = spec else { throw CLIError("\(file): the cluster spec must be a YAML mapping") }
        guard let name = spec["name"]?.string else { throw CLIError("name not found, check your Cluster file") }
        guard let namespace = spec["namespace"]?.string else { throw CLIError("namespace not found, check your Cluster file") }
        guard let chartVersion = spec["chartVersion"]?.string, !chartVersion.isEmpty else {
            throw CLIError("chartVersion not found, check your cluster.yaml file")
        }
        guard let chartName = spec["chartName"]?.string, !chartName.isEmpty else {
            throw CLIError("chartName not found, check your cluster.yaml file")
        }
        return ClusterArgs(name: name, namespace: namespace, chartName: chartName, chartVersion: chartVersion,
                           cover: cover, data: Array(data))
    }
}
