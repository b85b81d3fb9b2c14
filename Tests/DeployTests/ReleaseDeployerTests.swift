import Foundation
import Testing
import KFCharts
import KFKube
import KFTemplate
import KubeSimCore
@testable import KFDeploy

/// Collects what an action reports, as the worker's sub-job writer would.
actor RecordingReporter: DeployProgressReporter {
    var steps: [String] = []
    var components: [String: ComponentProgress] = [:]
    func step(_ text: String) { steps.append(text) }
    func component(_ progress: ComponentProgress) { components[progress.name] = progress }
}

/// A small multi-component chart: a Deployment, a StatefulSet, a Service and an optional ConfigMap.
func demoChart() throws -> Chart {
    let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: {{ .Release.Name }}-web
      labels: {name: {{ .Release.Name }}}
    spec:
      replicas: {{ .Values.replicas }}
      selector: {matchLabels: {app: web, release: {{ .Release.Name }}}}
      template:
        metadata: {labels: {app: web, release: {{ .Release.Name }}}}
        spec:
          containers:
          - name: web
            image: {{ .Values.image }}
    """
    let statefulSet = """
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: {{ .Release.Name }}-db
    spec:
      replicas: 1
      serviceName: {{ .Release.Name }}-db
      selector: {matchLabels: {app: db, release: {{ .Release.Name }}}}
      template:
        metadata: {labels: {app: db, release: {{ .Release.Name }}}}
        spec:
          containers:
          - name: db
            image: mysql:8
    """
    let service = """
    apiVersion: v1
    kind: Service
    metadata:
      name: {{ .Release.Name }}-web
    spec:
      selector: {app: web}
      ports: [{port: 80}]
    """
    let configMap = """
    {{- if .Values.withConfig }}
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: {{ .Release.Name }}-config
    data:
      greeting: {{ .Values.greeting | quote }}
    {{- end }}
    """
    return try Chart.load(files: [
        "Chart.yaml": Array("apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.0\"\n".utf8),
        "values.yaml": Array("replicas: 2\nimage: nginx:1.25\nwithConfig: true\ngreeting: hello\n".utf8),
        "templates/deployment.yaml": Array(deployment.utf8),
        "templates/statefulset.yaml": Array(statefulSet.utf8),
        "templates/service.yaml": Array(service.utf8),
        "templates/configmap.yaml": Array(configMap.utf8),
    ])
}

/// A kubesim with namespace `team-a`, a deployer on it and the demo chart.
struct Fixture {
    let server: KubeSimServer.Running
    let client: KubeClient
    let deployer: ReleaseDeployer
    let chart: Chart

    static func start(grace: Duration = .seconds(30)) async throws -> Fixture {
        let sim = try KubeSim(clock: .wall(speed: 20))
        let server = try await KubeSimServer(sim: sim).start()
        let client = KubeClient(config: KubeConfig(server: server.url, credential: .bearer("kubesim")))
        let watcher = ReleaseWatcher(client: client, failureGrace: grace, timeout: .seconds(120))
        try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": "team-a"])]), namespace: nil)
        return Fixture(server: server, client: client, deployer: ReleaseDeployer(client: client, watcher: watcher), chart: try demoChart())
    }

    func render(_ values: String, revision: Int = 1) throws -> RenderedRelease {
        try ChartRenderer.render(chart: chart, valuesYAML: values, release: ReleaseOptions(name: "demo", namespace: "team-a", revision: revision))
    }

    func exists(_ apiVersion: String, _ kind: String, _ name: String) async throws -> Bool {
        try await client.get(apiVersion: apiVersion, kind: kind, namespace: "team-a", name: name) != nil
    }
}

@Suite(.serialized) struct ReleaseDeployerTests {
    @Test func installUpgradeRollbackUninstallKeepHelmRecordsAndObjectsInStep() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        let reporter = RecordingReporter()

        let installed = try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 2\n"), reporter: reporter)
        #expect(installed.version == 1)
        #expect(installed.info.status == .deployed)
        let components = await reporter.components
        #expect(Set(components.keys) == ["demo-web", "demo-db"])
        #expect(components.values.allSatisfy { $0.readiness == .current })
        #expect(try await fixture.exists("v1", "ConfigMap", "demo-config"))

        // Upgrade drops the ConfigMap: it is pruned, and revision 1 is superseded.
        let upgraded = try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 3\nwithConfig: false\n", revision: 2), reporter: reporter)
        #expect(upgraded.version == 2)
        #expect(try await !fixture.exists("v1", "ConfigMap", "demo-config"))
        var history = try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history()
        #expect(history.map(\.info.status) == [.superseded, .deployed])

        // Rollback re-applies revision 1 as revision 3: the ConfigMap is back.
        let rolledBack = try await fixture.deployer.rollback(name: "demo", namespace: "team-a", reporter: reporter)
        #expect(rolledBack.version == 3)
        #expect(try await fixture.exists("v1", "ConfigMap", "demo-config"))
        history = try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history()
        #expect(history.last?.info.status == .deployed)
        #expect(history.dropLast().allSatisfy { $0.info.status == .superseded })

        try await fixture.deployer.uninstall(name: "demo", namespace: "team-a", reporter: reporter)
        #expect(try await !fixture.exists("apps/v1", "Deployment", "demo-web"))
        #expect(try await !fixture.exists("apps/v1", "StatefulSet", "demo-db"))
        #expect(try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history().isEmpty)
    }

    @Test func unpullableImageFailsTheInstallWithTheReasonAfterTheGrace() async throws {
        let fixture = try await Fixture.start(grace: .seconds(2))
        defer { Task { await fixture.server.stop() } }
        let reporter = RecordingReporter()
        await #expect {
            try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("image: registry.invalid/web:1\n"), reporter: reporter)
        } throws: { error in
            guard let error = error as? DeployError else { return false }
            return error.code == .componentFailed && error.component == "demo-web" && error.message.contains("ImagePull")
        }
        let history = try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history()
        #expect(history.last?.info.status == .failed)
        #expect(await reporter.components["demo-web"]?.diagnosis?.cause == .imagePull)
    }

    @Test func aPendingRecordOfADeadAttemptIsTakenOver() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        let store = ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a")
        let rendered = try fixture.render("replicas: 1\n")
        // A worker died after writing the pending record of revision 1.
        let pending = HelmRelease(name: "demo", namespace: "team-a", version: 1,
                                  info: .init(firstDeployed: "2026-01-01T00:00:00Z", lastDeployed: "2026-01-01T00:00:00Z", deleted: "",
                                              description: "Install started", status: .pendingInstall, notes: nil),
                                  chart: try ReleaseDeployer.chartRecord(fixture.chart), config: .object([:]), manifest: rendered.releaseManifest)
        try await store.save(pending, created: true)
        let release = try await fixture.deployer.deploy(chart: fixture.chart, rendered: rendered, reporter: RecordingReporter())
        #expect(release.version == 1)
        #expect(try await store.history().map(\.info.status) == [.deployed])
    }

    @Test func aReleaseADeadAttemptAlreadyDeployedGetsNoNewRevision() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        let store = ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a")
        let rendered = try fixture.render("replicas: 1\n")
        // The first attempt deployed the release and died before its job ended; the next one runs it again.
        _ = try await fixture.deployer.deploy(chart: fixture.chart, rendered: rendered, reporter: RecordingReporter())
        let again = try await fixture.deployer.deploy(chart: fixture.chart, rendered: rendered, reporter: RecordingReporter())
        #expect(again.version == 1)
        #expect(try await store.history().map(\.info.status) == [.deployed])
    }
}
