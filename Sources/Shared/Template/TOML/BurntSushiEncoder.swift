/// A port of github.com/BurntSushi/toml v1.2.0's encoder for `Value`s.
struct BurntSushiEncoder {
    private(set) var output = ""
    private var hasWritten = false
    private let indentUnit = "  "

    private enum Kind { case hash, arrayHash, other }

    private static let noKey = CodecError(.tomlEncode, "toml: top-level values must be Go maps or structs")
    private static let nilElement = CodecError(.tomlEncode, "toml: cannot encode array with nil element")

    mutating func encodeTop(_ value: Value) throws(CodecError) {
        if case .null = value { throw TOML.nilPanic }
        try encode([], value)
    }

    private mutating func write(_ text: String) {
        output += text
        hasWritten = true
    }

    private mutating func newline() {
        if hasWritten { write("\n") }
    }

    private static func kind(_ value: Value) throws(CodecError) -> Kind? {
        switch value {
        case .null: return nil
        case .map: return .hash
        case .object: return .hash
        case .list(let items):
            guard !items.isEmpty else { return .other }
            var allHashes = true
            for item in items {
                guard let k = try kind(item) else { throw nilElement }
                if k != .hash { allHashes = false }
            }
            return allHashes ? .arrayHash : .other
        default: return .other
        }
    }

    private func indent(_ key: [String]) -> String {
        String(repeating: indentUnit, count: max(key.count - 1, 0))
    }

    private static func keyString(_ key: [String]) -> String {
        key.map(quoted).joined(separator: ".")
    }

    /// `Key.maybeQuoted`.
    private static func quoted(_ piece: String) -> String {
        if piece.isEmpty { return "\"\"" }
        for scalar in piece.unicodeScalars {
            let v = scalar.value
            let bare = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x5F || v == 0x2D
            if !bare { return "\"" + escape(piece) + "\"" }
        }
        return piece
    }

    /// `dblQuotedReplacer`.
    private static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F: out += "\\u" + GoStrconv.hex(scalar.value, 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private mutating func encode(_ key: [String], _ value: Value) throws(CodecError) {
        switch value {
        case .null:
            return
        case .map(let map):
            try table(key, mapEntries(map))
        case .object:
            throw CodecError(.tomlEncode, "toml: cannot encode a Go struct value")
        case .list(let items):
            if try Self.kind(value) == .arrayHash {
                try arrayOfTables(key, items)
            } else {
                try keyValue(key, value, inline: false)
            }
        default:
            try keyValue(key, value, inline: false)
        }
    }

    private mutating func keyValue(_ key: [String], _ value: Value, inline: Bool) throws(CodecError) {
        guard let last = key.last else { throw Self.noKey }
        write(indent(key) + Self.quoted(last) + " = ")
        try element(value)
        if !inline { newline() }
    }

    private mutating func element(_ value: Value) throws(CodecError) {
        switch value {
        case .string(let s): write("\"" + Self.escape(s) + "\"")
        case .bool(let b): write(b ? "true" : "false")
        case .int(let i): write(String(i))
        case .int64(let i): write(String(i))
        case .float64(let f):
            if f.isNaN {
                write("nan")
            } else if f.isInfinite {
                write(f < 0 ? "-inf" : "+inf")
            } else {
                let text = GoFloat.f(f)
                write(text.contains(".") ? text : text + ".0")
            }
        case .strings(let items): try array(items.map(Value.string))
        case .list(let items): try array(items)
        case .map(let map): try mapping([], mapEntries(map), inline: true)
        case .null: throw CodecError(.goPanic, "reflect: call of reflect.Value.Interface on zero Value")
        case .object(let object): throw CodecError(.tomlEncode, "toml: unexpected type: \(object.goTypeName)")
        }
    }

    private mutating func array(_ items: [Value]) throws(CodecError) {
        write("[")
        for (i, item) in items.enumerated() {
            try element(item)
            if i != items.count - 1 { write(", ") }
        }
        write("]")
    }

    private mutating func arrayOfTables(_ key: [String], _ items: [Value]) throws(CodecError) {
        guard !key.isEmpty else { throw Self.noKey }
        for item in items {
            guard case .map(let map) = item else { continue }
            newline()
            write(indent(key) + "[[" + Self.keyString(key) + "]]")
            newline()
            try mapping(key, mapEntries(map), inline: false)
        }
    }

    private mutating func table(_ key: [String], _ map: [String: Value]) throws(CodecError) {
        if key.count == 1 { newline() }
        if !key.isEmpty {
            write(indent(key) + "[" + Self.keyString(key) + "]")
            newline()
        }
        try mapping(key, map, inline: false)
    }

    private mutating func mapping(_ key: [String], _ map: [String: Value], inline: Bool) throws(CodecError) {
        var direct: [String] = [], sub: [String] = []
        for (k, v) in map {
            let kind = try Self.kind(v)
            if kind == .hash || kind == .arrayHash { sub.append(k) } else { direct.append(k) }
        }
        if inline { write("{") }
        try writeKeys(key, map, direct.sorted(by: JSONWriter.byteOrder), trailingComma: !sub.isEmpty, inline: inline)
        try writeKeys(key, map, sub.sorted(by: JSONWriter.byteOrder), trailingComma: false, inline: inline)
        if inline { write("}") }
    }

    private mutating func writeKeys(
        _ key: [String], _ map: [String: Value], _ keys: [String], trailingComma: Bool, inline: Bool
    ) throws(CodecError) {
        for (i, k) in keys.enumerated() {
            let value = map[k]!
            if case .null = value { continue }
            if inline {
                try keyValue([k], value, inline: true)
                if trailingComma || i != keys.count - 1 { write(", ") }
            } else {
                try encode(key + [k], value)
            }
        }
    }
}
