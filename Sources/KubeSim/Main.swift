import ArgumentParser
import Foundation
import KubeSimCore
import Logging
import ServiceLifecycle

@main
struct KubeSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubesim",
        abstract: "A Kubernetes API simulator that real kubectl and Helm accept.",
        subcommands: [Serve.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the simulated cluster over HTTP.")

    @Option(help: "Address to listen on (host:port). Loopback only unless --allow-remote.")
    var listen = "127.0.0.1:6443"

    @Option(help: "Write a kubeconfig for clients to this file.")
    var kubeconfigOut: String?

    @Option(help: "kubernetes-validate schema directory (…/kubernetes-json-schema/v1.32.0-local) or its _definitions.json; default $KUBESIM_SCHEMAS.")
    var schemas: String?

    @Flag(help: "Run without OpenAPI schemas (no strict validation, no /openapi/v3).")
    var noSchemas = false

    @Option(help: "Virtual clock speed relative to wall time.")
    var speed: Double = 1

    @Option(help: "Number of nodes.")
    var nodes: Int = 3

    @Option(help: "Allocatable CPU per node.")
    var nodeCpu = "16"

    @Option(help: "Allocatable memory per node.")
    var nodeMemory = "64Gi"

    @Option(help: "Fault rules file (JSON: {\"rules\": [...]}).")
    var faults: String?

    @Option(help: "Version reported by /version.")
    var kubernetesVersion = "v1.32.0"

    @Option(help: "Largest accepted request body in bytes.")
    var maxBodyBytes = 3 * 1024 * 1024

    @Option(help: "Largest number of stored objects.")
    var maxObjects = 100_000

    @Option(help: "Require this bearer token on every request (written into the kubeconfig).")
    var token: String?

    @Flag(help: "Allow listening on a non-loopback address.")
    var allowRemote = false

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen must be host:port, got \(listen)")
        }
        let host = String(listen[..<colon])
        if !allowRemote && !["127.0.0.1", "localhost", "::1"].contains(host) {
            throw ValidationError("--listen \(listen) is not loopback; pass --allow-remote to listen on \(host)")
        }
        var config = ClusterConfig()
        config.nodes = nodes
        config.nodeCPU = nodeCpu
        config.nodeMemory = nodeMemory
        config.kubernetesVersion = kubernetesVersion
        config.maxBodyBytes = maxBodyBytes
        config.maxObjects = maxObjects
        config.bearerToken = token
        if !noSchemas {
            guard let path = schemas ?? ProcessInfo.processInfo.environment["KUBESIM_SCHEMAS"], !path.isEmpty else {
                throw ValidationError("no OpenAPI schemas: pass --schemas <kubernetes-validate v1.32.0-local dir> or set KUBESIM_SCHEMAS (pip install kubernetes-validate), or --no-schemas")
            }
            config.schemaPath = path
        }
        var rules: [FaultRule] = []
        if let faults {
            guard let data = FileManager.default.contents(atPath: faults) else { throw ValidationError("--faults: cannot read \(faults)") }
            rules = try FaultRule.decode(data, source: faults)
        }
        var log = Logger(label: "kubesim")
        log.logLevel = .info
        let logger = log
        let sim = try KubeSim(config: config, clock: .wall(speed: speed), faults: FaultInjector(rules: rules))
        let server = KubeSimServer(sim: sim)
        let kubeconfigOut = self.kubeconfigOut
        let token = self.token ?? "kubesim"
        let app = server.application(host: host, port: port, logger: logger) { bound in
            if let kubeconfigOut {
                let text = Kubeconfig.text(server: "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)", token: token)
                do { try text.write(toFile: kubeconfigOut, atomically: true, encoding: .utf8) } catch {
                    logger.error("cannot write kubeconfig \(kubeconfigOut): \(error)")
                }
            }
            logger.info("kubesim listening on \(host):\(bound)")
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
