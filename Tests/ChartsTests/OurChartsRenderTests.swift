import Foundation
import KFTemplate
import Testing
@testable import KFCharts

/// The charts in `charts/` and the specs in `examples/`, found from this file's path.
enum OurCharts {
    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    static let names = ["fate", "fate-exchange", "fate-serving", "fate-serving-exchange"]

    static func chart(_ name: String) throws -> Chart {
        try Chart.load(path: root.appendingPathComponent("charts/" + name).path)
    }

    /// Every example spec (`examples/**/*.yaml`), relative paths.
    static var examples: [String] {
        let base = root.appendingPathComponent("examples")
        let found = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func spec(_ example: String) throws -> ClusterSpec {
        let text = try String(contentsOf: root.appendingPathComponent("examples/" + example), encoding: .utf8)
        return try ClusterSpec(yaml: text)
    }

    static let kubeVersion = "v1.28.0"
}

@Suite struct OurChartsRenderTests {
    @Test func everyChartHasTheKubefateFilesAndASchema() throws {
        for name in OurCharts.names {
            let chart = try OurCharts.chart(name)
            #expect(chart.name == name)
            #expect(chart.valuesTemplate != nil, "\(name): values-template.yaml")
            #expect(try chart.valuesSchema() != nil, "\(name): values.schema.json")
            // The chart's own defaults conform to its schema (the spec supplies what is required).
            let violations = try chart.valuesSchema()?.validate(.map(chart.values)) ?? []
            #expect(violations.filter { $0.message != "required key missing" }.map(\.description) == [], "\(name)")
        }
    }

    @Test(arguments: OurCharts.names)
    func valuesTemplateExampleRendersWithItsChart(_ name: String) throws {
        let chart = try OurCharts.chart(name)
        let example = try #require(chart.valuesTemplateExample, "\(name) has no values-template-example.yaml")
        let spec = try ClusterSpec(yaml: example)
        #expect(spec.string("chartName") == name)
        #expect(spec.string("chartVersion") == chart.metadata.version)
        #expect(try chart.schemaViolations(for: spec).map(\.description) == [])
        #expect(!(try ChartRenderer.render(chart: chart, clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)).manifests.isEmpty)
    }

    @Test func everyChartHasAnExampleSpec() throws {
        let charts = try Set(OurCharts.examples.compactMap { try OurCharts.spec($0).string("chartName") })
        #expect(charts == Set(OurCharts.names))
    }

    @Test(arguments: OurCharts.examples)
    func exampleRendersWithItsChart(_ example: String) throws {
        let spec = try OurCharts.spec(example)
        let chartName = try #require(spec.string("chartName"), "\(example) has no chartName")
        let chart = try OurCharts.chart(chartName)
        #expect(try chart.schemaViolations(for: spec).map(\.description) == [])
        let rendered = try ChartRenderer.render(chart: chart, clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)
        let release = rendered.release.name
        #expect(!rendered.manifests.isEmpty)
        var workloads = 0
        for object in rendered.manifests {
            let document = try YAML.decodeHelm(object.text)
            let labels = document.path("metadata", "labels")
            #expect(labels.path("name").schemaEquals(.string(release)), "\(example): \(object.kind)/\(object.name) lacks name=\(release)")
            #expect(labels.path("app.kubernetes.io/instance").schemaEquals(.string(release)), "\(example): \(object.kind)/\(object.name)")
            #expect(labels.path("app.kubernetes.io/managed-by").schemaEquals(.string("Helm")), "\(example): \(object.kind)/\(object.name)")
            guard ["Deployment", "StatefulSet"].contains(object.kind) else { continue }
            workloads += 1
            let pod = document.path("spec", "template", "spec")
            guard case .list(let containers) = pod.path("containers") else {
                Issue.record("\(example): \(object.kind)/\(object.name) has no containers")
                continue
            }
            for container in containers {
                let where_ = "\(example): \(object.kind)/\(object.name) container \(container.path("name").schemaDescription)"
                guard case .map(let requests) = container.path("resources", "requests") else {
                    Issue.record("\(where_) has no resource requests")
                    continue
                }
                #expect(requests["cpu"] != nil && requests["memory"] != nil, "\(where_)")
                #expect(!container.path("readinessProbe").schemaEquals(.null), "\(where_) has no readiness probe")
                #expect(container.path("securityContext", "privileged").schemaEquals(.bool(false)), "\(where_)")
                #expect(container.path("securityContext", "allowPrivilegeEscalation").schemaEquals(.bool(false)), "\(where_)")
            }
        }
        #expect(workloads > 0, "\(example) renders no workload")
    }

    @Test func secretsHoldThePasswordsNotTheEnvironment() throws {
        let rendered = try ChartRenderer.render(chart: try OurCharts.chart("fate"), clusterSpec: try OurCharts.spec("fate-eggroll.yaml"),
                                                kubeVersion: OurCharts.kubeVersion)
        let secret = try #require(rendered.manifests.first { $0.kind == "Secret" })
        #expect(secret.text.contains("mysql-password: " + Data("fate_dev".utf8).base64EncodedString()))
        for object in rendered.manifests where object.kind != "Secret" {
            #expect(!object.text.contains("fate_dev"), "\(object.kind)/\(object.name) carries the MySQL password in clear")
        }
    }

