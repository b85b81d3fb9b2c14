import Foundation
import KFKube

/// The release records of one release in one namespace, as Helm keeps them (Secrets).
public struct ReleaseStore: Sendable {
    public let client: KubeClient
    public let name: String
    public let namespace: String

    public init(client: KubeClient, name: String, namespace: String) {
        self.client = client
        self.name = name
        self.namespace = namespace
    }

    /// Every retained revision, oldest first.
    public func history() async throws -> [HelmRelease] {
        let secrets = try await client.listAll(apiVersion: "v1", kind: "Secret", namespace: namespace,
                                               labelSelector: HelmReleaseRecord.selector(release: name))
        return try secrets.items.filter { $0["type"]?.string == HelmReleaseRecord.secretType }
            .map(HelmReleaseRecord.decode(secret:))
            .sorted { $0.version < $1.version }
    }

    /// Creates or replaces the record of `release.version` (server-side apply, so re-running is harmless).
    public func save(_ release: HelmRelease, created: Bool) async throws {
        let secret = try HelmReleaseRecord.secret(for: release, created: created)
        try await client.apply(secret, namespace: namespace)
    }

    public func delete(version: Int) async throws {
        try await client.delete(apiVersion: "v1", kind: "Secret", namespace: namespace,
                                name: HelmReleaseRecord.secretName(release: name, version: version))
    }

    /// Marks earlier deployed revisions superseded and drops the oldest beyond `keep`.
    public func supersede(before version: Int, in records: [HelmRelease], keep: Int) async throws {
        for var old in records where old.version < version && old.info.status == .deployed {
            old.info.status = .superseded
            try await save(old, created: false)
        }
        let versions = (records.map(\.version) + [version]).sorted()
        for stale in versions.dropLast(max(keep, 1)) where stale != version {
            try await delete(version: stale)
        }
    }
}
