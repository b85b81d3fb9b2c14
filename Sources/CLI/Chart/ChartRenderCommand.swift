import ArgumentParser
import Foundation
import KFCharts

/// `kubefate chart render`: KubeFATE's values step plus `helm template`, byte for byte.
struct ChartRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a chart for a cluster spec as KubeFATE and `helm template` (v3.9.4) do.",
        discussion: """
            Writes values.yaml (the output of the chart's values-template.yaml) and manifest.yaml \
            (what `helm template` prints) into --out, or prints the manifest when --out is not given.
            """
    )

    @Option(name: .long, help: "The chart: a .tgz package or an unpacked chart directory.")
    var chart: String

    @Option(name: .long, help: "The cluster spec (cluster.yaml).")
    var cluster: String

    @Option(name: .long, help: "The Kubernetes version templates see.")
    var kubeVersion: String = ChartRenderer.defaultKubeVersion

    @Option(name: .long, help: "Release name (default: the spec's name).")
    var name: String?

    @Option(name: .long, help: "Release namespace (default: the spec's namespace).")
    var namespace: String?

    @Option(name: .long, help: "Directory to write values.yaml and manifest.yaml into.")
    var out: String?

    func run() throws {
        do {
            try render()
        } catch let error as ChartError {
            FileHandle.standardError.write(Data("Error: \(error.stage): \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func render() throws {
        let loaded = try Chart.load(path: chart)
        guard let specData = FileManager.default.contents(atPath: cluster) else {
            throw ChartError(.io, "cannot read cluster spec \"\(cluster)\"")
        }
        let spec = try ClusterSpec(yaml: String(decoding: specData, as: UTF8.self))
        let release = try spec.release(name: name, namespace: namespace)
        let valuesYAML = try ValuesStep.render(chart: loaded, spec: spec)
        if let out { try write(valuesYAML, to: out, file: "values.yaml") }
        let result = try ChartRenderer.render(chart: loaded, valuesYAML: valuesYAML, release: release, kubeVersion: kubeVersion)
        if let out {
            try write(result.helmTemplateOutput, to: out, file: "manifest.yaml")
        } else {
            FileHandle.standardOutput.write(Data(result.helmTemplateOutput.utf8))
        }
    }

    private func write(_ text: String, to directory: String, file: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(file))
        } catch {
            throw ChartError(.io, "cannot write \(file) into \"\(directory)\": \(error.localizedDescription)")
        }
    }
}
