import KFTemplate
import Foundation

/// Deterministic generators of codec inputs: values full of the strings and numbers YAML 1.1,
/// yaml.v2's emitter and Go's formatters treat specially, rendered as JSON/YAML texts.
struct CodecInputs {
    /// SplitMix64, so runs are reproducible.
    typealias Random = SplitMix

    static let tricky: [String] = [
        "yes", "No", "on", "OFF", "y", "n", "true", "False", "~", "null", "", " ", "  ", "a b", "a: b", "a:b",
        "- x", "-", "--", "---", "...", "? x", "?x", ":x", "#c", "x #c", "x# c", "&a", "*a", "!a", "|a", ">a",
        "'q'", "\"dq\"", "%x", "@x", "`x", ",x", "a,b", "[a]", "{a}", "<<", "=", "0x1F", "012", "08", "0o17",
        "0b101", "1_000", "1e3", "1e+06", ".5", "+1", "-1", "0.", "1.0", ".inf", "-.Inf", ".nan", "12:30",
        "1:20:30", "190:20:30.5", "2021-01-01", "2021-1-1", "2021-01-01T10:00:00Z", "2001-12-14 21:59:43.10",
        "é", "日本語", "😀", "a\u{200d}b", "\u{a0}x", "x\u{a0}", "\u{feff}x", "\t", "a\tb", "x:\ty", "\u{1}",
        "\u{7f}", "\u{85}", "\u{2028}", "a\u{2029}b", "a\nb", "a\nb\n", "a\nb\n\n", "\n", "\n\n", " x\ny",
        "x\n ", "a \nb", "\nx", "a\r\nb", "line1\n  indented\n", "back\\slash", "it's", "say \"hi\"",
        "<a href=\"x\">&</a>", "a\u{2028}", "Null", "NULL", "nil", "None", "0", "-0", "00", "1e400",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "3.14159265358979",
    ]

    static let words = ["alpha", "beta", "gamma", "delta", "x", "longer-word", "a", "verylongwordwithoutspaces",
                        "with:colon", "#hash", "é", "日本", "two  spaces"]

    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.5, 1.5, 2, 100000, 1_000_000, 1_234_567, 123456789, 1e20, 1e21, 1.5e300, 1e-4, 9_007_199_254_740_992,
        1e-5, 1e-6, 1e-7, 0.000001, 100000.5, 12345678901, 3.14159265358979,
        -2.5e-10, 1.2345678901234568e+29, 255, 65535,
    ]

    var random: Random

    init(seed: UInt64) {
        random = Random(state: seed)
    }

    mutating func longText() -> String {
        var parts: [String] = []
        for _ in 0..<(8 + random.below(30)) { parts.append(random.pick(Self.words)) }
        var text = parts.joined(separator: " ")
        if random.below(4) == 0 { text += "\n" + parts.reversed().joined(separator: " ") }
        if random.below(5) == 0 { text = " " + text }
        return text
    }

    mutating func string() -> String {
        switch random.below(10) {
        case 0, 1: return longText()
        case 2: return random.pick(Self.tricky) + random.pick(Self.tricky)
        default: return random.pick(Self.tricky)
        }
    }

    mutating func key() -> String {
        switch random.below(6) {
        // Keys mixing digits with other characters can make yaml.v2's (non-transitive) key
        // order depend on Go's random map order, so tricky keys are digit-free.
        case 0: return random.pick(Self.tricky.filter { !$0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } })
        case 1: return random.pick(Self.words) + String(random.below(20))
        case 2: return String(random.below(30))
        default: return random.pick(Self.words)
        }
    }

    mutating func scalar() -> Value {
        switch random.below(8) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2, 3: return .float64(random.pick(Self.numbers))
        default: return .string(string())
        }
    }

    mutating func value(depth: Int = 0) -> Value {
        let roll = random.below(10)
        if depth >= 4 || roll < 5 { return scalar() }
        if roll < 7 {
            return .list((0..<random.below(5)).map { _ in value(depth: depth + 1) })
        }
        var map: [String: Value] = [:]
        for _ in 0..<random.below(7) { map[key()] = value(depth: depth + 1) }
        return .map(map)
    }

    /// A document: a top-level map most of the time.
    mutating func document() -> Value {
        var map: [String: Value] = [:]
        for _ in 0..<(1 + random.below(6)) { map[key()] = value(depth: 1) }
        return random.below(8) == 0 ? value() : .map(map)
    }

    /// `text` with a few random byte-level edits (YAML/JSON punctuation, deletions, swaps).
    mutating func mutate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let inserts: [Unicode.Scalar] = [":", "-", " ", "\n", "\t", "[", "]", "{", "}", "\"", "'", "#", "&", "*",
                                         "!", "|", ">", "?", ",", "%", "@", "\\", "é", "0", "\u{85}"]
        for _ in 0..<(1 + random.below(3)) {
            let position = scalars.isEmpty ? 0 : random.below(scalars.count + 1)
            switch random.below(3) {
            case 0: scalars.insert(random.pick(inserts), at: position)
            case 1: if position < scalars.count { scalars.remove(at: position) }
            default:
                if position + 1 < scalars.count { scalars.swapAt(position, position + 1) }
            }
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }
}

