import Foundation
import KFCharts
import KFKube
import KFTemplate

extension ReleaseDeployer {
    /// Server-side applies the objects in the order given (Helm's install order). With
    /// `replacingBrokenPods`, pods of the applied StatefulSets that cannot start (image pull, crash
    /// loop, …) are deleted afterwards so the controller recreates them from the applied template:
    /// a StatefulSet never replaces a pod that is not Ready by itself (Kubernetes' "forced
    /// rollback"), so without this an update or rollback away from a broken revision hangs.
    ///
    /// Every object is sent with Helm's ownership metadata for `ownership` (``ReleaseOwnership``),
    /// which the stored manifest does not carry.
    func apply(_ manifests: [ManifestObject], ownership: ReleaseOwnership, replacingBrokenPods: Bool = false,
               reporter: any DeployProgressReporter) async throws {
        let namespace = ownership.namespace
        let objects = manifests.filter { !$0.kind.isEmpty }
        for (index, object) in objects.enumerated() {
            if index == objects.count / 2, index > 0 { try await reporter.reached(.midApply) }
            let document = try Self.document(object)
            do {
                let applied = try await client.apply(ownership.stamp(document), namespace: object.namespace ?? namespace)
                if replacingBrokenPods, object.kind == "StatefulSet" {
                    try await replaceBrokenPods(of: applied, namespace: object.namespace ?? namespace, reporter: reporter)
                }
            } catch let error as KubeError {
                throw DeployError(.apply, error.description, component: "\(object.kind)/\(object.name)")
            }
        }
        try await reporter.step("applied \(objects.count) objects")
    }

    /// A rendered manifest as the JSON object Kubernetes receives (YAML read as Helm's
    /// `sigs.k8s.io/yaml` reads it).
    static func document(_ object: ManifestObject) throws -> KubeJSON {
        do {
            return try json(YAML.decodeHelm(object.text))
        } catch {
            throw DeployError(.apply, "the rendered object does not parse: \(error)", component: "\(object.kind)/\(object.name)")
        }
    }

    /// Fails, before anything is applied, when an object the release is about to create already
    /// exists without this release's ownership metadata (Helm's `existingResourceConflict`).
    /// `known` are the objects the release's previous revision had (none for an install); Helm
    /// checks only the others. `action` is `install` or `update`, as in Helm's message.
    func checkConflicts(_ manifests: [ManifestObject], ownership: ReleaseOwnership, known: Set<ReleaseObject>, action: String) async throws {
        for object in manifests where !object.kind.isEmpty {
            let ref = ReleaseObject(object, defaultNamespace: ownership.namespace)
            guard !known.contains(ref) else { continue }
            let existing: KubeJSON?
            let namespace: String?
            do {
                namespace = try await client.resource(apiVersion: object.apiVersion, kind: object.kind).namespaced ? ref.namespace : nil
                existing = try await client.get(apiVersion: object.apiVersion, kind: object.kind, namespace: namespace, name: object.name)
            } catch let error as KubeError {
                let described = ReleaseOwnership.describe(kind: object.kind, name: object.name, namespace: ref.namespace)
                throw DeployError(.apply, "could not get information about the resource \(described): \(error)")
            }
            guard let existing, let problem = ownership.problem(with: existing) else { continue }
            let described = ReleaseOwnership.describe(kind: object.kind, name: object.name, namespace: namespace)
            throw DeployError(.conflict, "rendered manifests contain a resource that already exists. Unable to continue with \(action): "
                + "\(described) exists and cannot be imported into the current release: \(problem)")
        }
    }

    /// Deletes the pods of a StatefulSet that cannot start, so they are recreated from its current template.
    private func replaceBrokenPods(of statefulSet: KubeJSON, namespace: String, reporter: any DeployProgressReporter) async throws {
        guard case .object(let match)? = statefulSet[path: "spec", "selector", "matchLabels"], !match.isEmpty else { return }
        let selector = match.compactMap { key, value in value.string.map { "\(key)=\($0)" } }.sorted().joined(separator: ",")
        let pods = try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace, labelSelector: selector)
        for pod in pods.items {
            guard let diagnosis = PodDiagnosis.diagnose(pods: [pod]), let name = pod[path: "metadata", "name"]?.string else { continue }
            try await client.delete(apiVersion: "v1", kind: "Pod", namespace: namespace, name: name)
            try await reporter.step("replaced pod \(name) (\(diagnosis.cause.rawValue)) to roll it to the new template")
        }
    }

    /// Deletes objects the previous revision owned that the new one no longer contains.
    func prune(keeping: Set<ReleaseObject>, previousManifest: String, namespace: String, reporter: any DeployProgressReporter) async throws {
        let stale = try ReleaseObject.parse(manifest: previousManifest, namespace: namespace).filter { !keeping.contains($0) }
        for object in stale.reversed() {
            try await client.delete(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name)
        }
        if !stale.isEmpty { try await reporter.step("pruned \(stale.count) objects no longer in the chart") }
    }

    /// Polls (with backoff) until none of the objects exists any more.
    func waitUntilGone(_ objects: [ReleaseObject], timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pause = Duration.milliseconds(100)
        var remaining = objects
        while !remaining.isEmpty {
            var still: [ReleaseObject] = []
            for object in remaining
            where try await client.get(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name) != nil {
                still.append(object)
            }
            remaining = still
            guard !remaining.isEmpty else { return }
            guard clock.now < deadline else {
                throw DeployError(.leftovers, "still present after \(timeout): " + remaining.map { "\($0.kind)/\($0.name)" }.joined(separator: ", "))
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
        }
    }

    /// The components whose rollout the release waits for (one sub-job each).
    static func components(_ objects: [ReleaseObject]) -> [ComponentRef] {
        objects.filter { object in ComponentKind.tracked.contains { $0.kind == object.kind } }
            .map { ComponentRef(apiVersion: $0.apiVersion, kind: $0.kind, name: $0.name) }
    }

    /// The chart as Helm's release record stores it.
    static func chartRecord(_ chart: Chart) throws -> HelmRelease.Chart {
        try HelmRelease.Chart(chart)
    }

    /// A template value as JSON (Go's encoding/json of the same value).
    static func json(_ value: Value) throws -> KubeJSON {
        try KubeJSON.decode(Array(JSON.encode(value, escapeHTML: false).utf8))
    }
}

extension ReleaseObject {
    /// The documents of a stored release manifest, in install order.
    static func manifests(of manifest: String) throws -> [ManifestObject] {
        guard !manifest.isEmpty else { return [] }
        return try ManifestSorter.sort(files: ["release/manifest": manifest]).manifests.filter { !$0.kind.isEmpty }
    }
}
