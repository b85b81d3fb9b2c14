import Testing
@testable import KFCharts

/// Wrong cluster specs, each rejected by the chart's values.schema.json with the offending key's path.
@Suite struct OurChartsSchemaTests {
    struct WrongSpec: Sendable, CustomTestStringConvertible {
        let chart: String
        let yaml: String
        /// The key path the rejection must name.
        let path: String
        /// A fragment of the message.
        let message: String
        var testDescription: String { "\(chart): \(path)" }
    }

    static let fate = """
        name: fate-9999
        namespace: fate-9999
        chartName: fate
        chartVersion: v1.11.2
        partyId: 9999
        modules: [rollsite, clustermanager, nodemanager, mysql, python, fateboard, client]

        """
    static let serving = """
        name: fate-serving-9999
        namespace: fate-serving-9999
        chartName: fate-serving
        chartVersion: v2.1.6
        partyId: 9999

        """
    static let exchange = """
        name: fate-exchange
        namespace: fate-exchange
        chartName: fate-exchange
        chartVersion: v1.11.2

        """

    static let cases: [WrongSpec] = [
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  nodeport: 30091\n", path: "rollsite.nodeport", message: "unknown key"),
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  nodePort: \"30091\"\n", path: "rollsite.nodePort", message: "expected integer or null, got string"),
        WrongSpec(chart: "fate", yaml: fate.replacingOccurrences(of: "partyId: 9999\n", with: ""), path: "partyId", message: "required key missing"),
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  type: NodePort\n  nodePort: 80\n", path: "rollsite.nodePort", message: "must be >= 30000"),
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  partyList:\n  - partyId: 10000\n    partyIp: 192.168.0.1\n    partyPort: 70000\n",
                  path: "rollsite.partyList[0].partyPort", message: "must be <= 65535"),
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  partyList:\n  - partyIp: 192.168.0.1\n    partyPort: 30101\n",
                  path: "rollsite.partyList[0].partyId", message: "required key missing"),
        WrongSpec(chart: "fate", yaml: fate + "rollsite:\n  exchange:\n    ip: 192.168.0.1\n    port: http\n", path: "rollsite.exchange.port", message: "expected integer, got string"),
        WrongSpec(chart: "fate", yaml: fate.replacingOccurrences(of: "partyId: 9999", with: "partyId: party-9999"), path: "partyId", message: "expected integer, got string"),
        WrongSpec(chart: "fate", yaml: fate + "computing: Flink\n", path: "computing", message: "must be one of"),
        WrongSpec(chart: "fate", yaml: fate.replacingOccurrences(of: "client]", with: "client, tensorboard]"), path: "modules[7]", message: "must be one of"),
        WrongSpec(chart: "fate", yaml: fate + "persistence: sometimes\n", path: "persistence", message: "expected boolean or null, got string"),
        WrongSpec(chart: "fate", yaml: fate + "mysql:\n  size: lots\n", path: "mysql.size", message: "must match the pattern"),
        WrongSpec(chart: "fate", yaml: fate + "python:\n  resources:\n    requests:\n      cpu: many\n", path: "python.resources.requests.cpu", message: "must match the pattern"),
        WrongSpec(chart: "fate", yaml: fate + "nodemanager:\n  replicas: 0\n", path: "nodemanager.replicas", message: "must be >= 1"),
        WrongSpec(chart: "fate", yaml: fate + "ingress:\n  fateboard:\n    hosts:\n    - path: /\n", path: "ingress.fateboard.hosts[0].name", message: "required key missing"),
        WrongSpec(chart: "fate", yaml: fate + "nginx:\n  route_table:\n    party10000:\n      proxy: []\n", path: "nginx.route_table.party10000", message: "must match the pattern"),
        WrongSpec(chart: "fate", yaml: fate + "mysql:\n  nodeSelector:\n  - disktype: ssd\n", path: "mysql.nodeSelector", message: "expected object or null, got array"),
        WrongSpec(chart: "fate", yaml: fate.replacingOccurrences(of: "chartVersion: v1.11.2", with: "chartVersion: 1.11"), path: "chartVersion", message: "expected string, got number"),
        WrongSpec(chart: "fate-serving", yaml: serving + "servingServer:\n  fateflow:\n    ip: fateflow\n", path: "servingServer.fateflow.port", message: "required key missing"),
        WrongSpec(chart: "fate-serving", yaml: serving + "servingProxy:\n  partyList:\n  - partyId: 10000\n    partyIp: 192.168.10.1\n    partyPort: \"30409\"\n",
                  path: "servingProxy.partyList[0].partyPort", message: "expected integer, got string"),
        WrongSpec(chart: "fate-exchange", yaml: exchange + "modules: [rollsite, trafficServer]\n", path: "modules[1]", message: "must be one of"),
        WrongSpec(chart: "fate-exchange", yaml: exchange + "rollsite:\n  exchange:\n    ip: 192.168.0.1\n    port: 9370\n", path: "rollsite.exchange", message: "unknown key"),
        WrongSpec(chart: "fate-serving-exchange", yaml: exchange.replacingOccurrences(of: "fate-exchange", with: "fate-serving-exchange") + "servingProxy:\n  type: External\n",
                  path: "servingProxy.type", message: "must be one of"),
    ]

    @Test func thereAreAtLeastTwentyWrongSpecs() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func wrongSpecIsRejectedWithTheKeyPath(_ wrong: WrongSpec) throws {
        let chart = try OurCharts.chart(wrong.chart)
        let spec = try ClusterSpec(yaml: wrong.yaml)
        let violations = try chart.schemaViolations(for: spec)
        #expect(violations.contains { $0.path == wrong.path && $0.message.contains(wrong.message) },
                "expected \(wrong.path): …\(wrong.message)…, got \(violations.map(\.description))")
        // Rendering refuses the spec with the same words, before any template runs.
        do {
            _ = try ChartRenderer.render(chart: chart, clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)
            Issue.record("\(wrong.path): rendering accepted the spec")
        } catch {
            #expect(error.code == .values)
            #expect(error.message.contains("values.schema.json: \(wrong.path): "), "\(error.message)")
        }
    }
}
