import KFTemplate

/// Helm's `toYaml` and standard base64, for `.Files.AsConfig` / `.Files.AsSecrets`.
enum HelmYAML {
    /// `sigs.k8s.io/yaml.Marshal` with the trailing newline trimmed; `""` on error (as Helm).
    static func toYaml(_ value: Value) -> String {
        guard let text = try? YAML.encodeHelm(value) else { return "" }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

enum StdBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `base64.StdEncoding.EncodeToString`.
    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((data.count + 2) / 3 * 4)
        var i = 0
        while i < data.count {
            let b0 = Int(data[i])
            let b1 = i + 1 < data.count ? Int(data[i + 1]) : 0
            let b2 = i + 2 < data.count ? Int(data[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            out.append(i + 1 < data.count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : UInt8(ascii: "="))
            out.append(i + 2 < data.count ? alphabet[b2 & 63] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
