/// yaml.v2's byte-level character classes (`yamlprivateh.go`). Reads past the end return 0,
/// like libyaml's NUL-terminated buffers.
enum YAMLChars {
    @inline(__always)
    static func at(_ b: [UInt8], _ i: Int) -> UInt8 { i < b.count ? b[i] : 0 }

    static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0x00 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    static func isPrintable(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i), c1 = at(b, i + 1), c2 = at(b, i + 2)
        return c == 0x0A
            || (c >= 0x20 && c <= 0x7E)
            || (c == 0xC2 && c1 >= 0xA0)
            || (c > 0xC2 && c < 0xED)
            || (c == 0xED && c1 < 0xA0)
            || c == 0xEE
            || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
    }

    /// yaml.v2's `is_bom` ignores its index: it tests the start of the value.
    static func startsWithBOM(_ b: [UInt8]) -> Bool {
        at(b, 0) == 0xEF && at(b, 1) == 0xBB && at(b, 2) == 0xBF
    }

    static func isSpace(_ b: [UInt8], _ i: Int) -> Bool { at(b, i) == 0x20 }

    static func isBlank(_ b: [UInt8], _ i: Int) -> Bool { at(b, i) == 0x20 || at(b, i) == 0x09 }

    static func isBreak(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return c == 0x0D || c == 0x0A
            || (c == 0xC2 && at(b, i + 1) == 0x85)
            || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9))
    }

    static func isBlankZ(_ b: [UInt8], _ i: Int) -> Bool {
        isBlank(b, i) || isBreak(b, i) || at(b, i) == 0
    }
}

/// `yaml_emitter_analyze_scalar`: which styles can represent a scalar.
struct ScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = false

    init(_ value: [UInt8]) {
        guard !value.isEmpty else { return }
        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        if value.count >= 3,
           (value[0] == UInt8(ascii: "-") && value[1] == UInt8(ascii: "-") && value[2] == UInt8(ascii: "-"))
            || (value[0] == UInt8(ascii: ".") && value[1] == UInt8(ascii: ".") && value[2] == UInt8(ascii: ".")) {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var i = 0
        while i < value.count {
            let w = YAMLChars.width(value[i])
            let followedByWhitespace = i + w >= value.count || YAMLChars.isBlank(value, i + w)
            let c = value[i]
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                     UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                     UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                     UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"),
                     UInt8(ascii: "{"), UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            if !YAMLChars.isPrintable(value, i) { specialCharacters = true }
            if YAMLChars.isSpace(value, i) {
                if i == 0 { leadingSpace = true }
                if i + w == value.count { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if YAMLChars.isBreak(value, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == value.count { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = YAMLChars.isBlankZ(value, i)
            i += w
        }
        multiline = lineBreaks
        flowPlainAllowed = true
        blockPlainAllowed = true
        singleQuotedAllowed = true
        blockAllowed = true
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if flowIndicators { flowPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }
}
