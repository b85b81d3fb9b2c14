import Foundation
import KFKube

/// Reads and writes release records in Helm's storage format: a Secret
/// `sh.helm.release.v1.<name>.v<version>` of type `helm.sh/release.v1` whose `release` key holds
/// base64(gzip(JSON)) (and the Secret's own encoding adds the outer base64).
public enum HelmReleaseRecord {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static let secretType = "helm.sh/release.v1"

    public static func secretName(release: String, version: Int) -> String {
        "sh.helm.release.v1.\(release).v\(version)"
    }

    /// The label selector of every record of one release.
    public static func selector(release: String) -> String { "name=\(release),owner=helm" }

    /// The Secret to store `release` in. `createdAt`/`modifiedAt` labels as Helm 4 writes them.
    public static func secret(for release: HelmRelease, created: Bool, at time: Date = Date()) throws -> KubeJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(release)
        let packed: [UInt8]
        do { packed = try Gzip.compress(Array(json)) } catch { throw Failure(description: error.description) }
        let inner = Data(packed).base64EncodedString()
        let outer = Data(inner.utf8).base64EncodedString()
        var labels: [String: KubeJSON] = [
            "owner": "helm", "name": .string(release.name), "status": .string(release.info.status.rawValue),
            "version": .string(String(release.version)),
        ]
        labels[created ? "createdAt" : "modifiedAt"] = .string(String(Int(time.timeIntervalSince1970)))
        return .object([
            "apiVersion": "v1", "kind": "Secret", "type": .string(secretType),
            "metadata": .object(["name": .string(secretName(release: release.name, version: release.version)),
                                 "namespace": .string(release.namespace), "labels": .object(labels)]),
            "data": .object(["release": .string(outer)]),
        ])
    }

    /// Decodes a record Secret written by Helm or by us.
    public static func decode(secret: KubeJSON) throws -> HelmRelease {
        let name = secret[path: "metadata", "name"]?.string ?? "?"
        guard let outer = secret[path: "data", "release"]?.string,
              let innerData = Data(base64Encoded: outer), let inner = String(data: innerData, encoding: .utf8),
              let packed = Data(base64Encoded: inner) else {
            throw Failure(description: "release record \(name): data.release is not base64(base64(gzip(json)))")
        }
        let bytes = Array(packed)
        // Helm 3 also reads records stored without gzip (magic 1f 8b 08 tells them apart).
        let json: [UInt8]
        if bytes.starts(with: [0x1f, 0x8b, 0x08]) {
            do { json = try Gzip.decompress(bytes) } catch { throw Failure(description: "release record \(name): \(error.description)") }
        } else {
            json = bytes
        }
        do {
            return try JSONDecoder().decode(HelmRelease.self, from: Data(json))
        } catch {
            throw Failure(description: "release record \(name): \(error)")
        }
    }

    /// Go's `time.Time` JSON form (RFC 3339 with nanoseconds), in UTC.
    public static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let nanos = Int((date.timeIntervalSince1970 - seconds) * 1_000_000_000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var text = formatter.string(from: Date(timeIntervalSince1970: seconds))
        if nanos > 0 {
            var fraction = String(format: "%09d", nanos)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text.insert(contentsOf: ".\(fraction)", at: text.index(text.endIndex, offsetBy: -1))
        }
        return text
    }

    /// Go's zero time, which Helm writes for `deleted` until a release is uninstalled.
    public static let zeroTime = "0001-01-01T00:00:00Z"
}