    @Test func persistenceSettingsReachTheClaims() throws {
        let example = try String(contentsOf: OurCharts.root.appendingPathComponent("examples/fate-eggroll.yaml"), encoding: .utf8)
        let spec = try ClusterSpec(yaml: example + "  existingClaim: notebook-data\n")  // into the trailing client: section
        let rendered = try ChartRenderer.render(chart: try OurCharts.chart("fate"), clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)
        let nodemanager = try #require(rendered.manifests.first { $0.kind == "StatefulSet" && $0.name == "nodemanager" })
        #expect(nodemanager.text.contains("storageClassName: standard"))
        #expect(nodemanager.text.contains("storage: 2Gi"))
        #expect(nodemanager.text.contains("subPath: nodemanager"))
        // client names an existing claim: no PVC is created and the pod mounts that claim.
        #expect(!rendered.manifests.contains { $0.kind == "PersistentVolumeClaim" && $0.name == "client-data" })
        let client = try #require(rendered.manifests.first { $0.kind == "StatefulSet" && $0.name == "client" })
        #expect(client.text.contains("claimName: notebook-data"))
    }

    @Test func emptyModuleSectionsKeepTheDefaults() throws {
        let spec = try ClusterSpec(yaml: """
            name: fate-9999
            namespace: fate-9999
            chartName: fate
            chartVersion: v1.11.2
            partyId: 9999
            pullPolicy:
            modules: [rollsite, nodemanager, python]
            rollsite:
            nodemanager:
              count: 3
            python:

            """)
        let rendered = try ChartRenderer.render(chart: try OurCharts.chart("fate"), clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)
        let rollsite = try #require(rendered.manifests.first { $0.kind == "Deployment" && $0.name == "rollsite" }).text
        #expect(rollsite.contains("imagePullPolicy: IfNotPresent"))
        #expect(rollsite.contains("cpu: 100m"))
        let nodemanager = try #require(rendered.manifests.first { $0.kind == "StatefulSet" && $0.name == "nodemanager" }).text
        #expect(nodemanager.contains("replicas: 3"), "the older `count` still sets the number of node managers")
    }

    @Test func externalMySQLReplacesTheMysqlModule() throws {
        let spec = try ClusterSpec(yaml: """
            name: fate-10000
            namespace: fate-10000
            chartName: fate
            chartVersion: v1.11.2
            partyId: 10000
            modules: [rollsite, clustermanager, nodemanager, python]
            externalMysqlIp: db.example.com
            externalMysqlPort: 3307
            externalMysqlDatabase: fate_meta
            externalMysqlUser: fate
            externalMysqlPassword: s3cret

            """)
        let rendered = try ChartRenderer.render(chart: try OurCharts.chart("fate"), clusterSpec: spec, kubeVersion: OurCharts.kubeVersion)
        #expect(!rendered.manifests.contains { $0.name == "mysql" })
        let eggroll = try #require(rendered.manifests.first { $0.kind == "ConfigMap" && $0.name == "eggroll-config" }).text
        #expect(eggroll.contains("jdbc:mysql://db.example.com:3307/fate_meta?"))
        let secret = try #require(rendered.manifests.first { $0.kind == "Secret" }).text
        #expect(secret.contains("mysql-password: " + Data("s3cret".utf8).base64EncodedString()))
    }

    @Test func federationPartiesRouteThroughTheExchange() throws {
        let exchange = try ChartRenderer.render(chart: try OurCharts.chart("fate-exchange"), clusterSpec: try OurCharts.spec("federation/exchange.yaml"),
                                                kubeVersion: OurCharts.kubeVersion)
        let exchangeRoutes = try #require(exchange.manifests.first { $0.kind == "ConfigMap" }).text
        #expect(exchangeRoutes.contains("\"ip\": \"rollsite.fed-9999\""))
        #expect(exchangeRoutes.contains("\"ip\": \"rollsite.fed-10000\""))
        for party in ["9999", "10000"] {
            let rendered = try ChartRenderer.render(chart: try OurCharts.chart("fate"), clusterSpec: try OurCharts.spec("federation/party-\(party).yaml"),
                                                    kubeVersion: OurCharts.kubeVersion)
            let config = try #require(rendered.manifests.first { $0.kind == "ConfigMap" && $0.name == "eggroll-config" }).text
            #expect(config.contains("\"ip\": \"rollsite.fed-exchange\""), "party \(party) routes by default to the exchange")
            #expect(rendered.manifests.contains { $0.kind == "Ingress" && $0.text.contains("party\(party).fateboard.example.com") })
        }
    }

    @Test func aSpecForAnotherChartIsRejectedByTheSchema() throws {
        let violations = try OurCharts.chart("fate-exchange").schemaViolations(for: try OurCharts.spec("fate-serving.yaml"))
        #expect(violations.contains { $0.path == "servingProxy" && $0.message.hasPrefix("unknown key") })
    }
}

extension Value {
    /// The value at a path of map keys, or `.null` when any step is missing.
    func path(_ keys: String...) -> Value {
        var current = self
        for key in keys {
            guard case .map(let map) = current, let next = map[key] else { return .null }
            current = next
        }
        return current
    }
}

