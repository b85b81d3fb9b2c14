import Foundation
import KFCharts
import KFKube
import KFTemplate

extension ReleaseDeployer {
    /// Server-side applies the objects in the order given (Helm's install order).
    func apply(_ manifests: [ManifestObject], namespace: String, reporter: any DeployProgressReporter) async throws {
        for object in manifests where !object.kind.isEmpty {
            do {
                try await client.apply(yaml: object.text, apiVersion: object.apiVersion, kind: object.kind, name: object.name,
                                       namespace: object.namespace ?? namespace)
            } catch let error as KubeError {
                throw DeployError(.apply, error.description, component: "\(object.kind)/\(object.name)")
            }
        }
        try await reporter.step("applied \(manifests.count) objects")
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
