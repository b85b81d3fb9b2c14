import Foundation
import KFCharts
import KFKube
import KFTemplate

/// Installs, upgrades, rolls back and uninstalls releases the way Helm does, with Helm's own
/// release records, so Helm and we can each manage what the other deployed.
///
/// Every action is idempotent: a worker resuming a dead attempt's job runs it again and gets the
/// same result; a record left `pending-*` by that attempt is taken over, never left locked.
public struct ReleaseDeployer: Sendable {
    public let client: KubeClient
    public var watcher: ReleaseWatcher
    /// Revisions kept per release (Helm's `--history-max`, default 10).
    public var historyLimit: Int

    public init(client: KubeClient, watcher: ReleaseWatcher? = nil, historyLimit: Int = 10) {
        self.client = client
        self.watcher = watcher ?? ReleaseWatcher(client: client)
        self.historyLimit = historyLimit
    }

    /// Applies a rendered release as its next revision (install when none is deployed), waits
    /// until its components are ready, and records it. On failure the revision is recorded
    /// `failed` and the error rethrown; `rollback` restores the previous revision.
    @discardableResult
    public func deploy(chart: Chart, rendered: RenderedRelease, reporter: any DeployProgressReporter) async throws -> HelmRelease {
        let name = rendered.release.name, namespace = rendered.release.namespace
        let store = ReleaseStore(client: client, name: name, namespace: namespace)
        let records = try await store.history()
        let previous = records.last { $0.info.status == .deployed }
        // A dead attempt of this very action got as far as deploying it: finish, do not add a revision.
        if let last = records.last, last.info.status == .deployed, last.manifest == rendered.releaseManifest,
           last.chart.metadata["version"]?.string == chart.metadata.version {
            let objects = rendered.manifests.map { ReleaseObject($0, defaultNamespace: namespace) }
            try await watcher.waitUntilReady(namespace: namespace, components: Self.components(objects), reporter: reporter)
            try await reporter.step("release \(name) revision \(last.version) already deployed")
            return last
        }
        // Helm's adoption rule, before anything is recorded or applied: an object this revision
        // adds may already exist only if it carries this release's ownership metadata.
        let ownership = ReleaseOwnership(release: name, namespace: namespace)
        let known = try Set(previous.map { try ReleaseObject.parse(manifest: $0.manifest, namespace: namespace) } ?? [])
        try await checkConflicts(rendered.manifests, ownership: ownership, known: known, action: previous == nil ? "install" : "update")
        // A pending record is a dead attempt of this very action: take over its revision number.
        let version = records.last.map { $0.info.status.isPending ? $0.version : $0.version + 1 } ?? 1
        let now = HelmReleaseRecord.timestamp(Date())
        var release = HelmRelease(
            name: name, namespace: namespace, version: version,
            info: .init(firstDeployed: records.first?.info.firstDeployed ?? now, lastDeployed: now, deleted: "",
                        description: previous == nil ? "Install complete" : "Upgrade complete",
                        status: previous == nil ? .pendingInstall : .pendingUpgrade, notes: rendered.notes),
            chart: try Self.chartRecord(chart), config: try Self.json(YAML.decodeHelm(rendered.valuesYAML)),
            manifest: rendered.releaseManifest)
        try await store.save(release, created: !records.contains { $0.version == version })
        try await reporter.step("release \(name) revision \(version) \(release.info.status.rawValue)")
        try await reporter.reached(.releaseRecorded)

        do {
            let objects = rendered.manifests.map { ReleaseObject($0, defaultNamespace: namespace) }
            try await apply(rendered.manifests, ownership: ownership, replacingBrokenPods: previous != nil, reporter: reporter)
            if let previous {
                try await prune(keeping: Set(objects), previousManifest: previous.manifest, namespace: namespace, reporter: reporter)
            }
            try await watcher.waitUntilReady(namespace: namespace, components: Self.components(objects), reporter: reporter)
        } catch {
            release.info.status = .failed
            release.info.description = "\(previous == nil ? "Install" : "Upgrade") failed: \(error)"
            try? await store.save(release, created: false)
            throw error
        }
        release.info.status = .deployed
        try await store.save(release, created: false)
        try await store.supersede(before: version, in: records, keep: historyLimit)
        try await reporter.step("release \(name) revision \(version) deployed")
        return release
    }

