import Foundation
import Testing
import KFCharts
import KFKube
@testable import KFDeploy

@Suite struct ReleaseOwnershipTests {
    let ownership = ReleaseOwnership(release: "demo", namespace: "team-a")

    @Test func stampingMergesHelmsLabelAndAnnotationsAndKeepsTheRest() {
        let object: KubeJSON = .object([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": .object([
                "name": "demo-config",
                "labels": .object(["app": "demo", "app.kubernetes.io/managed-by": "Tiller"]),
                "annotations": .object(["note": "kept"]),
            ]),
            "data": .object(["greeting": "hello"]),
        ])
        let stamped = ownership.stamp(object)
        #expect(stamped[path: "metadata", "labels"] == .object(["app": "demo", "app.kubernetes.io/managed-by": "Helm"]))
        #expect(stamped[path: "metadata", "annotations"] == .object([
            "note": "kept", "meta.helm.sh/release-name": "demo", "meta.helm.sh/release-namespace": "team-a",
        ]))
        #expect(stamped["data"] == object["data"])
        #expect(ownership.owns(stamped))
    }

    @Test func anObjectWithoutMetadataGetsAllThree() {
        let stamped = ownership.stamp(.object(["apiVersion": "v1", "kind": "Service", "metadata": .object(["name": "web"])]))
        #expect(stamped[path: "metadata", "labels", "app.kubernetes.io/managed-by"] == "Helm")
        #expect(stamped[path: "metadata", "annotations", "meta.helm.sh/release-name"] == "demo")
        #expect(stamped[path: "metadata", "annotations", "meta.helm.sh/release-namespace"] == "team-a")
    }

    @Test func anUnownedObjectIsRefusedInHelmsWords() {
        let bare: KubeJSON = .object(["metadata": .object(["name": "x"])])
        #expect(ownership.problem(with: bare) == """
            invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; \
            annotation validation error: missing key "meta.helm.sh/release-name": must be set to "demo"; \
            annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "team-a"
            """)
    }

    @Test func anotherReleasesObjectIsRefusedNamingIt() {
        let theirs = ReleaseOwnership(release: "other", namespace: "team-a").stamp(.object(["metadata": .object(["name": "x"])]))
        #expect(ownership.problem(with: theirs) == """
            invalid ownership metadata; annotation validation error: key "meta.helm.sh/release-name" must equal "demo": \
            current value is "other"
            """)
    }

    @Test func resourcesAreDescribedAsHelmDoes() {
        #expect(ReleaseOwnership.describe(kind: "ConfigMap", name: "demo-config", namespace: "team-a")
            == #"ConfigMap "demo-config" in namespace "team-a""#)
        #expect(ReleaseOwnership.describe(kind: "ClusterRole", name: "r", namespace: nil) == #"ClusterRole "r" in namespace """#)
        #expect(ReleaseOwnership.quote("a\"b\\c\n") == #""a\"b\\c\n""#)
    }
}

@Suite(.serialized) struct ReleaseOwnershipKubeSimTests {
    /// Every object of the demo chart, as (apiVersion, kind, name).
    static let objects = [
        ("apps/v1", "Deployment", "demo-web"), ("apps/v1", "StatefulSet", "demo-db"), ("v1", "Service", "demo-web"),
        ("v1", "ConfigMap", "demo-config"),
    ]

    @Test func appliedObjectsCarryHelmsMetadataButTheStoredManifestDoesNot() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        let release = try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 1\n"), reporter: RecordingReporter())
        for (apiVersion, kind, name) in Self.objects {
            let object = try #require(try await fixture.client.get(apiVersion: apiVersion, kind: kind, namespace: "team-a", name: name))
            #expect(object[path: "metadata", "labels", "app.kubernetes.io/managed-by"] == "Helm", "\(kind)/\(name)")
            #expect(object[path: "metadata", "annotations", "meta.helm.sh/release-name"] == "demo", "\(kind)/\(name)")
            #expect(object[path: "metadata", "annotations", "meta.helm.sh/release-namespace"] == "team-a", "\(kind)/\(name)")
        }
        #expect(!release.manifest.contains("meta.helm.sh"))
        #expect(!release.manifest.contains("managed-by"))
        let stored = try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history()
        #expect(stored.map(\.manifest) == [release.manifest])
    }

    @Test func aConflictingConfigMapFailsTheInstallNamingItAndNothingIsCreated() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        try await fixture.client.apply(.object([
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(["name": "demo-config"]), "data": .object(["mine": "yes"]),
        ]), namespace: "team-a")
        await #expect {
            try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 1\n"), reporter: RecordingReporter())
        } throws: { error in
            guard let error = error as? DeployError, error.code == .conflict else { return false }
            return error.message == """
                rendered manifests contain a resource that already exists. Unable to continue with install: ConfigMap "demo-config" \
                in namespace "team-a" exists and cannot be imported into the current release: invalid ownership metadata; \
                label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; annotation validation error: \
                missing key "meta.helm.sh/release-name": must be set to "demo"; annotation validation error: missing key \
                "meta.helm.sh/release-namespace": must be set to "team-a"
                """
        }
        for (apiVersion, kind, name) in Self.objects where kind != "ConfigMap" {
            #expect(try await !fixture.exists(apiVersion, kind, name), "\(kind)/\(name)")
        }
        #expect(try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history().isEmpty)
        let untouched = try await fixture.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "team-a", name: "demo-config")
        #expect(untouched?[path: "data", "mine"] == "yes")
        #expect(untouched?[path: "metadata", "labels"] == nil)
    }

    @Test func anObjectCarryingThisReleasesMetadataIsAdopted() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        let ownership = ReleaseOwnership(release: "demo", namespace: "team-a")
        try await fixture.client.apply(ownership.stamp(.object([
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(["name": "demo-config"]), "data": .object(["old": "yes"]),
        ])), namespace: "team-a", fieldManager: "helm")
        let release = try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 1\n"), reporter: RecordingReporter())
        #expect(release.info.status == .deployed)
        let adopted = try await fixture.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "team-a", name: "demo-config")
        #expect(adopted?[path: "data", "greeting"] == "hello")
    }

    @Test func undoingAnInstallLeavesObjectsOfOthersAlone() async throws {
        let fixture = try await Fixture.start()
        defer { Task { await fixture.server.stop() } }
        _ = try await fixture.deployer.deploy(chart: fixture.chart, rendered: fixture.render("replicas: 1\n"), reporter: RecordingReporter())
        // Someone replaced the ConfigMap with their own after the install.
        try await fixture.client.delete(apiVersion: "v1", kind: "ConfigMap", namespace: "team-a", name: "demo-config")
        try await fixture.client.apply(.object([
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(["name": "demo-config"]), "data": .object(["theirs": "yes"]),
        ]), namespace: "team-a", fieldManager: "someone")
        let reporter = RecordingReporter()
        try await fixture.deployer.uninstall(name: "demo", namespace: "team-a", ownedOnly: true, reporter: reporter, timeout: .seconds(60))
        #expect(try await fixture.exists("v1", "ConfigMap", "demo-config"))
        for (apiVersion, kind, name) in Self.objects where kind != "ConfigMap" {
            #expect(try await !fixture.exists(apiVersion, kind, name), "\(kind)/\(name)")
        }
        #expect(try await ReleaseStore(client: fixture.client, name: "demo", namespace: "team-a").history().isEmpty)
        #expect(await reporter.steps.contains("left ConfigMap/demo-config: not owned by release demo"))
    }
}
