import Foundation
import Testing
import KFCharts
import KFKube
import KubeSimCore
@testable import KFDeploy

/// Collects nothing: the interop tests look at Kubernetes and Helm, not at progress.
private struct QuietReporter: DeployProgressReporter {
    func step(_ text: String) {}
    func component(_ progress: ComponentProgress) {}
}

/// A kubesim, our deployer and the real Helm v4 library on the same cluster.
private struct InteropFixture {
    let server: KubeSimServer.Running
    let client: KubeClient
    let deployer: ReleaseDeployer
    let helm: HelmLibrary

    static func start(namespaces: [String]) async throws -> InteropFixture {
        let sim = try KubeSim(clock: .wall(speed: 20), faults: FaultInjector())
        let server = try await KubeSimServer(sim: sim).start()
        let client = KubeClient(config: KubeConfig(server: server.url, credential: .bearer("kubesim")))
        for namespace in namespaces {
            try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": .string(namespace)])]),
                                   namespace: nil)
        }
        let watcher = ReleaseWatcher(client: client, failureGrace: .seconds(30), timeout: .seconds(120))
        return InteropFixture(server: server, client: client, deployer: ReleaseDeployer(client: client, watcher: watcher),
                              helm: try HelmLibrary.prepare(server: server.url))
    }

    func stop() async {
        helm.remove()
        await server.stop()
    }

    /// fate-exchange with only rollsite (a ConfigMap, a NodePort Service and a Deployment).
    static func values(party: String, nodePort: Int) -> String {
        "partyName: \(party)\nmodules:\n  rollsite:\n    include: true\n    type: NodePort\n    nodePort: \(nodePort)\n"
    }

    static func valuesJSON(party: String, nodePort: Int) -> String {
        #"{"partyName":"\#(party)","modules":{"rollsite":{"include":true,"type":"NodePort","nodePort":\#(nodePort)}}}"#
    }

    func deploy(_ chartFile: String, name: String, namespace: String, values: String) async throws -> HelmRelease {
        let chart = try Chart.load(path: DeployTestPaths.conformanceChart(chartFile).path)
        let rendered = try ChartRenderer.render(chart: chart, valuesYAML: values, release: ReleaseOptions(name: name, namespace: namespace))
        return try await deployer.deploy(chart: chart, rendered: rendered, reporter: QuietReporter())
    }

    func nodePort(namespace: String) async throws -> Int64? {
        try await client.get(apiVersion: "v1", kind: "Service", namespace: namespace, name: "rollsite")?[path: "spec", "ports"]?.array?.first?["nodePort"]?.int
    }

    func exists(_ apiVersion: String, _ kind: String, _ name: String, in namespace: String) async throws -> Bool {
        try await client.get(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name) != nil
    }

    func recordNames(release: String, namespace: String) async throws -> [String] {
        try await client.listAll(apiVersion: "v1", kind: "Secret", namespace: namespace, labelSelector: HelmReleaseRecord.selector(release: release))
            .items.compactMap { $0[path: "metadata", "name"]?.string }.sorted()
    }
}

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct HelmInteropIntegrationTests {
    @Test func helmListsInspectsUpgradesAndUninstallsAReleaseWeInstalled() async throws {
        let fixture = try await InteropFixture.start(namespaces: ["interop-ours"])
        defer { Task { await fixture.stop() } }
        let ours = try await fixture.deploy("fate-exchange-v1.11.2.tgz", name: "ours", namespace: "interop-ours",
                                            values: InteropFixture.values(party: "ours", nodePort: 30011))

        let seen = try await fixture.helm.run(["inspect", "interop-ours", "ours"])
        #expect(seen["list"]?.array?.compactMap { $0["name"]?.string } == ["ours"])
        #expect(seen[path: "status", "status"]?.string == "deployed")
        #expect(seen[path: "status", "version"]?.int == 1)
        #expect(seen[path: "status", "chart"]?.string == "fate-exchange")
        #expect(seen[path: "status", "chartVersion"]?.string == "v1.11.2")
        #expect(seen["history"]?.array?.count == 1)
        #expect(seen["manifest"]?.string == ours.manifest)
        #expect(seen["values"] == ours.config)
        #expect(seen[path: "allValues", "modules", "rollsite", "nodePort"]?.int == 30011)
        #expect(seen[path: "allValues", "image", "registry"]?.string == "federatedai")

        // Our objects carry Helm's ownership metadata, so Helm's adoption checks accept them on upgrade.
        for object in try ReleaseObject.parse(manifest: ours.manifest, namespace: "interop-ours") {
            let live = try #require(try await fixture.client.get(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name))
            #expect(ReleaseOwnership(release: "ours", namespace: "interop-ours").owns(live), "\(object.kind)/\(object.name)")
        }
        let upgraded = try await fixture.helm.run(["upgrade", "interop-ours", "ours", DeployTestPaths.conformanceChart("fate-exchange-v1.11.2.tgz").path,
                                                   InteropFixture.valuesJSON(party: "ours", nodePort: 30012)])
        #expect(upgraded["version"]?.int == 2)
        #expect(upgraded["status"]?.string == "deployed")
        #expect(try await fixture.nodePort(namespace: "interop-ours") == 30012)
        // Helm's revision 2 reads back through our store; our revision 1 is superseded.
        let history = try await ReleaseStore(client: fixture.client, name: "ours", namespace: "interop-ours").history()
        #expect(history.map(\.version) == [1, 2])
        #expect(history.map(\.info.status) == [.superseded, .deployed])

        // Back in our hands: revision 3 follows Helm's 2, and Helm reads it.
        let again = try await fixture.deploy("fate-exchange-v1.11.2.tgz", name: "ours", namespace: "interop-ours",
                                             values: InteropFixture.values(party: "ours", nodePort: 30013))
        #expect(again.version == 3)
        #expect(try await fixture.nodePort(namespace: "interop-ours") == 30013)
        let after = try await fixture.helm.run(["inspect", "interop-ours", "ours"])
        #expect(after["history"]?.array?.compactMap { $0["status"]?.string } == ["superseded", "superseded", "deployed"])
        #expect(after[path: "values", "modules", "rollsite", "nodePort"]?.int == 30013)

        _ = try await fixture.helm.run(["uninstall", "interop-ours", "ours"])
        #expect(try await !fixture.exists("apps/v1", "Deployment", "rollsite", in: "interop-ours"))
        #expect(try await !fixture.exists("v1", "Service", "rollsite", in: "interop-ours"))
        #expect(try await fixture.recordNames(release: "ours", namespace: "interop-ours").isEmpty)
    }

    @Test func helmReadsOurOwnershipMetadata() async throws {
        let fixture = try await InteropFixture.start(namespaces: ["interop-owned"])
        defer { Task { await fixture.stop() } }
        let ours = try await fixture.deploy("fate-exchange-v1.11.2.tgz", name: "ours", namespace: "interop-owned",
                                            values: InteropFixture.values(party: "ours", nodePort: 30031))
        let objects = try ReleaseObject.parse(manifest: ours.manifest, namespace: "interop-owned")
        #expect(!objects.isEmpty)

        // Another release with the same object names: Helm refuses, naming the release that owns them.
        await #expect {
            try await fixture.helm.run(["install", "interop-owned", "other", DeployTestPaths.conformanceChart("fate-exchange-v1.11.2.tgz").path,
                                        InteropFixture.valuesJSON(party: "other", nodePort: 30032)])
        } throws: { error in
            "\(error)".contains("exists and cannot be imported into the current release: invalid ownership metadata; "
                + #"annotation validation error: key \"meta.helm.sh/release-name\" must equal \"other\": current value is \"ours\""#)
        }

        // Our release records lost: Helm installs the release again and adopts the objects we applied.
        try await ReleaseStore(client: fixture.client, name: "ours", namespace: "interop-owned").delete(version: 1)
        let adopted = try await fixture.helm.run(["install", "interop-owned", "ours", DeployTestPaths.conformanceChart("fate-exchange-v1.11.2.tgz").path,
                                                  InteropFixture.valuesJSON(party: "ours", nodePort: 30031)])
        #expect(adopted["status"]?.string == "deployed")
        for object in objects {
            let live = try #require(try await fixture.client.get(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name))
            #expect(live[path: "metadata", "annotations", "meta.helm.sh/release-name"]?.string == "ours", "\(object.kind)/\(object.name)")
        }
        _ = try await fixture.helm.run(["uninstall", "interop-owned", "ours"])
    }

    @Test func weAdoptUpdateAndDeleteAReleaseHelmInstalled() async throws {
        let fixture = try await InteropFixture.start(namespaces: ["interop-theirs"])
        defer { Task { await fixture.stop() } }
        let installed = try await fixture.helm.run(["install", "interop-theirs", "theirs", DeployTestPaths.conformanceChart("fate-exchange-v1.11.1.tgz").path,
                                                    InteropFixture.valuesJSON(party: "theirs", nodePort: 30021)])
        #expect(installed["version"]?.int == 1)
        #expect(try await fixture.nodePort(namespace: "interop-theirs") == 30021)

        // Our update continues Helm's revisions, with a chart version change and a values change.
        let updated = try await fixture.deploy("fate-exchange-v1.11.2.tgz", name: "theirs", namespace: "interop-theirs",
                                               values: InteropFixture.values(party: "theirs", nodePort: 30022))
        #expect(updated.version == 2)
        #expect(updated.info.firstDeployed == (try await ReleaseStore(client: fixture.client, name: "theirs", namespace: "interop-theirs").history().first?.info.firstDeployed))
        #expect(try await fixture.nodePort(namespace: "interop-theirs") == 30022)
        let deployment = try #require(try await fixture.client.get(apiVersion: "apps/v1", kind: "Deployment", namespace: "interop-theirs", name: "rollsite"))
        let managers = deployment[path: "metadata", "managedFields"]?.array?.compactMap { $0["manager"]?.string } ?? []
        #expect(managers.contains("kubefate"))

        let seen = try await fixture.helm.run(["inspect", "interop-theirs", "theirs"])
        #expect(seen[path: "status", "version"]?.int == 2)
        #expect(seen[path: "status", "status"]?.string == "deployed")
        #expect(seen[path: "status", "chartVersion"]?.string == "v1.11.2")
        #expect(seen["history"]?.array?.compactMap { $0["status"]?.string } == ["superseded", "deployed"])
        #expect(seen[path: "values", "modules", "rollsite", "nodePort"]?.int == 30022)

        try await fixture.deployer.uninstall(name: "theirs", namespace: "interop-theirs", reporter: QuietReporter(), timeout: .seconds(60))
        #expect(try await !fixture.exists("apps/v1", "Deployment", "rollsite", in: "interop-theirs"))
        #expect(try await !fixture.exists("v1", "ConfigMap", "rollsite-config", in: "interop-theirs"))
        #expect(try await fixture.recordNames(release: "theirs", namespace: "interop-theirs").isEmpty)
    }
}
