import Foundation

extension ClusterInfo {
    /// The JSON stored in `clusters.info` and shown by describe (keys sorted).
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads `clusters.info` back.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(ClusterInfo.self, from: Data(jsonText.utf8))
    }
}
