import Foundation
import KFModels
import KFTemplate

/// Reading a cluster.yaml into request arguments, and submitting install/update requests.
enum ClusterSpecFile {
    /// Reads the spec and takes name, namespace, chart name and version from it, with KubeFATE's
    /// messages for missing keys (install also refuses empty chart name and version). The file's
    /// text is sent as is (`data`), comments included, so the service's errors point at its lines.
    static func args(file: String, install: Bool, cover: Bool) throws(CLIError) -> ClusterArgs {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        return try args(text: String(decoding: data, as: UTF8.self), file: file, install: install, cover: cover)
    }

    static func args(text: String, file: String, install: Bool, cover: Bool) throws(CLIError) -> ClusterArgs {
        let spec: Value
        do {
            spec = try YAML.decodeHelm(text)
        } catch {
            throw CLIError("\(file): \(error)")
        }
        guard case .map = spec else { throw CLIError("\(file): the cluster spec must be a YAML mapping") }
        func string(_ key: String) throws(CLIError) -> String? {
            guard let value = spec[key] else { return nil }
            if case .null = value { return nil }
            guard let text = value.string else { throw CLIError("\(file): \(key) must be a string") }
            return text
        }
        guard let name = try string("name") else { throw CLIError("name not found, check your Cluster file") }
        guard let namespace = try string("namespace") else { throw CLIError("namespace not found, check your Cluster file") }
        let chartVersion = try string("chartVersion")
        let chartName = try string("chartName")
        if install {
            guard let chartVersion, !chartVersion.isEmpty else { throw CLIError("chartVersion not found, check your cluster.yaml file") }
            guard let chartName, !chartName.isEmpty else { throw CLIError("chartName not found, check your cluster.yaml file") }
        } else {
            guard chartVersion != nil, chartName != nil else { throw CLIError("chartVersion not found, check your Cluster file") }
        }
        return ClusterArgs(name: name, namespace: namespace, chartName: chartName ?? "", chartVersion: chartVersion ?? "",
                           cover: cover, data: Array(text.utf8))
    }

    /// POSTs (install) or PUTs (update) the arguments with an `Idempotency-Key`, prints the
    /// created job and follows it when asked; with `dryRun`, prints the diff instead.
    static func submit(_ method: String, args: ClusterArgs, dryRun: Bool, follow: JobSubmitOptions,
                       client: KubefateClient) async throws(CLIError) -> JobStatus? {
        let body = KubefateClient.encode(args)
        if dryRun {
            let answer = try await client.request(method, "cluster?dryRun=true", body: body, as: APIEnvelope<DryRunResult>.self)
            Terminal.write(dryRunText(answer.data))
            return nil
        }
        let answer = try await client.request(method, "cluster", body: body, idempotencyKey: follow.key(),
                                              as: APIEnvelope<Job>.self)
        return try await follow.report(answer.data, client: client)
    }

    /// The unified diff against the running release, or a line saying there is none.
    static func dryRunText(_ result: DryRunResult) -> String {
        guard !result.diff.isEmpty else { return "no changes\n" }
        return result.diff.hasSuffix("\n") ? result.diff : result.diff + "\n"
    }
}
