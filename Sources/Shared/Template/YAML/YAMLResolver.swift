/// gopkg.in/yaml.v2's scalar resolution (`resolve.go`): YAML 1.1 booleans, nulls, octal/hex/binary
/// integers, floats, timestamps and the merge key.
enum YAMLResolver {
    static let strTag = "tag:yaml.org,2002:str"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let nullTag = "tag:yaml.org,2002:null"
    static let timestampTag = "tag:yaml.org,2002:timestamp"
    static let binaryTag = "tag:yaml.org,2002:binary"
    static let mergeTag = "tag:yaml.org,2002:merge"

    /// The fixed spellings of `resolveMap`.
    private static let fixed: [String: (tag: String, value: GoYAML)] = {
        var map: [String: (tag: String, value: GoYAML)] = [:]
        let table: [(String, GoYAML, [String])] = [
            (boolTag, .bool(true), ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]),
            (boolTag, .bool(false), ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]),
            (nullTag, .null, ["", "~", "null", "Null", "NULL"]),
            (floatTag, .float(.nan), [".nan", ".NaN", ".NAN"]),
            (floatTag, .float(.infinity), [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]),
            (floatTag, .float(-.infinity), ["-.inf", "-.Inf", "-.INF"]),
            (mergeTag, .string("<<"), ["<<"]),
        ]
        for (tag, value, spellings) in table {
            for spelling in spellings { map[spelling] = (tag, value) }
        }
        return map
    }()

    static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    private static func resolvable(_ tag: String) -> Bool {
        switch tag {
        case "", strTag, boolTag, intTag, floatTag, nullTag, timestampTag: true
        default: false
        }
    }

    /// `resolve(tag, in)`: the resolved tag and value of a scalar. Throws yaml.v2's
    /// ``cannot decode !!str `x` as a !!int`` when an explicit tag does not fit.
    static func resolve(tag: String, _ text: String) throws(CodecError) -> (tag: String, value: GoYAML) {
        guard resolvable(tag) else { return (tag, .string(text)) }
        var (rtag, value) = implicitResolve(text, tag: tag)
        switch tag {
        case "", rtag, strTag, binaryTag:
            break
        case floatTag where rtag == intTag:
            if case .int(let i) = value {
                rtag = floatTag
                value = .float(Double(i))
            } else {
                throw mismatch(rtag, text, tag)
            }
        default:
            throw mismatch(rtag, text, tag)
        }
        return (rtag, value)
    }

    private static func mismatch(_ rtag: String, _ text: String, _ tag: String) -> CodecError {
        CodecError(.yamlDecode, "yaml: cannot decode \(shortTag(rtag)) `\(text)` as a \(shortTag(tag))")
    }

    private static func implicitResolve(_ text: String, tag: String) -> (String, GoYAML) {
        let utf8 = text.utf8
        let hint: UInt8
        if let first = utf8.first {
            switch first {
            case UInt8(ascii: "+"), UInt8(ascii: "-"): hint = UInt8(ascii: "S")
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hint = UInt8(ascii: "D")
            case UInt8(ascii: "."): hint = UInt8(ascii: ".")
            default:
                hint = "yYnNtTfFoO~".utf8.contains(first) ? UInt8(ascii: "M") : 0
            }
        } else {
            hint = UInt8(ascii: "N")
        }
        guard hint != 0, tag != strTag, tag != binaryTag else { return (strTag, .string(text)) }
        if let item = fixed[text] { return item }
        switch hint {
        case UInt8(ascii: "."):
            if let f = GoNumberParser.parseFloat(text) { return (floatTag, .float(f)) }
        case UInt8(ascii: "D"), UInt8(ascii: "S"):
            if tag == "" || tag == timestampTag, GoTimestamp.isTimestamp(text) {
                return (timestampTag, .string(text))
            }
            let plain = text.utf8.contains(UInt8(ascii: "_"))
                ? String(decoding: text.utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) : text
            switch GoNumberParser.parseInt(plain) {
            case .int(let i): return (intTag, .int(i))
            case .uint(let u): return (intTag, .uint(u))
            case nil: break
            }
            if GoNumberParser.isYAMLStyleFloat(plain), let f = GoNumberParser.parseFloat(plain) {
                return (floatTag, .float(f))
            }
            if plain.hasPrefix("0b") {
                switch GoNumberParser.parseInt(String(plain.dropFirst(2)), radix: 2) {
                case .int(let i): return (intTag, .int(i))
                case .uint(let u): return (intTag, .uint(u))
                case nil: break
                }
            } else if plain.hasPrefix("-0b") {
                if case .int(let i) = GoNumberParser.parseInt("-" + plain.dropFirst(3), radix: 2) {
                    return (intTag, .int(i))
                }
            }
        default:
            break
        }
        return (strTag, .string(text))
    }
}
