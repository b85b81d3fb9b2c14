/// Helm's rewording of template errors (`engine.cleanupParseError` / `cleanupExecError`).
enum HelmErrors {
    /// `template: <file>:<line>: <msg>` → `parse error at (<file>:<line>): <last part>`.
    static func cleanupParseError(filename: String, _ message: String) -> String {
        let tokens = GoText.split(message, ": ")
        guard tokens.count > 1 else { return "parse error in (\(filename)): \(message)" }
        return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
    }

    /// `required`/`fail` messages (between `HELM_ERR_START` and `HELM_ERR_END`) become
    /// `execution error at (<file>:<line>:<col>): <msg>`; other errors keep Go's text.
    static func cleanupExecError(filename: String, _ message: String) -> String {
        let tokens = GoText.split(message, ": ", maxParts: 3)
        guard tokens.count == 3 else { return "execution error in (\(filename)): \(message)" }
        // Go's regexp `HELM_ERR_START(.*)HELM_ERR_END`: `.` stops at newlines, `.*` is greedy.
        let start = Array("HELM_ERR_START".utf8)
        let end = Array("HELM_ERR_END".utf8)
        for line in tokens[2].utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let bytes = Array(line)
            guard let s = GoText.firstIndex(of: start, in: bytes),
                  let e = GoText.lastIndex(of: end, in: bytes), s + start.count <= e else { continue }
            let inner = String(decoding: bytes[(s + start.count)..<e], as: UTF8.self)
            return "execution error at (\(tokens[1])): \(inner)"
        }
        return message
    }
}

extension GoText {
    /// `strings.SplitN(s, sep, maxParts)` (`strings.Split` when `maxParts` is unlimited).
    static func split(_ s: String, _ separator: String, maxParts: Int = .max) -> [String] {
        let bytes = Array(s.utf8)
        let sep = Array(separator.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        while i + sep.count <= bytes.count, parts.count < maxParts - 1 {
            if bytes[i..<i + sep.count].elementsEqual(sep) {
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).reversed().first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
