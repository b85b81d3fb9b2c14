import Foundation
import Testing
import KFKube
@testable import KFDeploy

@Suite struct HelmReleaseRecordTests {
    private func release(status: HelmRelease.Status = .deployed) -> HelmRelease {
        HelmRelease(
            name: "fate-9999", namespace: "fate-9999", version: 3,
            info: .init(firstDeployed: "2026-11-29T10:00:00Z", lastDeployed: "2026-11-29T11:00:00.5Z", deleted: HelmReleaseRecord.zeroTime,
                        description: "Upgrade complete", status: status, notes: nil),
            chart: .init(metadata: .object(["name": "fate", "version": "v1.11.2", "apiVersion": "v1"]),
                         templates: [.init(name: "templates/x.yaml", data: Data("kind: ConfigMap".utf8).base64EncodedString())],
                         values: .object(["partyId": .int(9999)]), files: nil),
            config: .object(["partyId": .int(9999)]), manifest: "---\n# Source: fate/templates/x.yaml\nkind: ConfigMap\n")
    }

    @Test func secretCarriesHelmsNameTypeAndLabels() throws {
        let secret = try HelmReleaseRecord.secret(for: release(), created: true, at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(secret[path: "metadata", "name"]?.string == "sh.helm.release.v1.fate-9999.v3")
        #expect(secret["type"]?.string == "helm.sh/release.v1")
        let labels = secret[path: "metadata", "labels"]
        #expect(labels?["owner"]?.string == "helm")
        #expect(labels?["status"]?.string == "deployed")
        #expect(labels?["version"]?.string == "3")
        #expect(labels?["createdAt"]?.string == "1700000000")
    }

    @Test func recordIsDoublyBase64WrappedGzip() throws {
        let secret = try HelmReleaseRecord.secret(for: release(), created: false)
        let outer = try #require(secret[path: "data", "release"]?.string)
        let innerData = try #require(Data(base64Encoded: outer))
        let inner = try #require(String(data: innerData, encoding: .utf8))
        let packed = try #require(Data(base64Encoded: inner))
        #expect(Array(packed.prefix(3)) == [0x1f, 0x8b, 0x08])
    }

    @Test func roundTripPreservesTheRelease() throws {
        let original = release(status: .pendingUpgrade)
        let decoded = try HelmReleaseRecord.decode(secret: try HelmReleaseRecord.secret(for: original, created: true))
        #expect(decoded == original)
        #expect(decoded.info.status.isPending)
    }

    @Test func corruptRecordsAreRefusedWithTheSecretName() throws {
        let secret: KubeJSON = .object(["metadata": .object(["name": "sh.helm.release.v1.x.v1"]), "data": .object(["release": "!!"])])
        #expect {
            try HelmReleaseRecord.decode(secret: secret)
        } throws: { error in
            "\(error)".contains("sh.helm.release.v1.x.v1")
        }
    }

    @Test func timestampsUseGoRFC3339Nano() {
        #expect(HelmReleaseRecord.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(HelmReleaseRecord.timestamp(Date(timeIntervalSince1970: 1.5)) == "1970-01-01T00:00:01.5Z")
    }
}