    /// Re-applies a retained revision as a new revision (Helm's rollback), pruning what it lacks.
    @discardableResult
    public func rollback(name: String, namespace: String, to revision: Int? = nil, reporter: any DeployProgressReporter) async throws -> HelmRelease {
        let store = ReleaseStore(client: client, name: name, namespace: namespace)
        let records = try await store.history()
        let current = records.last { $0.info.status == .deployed || $0.info.status == .failed || $0.info.status.isPending }
        let target = try revision.map { wanted in
            guard let found = records.first(where: { $0.version == wanted }) else {
                throw DeployError(.release, "release \(name) has no retained revision \(wanted)")
            }
            return found
        } ?? records.last { $0.info.status == .superseded || ($0.info.status == .deployed && $0.version != current?.version) }
        guard let target else { throw DeployError(.release, "release \(name) has no earlier revision to roll back to") }
        let version = (records.last?.version ?? 0) + 1
        var release = target
        release.version = version
        release.info.status = .pendingRollback
        release.info.lastDeployed = HelmReleaseRecord.timestamp(Date())
        release.info.description = "Rollback to \(target.version)"
        try await store.save(release, created: true)
        let manifests = try ReleaseObject.manifests(of: target.manifest)
        do {
            try await apply(manifests, ownership: ReleaseOwnership(release: name, namespace: namespace), replacingBrokenPods: true,
                            reporter: reporter)
            if let current {
                let keep = Set(manifests.map { ReleaseObject($0, defaultNamespace: namespace) })
                try await prune(keeping: keep, previousManifest: current.manifest, namespace: namespace, reporter: reporter)
            }
            let objects = manifests.map { ReleaseObject($0, defaultNamespace: namespace) }
            try await watcher.waitUntilReady(namespace: namespace, components: Self.components(objects), reporter: reporter)
        } catch {
            release.info.status = .failed
            try? await store.save(release, created: false)
            throw error
        }
        release.info.status = .deployed
        try await store.save(release, created: false)
        for var old in records where old.info.status == .deployed || old.info.status == .failed && old.version == current?.version {
            old.info.status = .superseded
            try await store.save(old, created: false)
        }
        try await store.supersede(before: version, in: records, keep: historyLimit)
        try await reporter.step("release \(name) rolled back to revision \(target.version) as revision \(version)")
        return release
    }

    /// Deletes every object of the release in reverse install order, waits until all are gone,
    /// then removes the release records. The records stay while any object remains.
    ///
    /// With `ownedOnly`, an object that exists without this release's ownership metadata is left
    /// alone: undoing an install must never delete what the install did not create (an object
    /// that conflicted with it, or one created after it was recorded).
    public func uninstall(name: String, namespace: String, ownedOnly: Bool = false, reporter: any DeployProgressReporter,
                          timeout: Duration = .seconds(600)) async throws {
        let store = ReleaseStore(client: client, name: name, namespace: namespace)
        let records = try await store.history()
        guard var latest = records.last else {
            try await reporter.step("release \(name) has no records: nothing to delete")
            return
        }
        latest.info.status = .uninstalling
        try await store.save(latest, created: false)
        let objects = try Set(records.flatMap { try ReleaseObject.parse(manifest: $0.manifest, namespace: namespace) })
        let ordered = try ReleaseObject.parse(manifest: latest.manifest, namespace: namespace).reversed()
            + objects.subtracting(try ReleaseObject.parse(manifest: latest.manifest, namespace: namespace))
        let ownership = ReleaseOwnership(release: name, namespace: namespace)
        var deleted: [ReleaseObject] = []
        var foreign: [String] = []
        for object in ordered {
            if ownedOnly, let existing = try await client.get(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace,
                                                             name: object.name), !ownership.owns(existing) {
                foreign.append("\(object.kind)/\(object.name)")
                continue
            }
            // Foreground: an owner stays until its pods and ReplicaSets are gone, so waiting for the
            // release's own objects also waits for everything they created.
            try await client.delete(apiVersion: object.apiVersion, kind: object.kind, namespace: object.namespace, name: object.name,
                                    propagation: .foreground)
            deleted.append(object)
        }
        try await reporter.step("deleted \(deleted.count) objects of \(name)")
        if !foreign.isEmpty { try await reporter.step("left \(foreign.joined(separator: ", ")): not owned by release \(name)") }
        try await reporter.reached(.midUninstall)
        try await waitUntilGone(deleted, timeout: timeout)
        for record in records { try await store.delete(version: record.version) }
        try await reporter.step("release \(name) uninstalled")
    }
}
