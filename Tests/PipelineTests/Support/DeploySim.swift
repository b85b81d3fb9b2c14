import Foundation
import KubeSimCore

/// A kubesim started in-process for one deploy test, with the kubeconfig file and the environment
/// that make `kubefate-worker` deploy into it (`KUBEFATE_WORKER_EXECUTOR=kubernetes`). The API loads
/// the published fate charts the tests install (from `../shared/conformance/charts`) into its chart
/// store at start, and the workers read them from there.
final class DeploySim: Sendable {
    let sim: KubeSim
    let server: KubeSimServer.Running
    let kubeconfigPath: String
    /// A folder holding (links to) the charts the deploy tests install.
    let chartsPath: String

    /// Starts kubesim (virtual clock at 20× wall time) and writes its kubeconfig into `directory`.
    init(directory: URL, config: ClusterConfig = ClusterConfig(), faults: [FaultRule] = []) async throws {
        sim = try KubeSim(config: config, clock: .wall(speed: 20), faults: FaultInjector(rules: faults))
        server = try await KubeSimServer(sim: sim).start()
        kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
        try Kubeconfig.text(server: server.url).write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
        chartsPath = directory.appendingPathComponent("charts").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: chartsPath, withIntermediateDirectories: true)
        for package in ["fate-v1.11.1.tgz", "fate-v1.11.2.tgz"] {
            try fm.createSymbolicLink(atPath: "\(chartsPath)/\(package)",
                                      withDestinationPath: try DeploySpecs.chartsFolder().appendingPathComponent(package).path)
        }
    }

    func stop() async { await server.stop() }

    /// Worker settings for deploying into this simulator; `failureGrace` is how long a blocked
    /// component may stay blocked before its job fails.
    func workerEnvironment(failureGrace: String = "4s") throws -> [String: String] {
        [
            "KUBEFATE_WORKER_EXECUTOR": "kubernetes",
            "KUBECONFIG": kubeconfigPath,
            "KUBEFATE_WORKER_FAILURE_GRACE": failureGrace,
        ]
    }

    /// API settings: the chart store is loaded from `chartsPath`; logs come from this simulator.
    var apiEnvironment: [String: String] {
        ["KUBEFATE_CHARTS_DIR": chartsPath, "KUBECONFIG": kubeconfigPath]
    }

    /// Every namespaced object in `namespace` as `resource/name`, except what Kubernetes itself
    /// keeps in every namespace (events, the `default` ServiceAccount, `kube-root-ca.crt`).
    func objects(in namespace: String) -> [String] {
        let store = sim.cluster.store
        var found: [String] = []
        for resource in store.resources(inNamespace: namespace) where resource != "events" && !resource.hasSuffix("/events") {
            for object in store.list(resource, namespace: namespace).items {
                if resource.hasSuffix("serviceaccounts") && object.name == "default" { continue }
                if resource.hasSuffix("configmaps") && object.name == "kube-root-ca.crt" { continue }
                found.append("\(resource)/\(object.name)")
            }
        }
        return found.sorted()
    }

    /// Names of the Deployments and StatefulSets in `namespace` (one sub-job each).
    func workloads(in namespace: String) -> Set<String> {
        let store = sim.cluster.store
        var names = Set<String>()
        for resource in store.resources(inNamespace: namespace) where resource.hasSuffix("deployments") || resource.hasSuffix("statefulsets") {
            for object in store.list(resource, namespace: namespace).items { names.insert(object.name) }
        }
        return names
    }

    /// Container images of every Deployment and StatefulSet in `namespace`, by workload name.
    func images(in namespace: String) -> [String: [String]] {
        let store = sim.cluster.store
        var images: [String: [String]] = [:]
        for resource in store.resources(inNamespace: namespace) where resource.hasSuffix("deployments") || resource.hasSuffix("statefulsets") {
            for object in store.list(resource, namespace: namespace).items {
                let containers = object.object[path: ["spec", "template", "spec", "containers"]]?.array ?? []
                images[object.name] = containers.compactMap { $0["image"]?.string }
            }
        }
        return images
    }

    /// The Helm release records of `release` in `namespace`: version → status label.
    func releaseRecords(_ release: String, in namespace: String) -> [Int: String] {
        var records: [Int: String] = [:]
        for resource in sim.cluster.store.resources(inNamespace: namespace) where resource.hasSuffix("secrets") {
            for secret in sim.cluster.store.list(resource, namespace: namespace).items
            where secret.labels["owner"] == "helm" && secret.labels["name"] == release {
                if let version = Int(secret.labels["version"] ?? "") { records[version] = secret.labels["status"] ?? "" }
            }
        }
        return records
    }
}

/// Cluster specs for the deploy tests, from `../shared/conformance`.
enum DeploySpecs {
    /// `../shared` (or `KUBEFATE_SHARED_DIR`).
    static func sharedFolder() -> URL {
        if let folder = ProcessInfo.processInfo.environment["KUBEFATE_SHARED_DIR"], !folder.isEmpty {
            return URL(fileURLWithPath: folder)
        }
        return TestPaths.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func chartsFolder() throws -> URL {
        let url = sharedFolder().appendingPathComponent("conformance/charts")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("fate-v1.11.2.tgz").path) else {
            throw PipelineError("\(url.path)/fate-v1.11.2.tgz is missing: set KUBEFATE_SHARED_DIR")
        }
        return url
    }

    /// KubeFATE's example cluster.yaml for fate `version` (v1.10.0, v1.11.1, v1.11.2), without its
    /// identity lines (`name`, `namespace`, `chartName`, `chartVersion`), which the tests set.
    static func example(_ version: String) throws -> String {
        let path = sharedFolder().appendingPathComponent("conformance/render/inputs/chart-examples/fate-\(version).yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let identity = ["name:", "namespace:", "chartName:", "chartVersion:"]
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !identity.contains { line.hasPrefix($0) } }
            .joined(separator: "\n")
    }

    /// The example with its `modules:` list replaced by `modules` and, when given, its image
    /// `registry` (a host ending in `.invalid` never pulls in kubesim).
    static func example(_ version: String, modules: [String], registry: String? = nil) throws -> String {
        var out: [Substring] = []
        var skipping = false
        for line in try example(version).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("modules:") {
                out.append("modules:")
                out.append(contentsOf: modules.map { "  - \($0)" })
                skipping = true
                continue
            }
            if skipping, line.hasPrefix("  - ") || line.hasPrefix("  #") { continue }
            skipping = false
            if let registry, line.hasPrefix("registry:") {
                out.append("registry: \"\(registry)\"")
                continue
            }
            out.append(line)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
