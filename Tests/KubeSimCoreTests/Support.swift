import Foundation
import KubeSimCore

/// An in-process simulator on a manual clock, driven through the API handler (no sockets).
struct Sim {
    let sim: KubeSim

    init(nodes: Int = 3, nodeCPU: String = "16", faults: [FaultRule] = [], schemas: Bool = false) throws {
        var config = ClusterConfig()
        config.nodes = nodes
        config.nodeCPU = nodeCPU
        if schemas { config.schemaPath = Sim.schemaPath }
        sim = try KubeSim(config: config, clock: .manual(), faults: FaultInjector(rules: faults))
    }

    /// kubernetes-validate's schema directory when the environment provides one.
    static var schemaPath: String? { ProcessInfo.processInfo.environment["KUBESIM_SCHEMAS"] }

    var cluster: Cluster { sim.cluster }

    @discardableResult
    func request(_ method: String, _ target: String, _ body: JSON? = nil, contentType: String = "application/json",
                 accept: String = "application/json") async -> (code: Int, body: JSON, headers: [(String, String)])
    {
        let req = APIRequest(method: method, target: target, headers: ["Content-Type": contentType, "Accept": accept],
                             body: body?.bytes ?? [])
        let r = await sim.handle(req)
        let bytes = await r.collect()
        return (r.status, (try? JSON.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)), r.headers)
    }

    func get(_ path: String) async -> JSON { await request("GET", path).body }

    func advance(_ seconds: Double) { sim.advance(by: seconds) }

    static func deployment(_ name: String, replicas: Int = 2, image: String = "nginx:1.27") -> JSON {
        ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
         "spec": ["replicas": .num(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                  "template": ["metadata": ["labels": ["app": .string(name)]],
                               "spec": ["containers": [["name": "c", "image": .string(image), "ports": [["containerPort": 80]]]]]]]]
    }

    static func configMap(_ name: String, _ data: [String: String] = ["k": "v"]) -> JSON {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": .stringMap(data)]
    }
}
