/// Go `encoding/json`'s encoder for `Value`s.
struct JSONWriter {
    let escapeHTML: Bool
    let indent: String?
    private var buffer: [UInt8] = []
    private var depth = 0

    var output: String { String(decoding: buffer, as: UTF8.self) }

    init(escapeHTML: Bool, indent: String?) {
        self.escapeHTML = escapeHTML
        self.indent = indent
    }

    /// Go compares map keys as byte strings.
    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    mutating func write(_ value: Value) throws(CodecError) {
        switch value {
        case .null: emit("null")
        case .bool(let b): emit(b ? "true" : "false")
        case .int(let i): emit(String(i))
        case .int64(let i): emit(String(i))
        case .float64(let f): emit(try Self.number(f))
        case .string(let s): writeString(s)
        case .strings(let items):
            try writeArray(items.count) { (writer: inout JSONWriter, i: Int) throws(CodecError) in
                writer.writeString(items[i])
            }
        case .list(let items):
            try writeArray(items.count) { (writer: inout JSONWriter, i: Int) throws(CodecError) in
                try writer.write(items[i])
            }
        case .map(let map):
            let keys = map.keys.sorted(by: Self.byteOrder)
            if keys.isEmpty {
                emit("{}")
                return
            }
            emit("{")
            depth += 1
            for (i, key) in keys.enumerated() {
                if i > 0 { emit(",") }
                newline()
                writeString(key)
                emit(indent == nil ? ":" : ": ")
                try write(map[key]!)
            }
            depth -= 1
            newline()
            emit("}")
        case .object(let object):
            throw CodecError(.jsonEncode, "json: unsupported type: \(object.goTypeName)")
        }
    }

    private mutating func writeArray(
        _ count: Int, _ element: (inout JSONWriter, Int) throws(CodecError) -> Void
    ) throws(CodecError) {
        if count == 0 {
            emit("[]")
            return
        }
        emit("[")
        depth += 1
        for i in 0..<count {
            if i > 0 { emit(",") }
            newline()
            try element(&self, i)
        }
        depth -= 1
        newline()
        emit("]")
    }

    private mutating func newline() {
        guard let indent else { return }
        emit("\n")
        for _ in 0..<depth { emit(indent) }
    }

    /// Go's `floatEncoder`: `'f'` format, or `'e'` below 1e-6 and from 1e21, with `e-07` → `e-7`.
    static func number(_ f: Double) throws(CodecError) -> String {
        guard f.isFinite else {
            throw CodecError(.jsonEncode, "json: unsupported value: \(GoFloat.g(f))")
        }
        let magnitude = abs(f)
        guard magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 else { return GoFloat.f(f) }
        var text = Array(GoFloat.e(f).utf8)
        let n = text.count
        if n >= 4, text[n - 4] == UInt8(ascii: "e"), text[n - 3] == UInt8(ascii: "-"), text[n - 2] == UInt8(ascii: "0") {
            text[n - 2] = text[n - 1]
            text.removeLast()
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func emit(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    mutating func writeString(_ s: String) {
        var bytes = buffer
        buffer = []
        defer { buffer = bytes }
        bytes.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x3C where escapeHTML, 0x3E where escapeHTML, 0x26 where escapeHTML:
                bytes += Array("\\u00".utf8) + [Self.hex[Int(scalar.value >> 4)], Self.hex[Int(scalar.value & 0xF)]]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + [Self.hex[Int(scalar.value >> 4)], Self.hex[Int(scalar.value & 0xF)]]
            case 0x2028, 0x2029:
                bytes += Array("\\u202".utf8) + [Self.hex[Int(scalar.value & 0xF)]]
            default:
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
