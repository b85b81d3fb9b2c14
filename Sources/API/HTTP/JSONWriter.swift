import KFModels

/// Writes JSON into one growing UTF-8 buffer, byte for byte as Foundation's `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` writes the same values: `"`, `\` and control
/// characters escaped (`\b \f \n \r \t`, others `\u00xx`), every other character verbatim, doubles
/// as their shortest `description` without a trailing `.0`, keys of free-form objects sorted by
/// their UTF-8 bytes. Types that write themselves (`JSONWritable`) emit their keys in that order.
///
/// The hot responses (job polling, cluster pages) use it instead of `JSONEncoder`, which builds a
/// tree of boxed values and sorts every object's keys per call.
struct JSONWriter {
    var bytes: [UInt8] = []

    /// Deepest nesting of free-form documents, as `JSONEncoder`'s limit.
    static let maxDepth = 512

    /// Why a value cannot be written.
    struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        var message: String
        var description: String { "cannot write JSON: \(message)" }
    }

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends bytes verbatim (keys, punctuation: the caller's text must already be JSON).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes that are already JSON.
    mutating func append(_ json: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: json)
    }

    mutating func null() { raw("null") }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// A decimal integer.
    mutating func int(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            // The magnitude of Int64.min does not fit in Int64.
            digits(value.magnitude)
        } else {
            digits(UInt64(value))
        }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    private mutating func digits(_ value: UInt64) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes hold the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var v = value, i = buffer.count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0
            bytes.append(contentsOf: buffer[i...])
        }
    }

    /// A double as `JSONEncoder` prints it; NaN and infinities cannot be written.
    mutating func double(_ value: Double) throws(Failure) {
        guard value.isFinite else { throw Failure(message: "\(value) is not a JSON number") }
        // Whole numbers well inside the exactly representable range print as integers (`description`
        // gives `12.0`, shortened to `12`); -0 keeps its sign as `description` does.
        if value == value.rounded(.towardZero), abs(value) < 1e15, !(value == 0 && value.sign == .minus) {
            int(Int64(value))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A quoted, escaped string.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ escaped($0) }) == nil {
            var copy = value
            copy.withUTF8 { escaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` with the characters JSON requires escaped; runs without any are copied whole.
    private mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<text.count {
            let byte = text[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i])) }
            start = i + 1
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            default:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            }
        }
        if start < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...])) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A quoted string or `null`.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// `bytes` in standard base64 with padding, quoted (how `JSONEncoder` writes `Data`, and how
    /// Go writes `[]byte`).
    mutating func base64(_ data: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes.reserveCapacity(bytes.count + (data.count + 2) / 3 * 4 + 1)
        let alphabet = Self.base64Alphabet
        var i = 0
        while i + 3 <= data.count {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
            bytes.append(alphabet[Int(n >> 18 & 63)])
            bytes.append(alphabet[Int(n >> 12 & 63)])
            bytes.append(alphabet[Int(n >> 6 & 63)])
            bytes.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = data.count - i
        if rest > 0 {
            let n = UInt32(data[i]) << 16 | (rest == 2 ? UInt32(data[i + 1]) << 8 : 0)
            bytes.append(alphabet[Int(n >> 18 & 63)])
            bytes.append(alphabet[Int(n >> 12 & 63)])
            bytes.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "="))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// A time as `Timestamp.rfc3339`, quoted, without building the intermediate string.
    mutating func timestamp(_ value: Timestamp) {
        let f = value.fields
        guard (0...9999).contains(f.year) else {
            string(value.rfc3339)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        padded(f.year, 4)
        bytes.append(UInt8(ascii: "-"))
        padded(f.month, 2)
        bytes.append(UInt8(ascii: "-"))
        padded(f.day, 2)
        bytes.append(UInt8(ascii: "T"))
        padded(f.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        padded(f.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        padded(f.second, 2)
        if f.microsecond != 0 {
            bytes.append(UInt8(ascii: "."))
            var fraction = f.microsecond, width = 6
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            padded(fraction, width)
        }
        raw("Z\"")
    }

    /// A time or `null`.
    mutating func timestamp(_ value: Timestamp?) {
        if let value { timestamp(value) } else { null() }
    }

    /// `value` (0 ≤ value < 10^width) in exactly `width` digits.
    private mutating func padded(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// A free-form document, object keys sorted by their UTF-8 bytes.
    mutating func json(_ value: JSONValue) throws(Failure) {
        try json(value, depth: 1)
    }

    private mutating func json(_ value: JSONValue, depth: Int) throws(Failure) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): try double(n)
        case .string(let s): string(s)
        case .array(let elements):
            guard depth < Self.maxDepth else { throw Failure(message: "nested deeper than \(Self.maxDepth)") }
            bytes.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                try json(element, depth: depth + 1)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard depth < Self.maxDepth else { throw Failure(message: "nested deeper than \(Self.maxDepth)") }
            bytes.append(UInt8(ascii: "{"))
            for (i, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                string(member.key)
                bytes.append(UInt8(ascii: ":"))
                try json(member.value, depth: depth + 1)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A value that writes itself.
    mutating func value(_ value: some JSONWritable) throws(Failure) {
        try value.write(to: &self)
    }
}

/// A value with a hand-written JSON form identical to its `Encodable` one under `JSONResponse`'s
/// encoder settings (sorted keys, slashes unescaped); unit tests pin the equality.
protocol JSONWritable {
    func write(to writer: inout JSONWriter) throws(JSONWriter.Failure)
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to writer: inout JSONWriter) throws(JSONWriter.Failure) {
        writer.raw("[")
        for (i, element) in enumerated() {
            if i > 0 { writer.raw(",") }
            try element.write(to: &writer)
        }
        writer.raw("]")
    }
}