extension CodecInputs {
    /// A hand-style YAML document: block and flow collections, anchors, aliases, merge keys,
    /// block scalars with chomping and indentation indicators, comments, tags, quoting styles,
    /// CRLF line ends and extra documents.
    mutating func handwrittenYAML() -> String {
        var lines: [String] = []
        var anchors: [String] = []
        func scalarText(_ r: inout Random) -> String {
            switch r.below(9) {
            case 0: return "'" + r.pick(Self.tricky).replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
            case 1: return "\"" + r.pick(["a\\tb", "\\u00e9", "\\x41", "line\\nbreak", "\\\"q\\\"", "\\N", "\\_", "\\e", "\\/"]) + "\""
            case 2: return r.pick(["!!str 12", "!!int \"7\"", "!!float 3", "!!bool yes", "!!null ''", "!custom x", "!!binary aGk="])
            case 3: return r.pick(["0o17", "0x_1F", "1_000", "+12", "-0", ".5", "1.", "1e3", "6.02e+23", "190:20:30", "2001-12-14t21:59:43.10-05:00", "2002-12-14"])
            default:
                let word = r.pick(Self.words.filter { !$0.contains(":") && !$0.contains("#") })
                return word + (r.below(3) == 0 ? " " + r.pick(["yes", "No", "~", "null", "x", "0"]) : "")
            }
        }
        func key(_ r: inout Random) -> String {
            r.pick(["name", "port", "yes", "n", "On", "1", "1.5", "'quoted key'", "\"dq\"", "a b", "x-y", "<<"])
        }
        for section in 0..<(2 + random.below(4)) {
            let name = "s\(section)"
            switch random.below(8) {
            case 0:
                let anchor = "A\(section)"
                anchors.append(anchor)
                lines.append("\(name): &\(anchor)")
                for _ in 0..<(1 + random.below(3)) { lines.append("  \(key(&random)): \(scalarText(&random))") }
            case 1 where !anchors.isEmpty:
                lines.append("\(name):")
                lines.append("  <<: *\(random.pick(anchors))")
                lines.append("  extra: \(scalarText(&random))")
            case 2:
                lines.append("\(name): [\(scalarText(&random)), {\(key(&random)): \(scalarText(&random))}, [1, 2], ]")
            case 3:
                let indicator = random.pick(["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"])
                lines.append("\(name): \(indicator)")
                for _ in 0..<(1 + random.below(3)) {
                    lines.append(random.below(4) == 0 ? "" : "    " + (random.below(3) == 0 ? "  " : "") + longText().replacingOccurrences(of: "\n", with: " "))
                }
            case 4:
                lines.append("# a comment")
                lines.append("\(name):   # trailing comment")
                lines.append("- \(scalarText(&random))")
                lines.append("- - nested")
                lines.append("  - \(scalarText(&random))")
                lines.append("- \(key(&random)): \(scalarText(&random))")
                lines.append("  other: \(scalarText(&random))")
            case 5:
                lines.append("? \(scalarText(&random))")
                lines.append(": \(scalarText(&random))")
            case 6:
                lines.append("\(name): \(scalarText(&random))")
                lines.append("  continued plain line")
            default:
                lines.append("\(key(&random)): \(scalarText(&random))")
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        if random.below(5) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if random.below(6) == 0 { text = "%YAML 1.1\n---\n" + text }
        if random.below(6) == 0 { text += "---\nsecond: document\n" }
        if random.below(8) == 0 { text += "...\n" }
        return text
    }
}
