import Foundation
import Testing
import KFCharts
import KFKube
import KubeSimCore
@testable import KFDeploy

private func object(_ json: String) throws -> KubeJSON { try KubeJSON.decode(Array(json.utf8)) }

private struct SilentReporter: DeployProgressReporter {
    func step(_ text: String) {}
    func component(_ progress: ComponentProgress) {}
}

@Suite struct ClusterInfoTests {
    @Test func jsonHasKubefateDescribeKeysWithNullDashboardAndNoZeroPort() throws {
        let info = ClusterInfo(dashboard: nil, ip: "172.18.0.2", port: nil,
                               status: .init(containers: ["python": "Running"], deployments: ["python": "Available"], statefulSets: ["mysql": "Available"]),
                               pods: [], nodePorts: [:])
        let json = try object(try info.jsonText())
        #expect(json["dashboard"] == .null)
        #expect(json["port"] == nil)
        #expect(json["ip"]?.string == "172.18.0.2")
        #expect(json[path: "status", "containers", "python"]?.string == "Running")
        #expect(json[path: "status", "deployments", "python"]?.string == "Available")
        #expect(json[path: "status", "statefulSets", "mysql"]?.string == "Available")
        #expect(try ClusterInfo(jsonText: try info.jsonText()) == info)
    }

    @Test func deploymentStatusIsTheFirstTrueConditionInKubefatesOrder() throws {
        let progressing = try object(#"{"status":{"conditions":[{"type":"Available","status":"False"},{"type":"Progressing","status":"True"}]}}"#)
        #expect(ClusterInfoReader.deploymentStatus(progressing) == "Progressing")
        let available = try object(#"{"status":{"conditions":[{"type":"Progressing","status":"True"},{"type":"Available","status":"True"}]}}"#)
        #expect(ClusterInfoReader.deploymentStatus(available) == "Available")
        #expect(ClusterInfoReader.deploymentStatus(try object("{}")) == "Undefined")
        #expect(ClusterInfoReader.statefulSetStatus(try object(#"{"status":{"replicas":1,"readyReplicas":0}}"#)) == "Progressing")
    }

    @Test func podsShowTheContainerReasonAsKubectlDoes() throws {
        let pod = try object("""
        {"metadata":{"name":"python-0"},"spec":{"nodeName":"node-1","containers":[{"name":"python"},{"name":"client"}]},
         "status":{"phase":"Running","containerStatuses":[{"name":"python","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}}},
                                                          {"name":"client","ready":true,"restartCount":0,"state":{"running":{}}}]}}
        """)
        #expect(ClusterInfoReader.pod(pod) == ClusterInfo.Pod(name: "python-0", status: "CrashLoopBackOff", ready: "1/2", restarts: 4, node: "node-1"))
    }

    @Test func healthNeedsAtLeastOneModuleAndAllAvailable() {
        var info = ClusterInfo(dashboard: nil, ip: "", port: nil, status: .init(), pods: [], nodePorts: [:])
        #expect(!info.isHealthy)
        info.status.deployments = ["rollsite": "Available"]
        #expect(info.isHealthy)
        info.status.statefulSets = ["mysql": "Progressing"]
        #expect(!info.isHealthy)
    }

    @Test func readerDescribesADeployedFateExchange() async throws {
        let sim = try KubeSim(clock: .wall(speed: 20), faults: FaultInjector())
        let server = try await KubeSimServer(sim: sim).start()
        defer { Task { await server.stop() } }
        let client = KubeClient(config: KubeConfig(server: server.url, credential: .bearer("kubesim")))
        try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": "fate-exchange"])]), namespace: nil)
        let chart = try Chart.load(path: DeployTestPaths.conformanceChart("fate-exchange-v1.11.2.tgz").path)
        let values = "partyName: exchange\nmodules:\n  rollsite:\n    include: true\n    type: NodePort\n    nodePort: 30041\n"
        let rendered = try ChartRenderer.render(chart: chart, valuesYAML: values, release: ReleaseOptions(name: "exchange", namespace: "fate-exchange"))
        try await ReleaseDeployer(client: client).deploy(chart: chart, rendered: rendered, reporter: SilentReporter())
        // The label the chart's name= selector matches is the party name; KubeFATE names clusters after it.
        try await client.apply(.object([
            "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": .object(["name": "notebook", "labels": .object(["name": "exchange"])]),
            "spec": .object(["rules": .array([.object(["host": "party.notebook.example.com"])])]),
        ]), namespace: "fate-exchange")

        let info = try await ClusterInfoReader(client: client).read(name: "exchange", namespace: "fate-exchange")
        #expect(info.status.deployments == ["rollsite": "Available"])
        #expect(info.status.containers == ["rollsite": "Running"])
        #expect(info.port == 30041)
        #expect(info.nodePorts == ["rollsite": ["tcp-rollsite": 30041]])
        #expect(info.dashboard == ["party.notebook.example.com"])
        #expect(info.ip.split(separator: ".").count == 4)
        #expect(info.pods.count == 1 && info.pods.first?.status == "Running" && info.pods.first?.ready == "1/1")
        #expect(info.isHealthy)
    }
}
