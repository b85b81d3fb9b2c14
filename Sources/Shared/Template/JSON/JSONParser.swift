/// Go `encoding/json`'s `Unmarshal` into `interface{}`, with its syntax error texts.
struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    /// Go validates the whole input first, so a number out of range is reported only when the
    /// text has no syntax error.
    private var deferredError: CodecError?
    /// Open arrays and objects. Go's scanner allows 10000; this port stops earlier (see
    /// ``CodecLimits``) with the same message.
    private var depth = 0
    private static let maxDepth = CodecLimits.maxDepth

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func parse(_ text: String) throws(CodecError) -> Value {
        var parser = JSONParser(text)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.position < parser.bytes.count {
            throw parser.invalid("after top-level value")
        }
        if let error = parser.deferredError { throw error }
        return value
    }

    // MARK: - Errors

    private func invalid(_ context: String) -> CodecError {
        guard position < bytes.count else { return Self.unexpectedEnd }
        return CodecError(.jsonSyntax, "invalid character \(Self.quoteChar(bytes[position])) \(context)")
    }

    /// At the end of the input Go's scanner is fed one space, which some states reject.
    private func invalidOrSpace(_ context: String) -> CodecError {
        guard position < bytes.count else {
            return CodecError(.jsonSyntax, "invalid character ' ' \(context)")
        }
        return invalid(context)
    }

    private static let unexpectedEnd = CodecError(.jsonSyntax, "unexpected end of JSON input")

    /// Go's `quoteChar`: the byte as a rune, quoted like a Go character literal.
    static func quoteChar(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: "'") { return "'\\''" }
        if byte == UInt8(ascii: "\"") { return "'\"'" }
        let quoted = GoStrconv.quote(String(Character(Unicode.Scalar(byte))))
        return "'" + quoted.dropFirst().dropLast() + "'"
    }

    // MARK: - Values

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func value() throws(CodecError) -> Value {
        guard let c = current else { throw Self.unexpectedEnd }
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw invalid("looking for beginning of value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(CodecError) {
        let expected = Array(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
        for (i, byte) in expected.enumerated() where i > 0 {
            position += 1
            if current != byte {
                throw invalidOrSpace("in literal \(word) (expecting \(Self.quoteChar(byte)))")
            }
        }
        position += 1
    }

    private mutating func enter() throws(CodecError) {
        depth += 1
        if depth > Self.maxDepth { throw invalid("exceeded max depth") }
    }

    private mutating func object() throws(CodecError) -> Value {
        try enter()
        defer { depth -= 1 }
        position += 1
        var map: [String: Value] = [:]
        skipSpace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .map(map)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw invalid("looking for beginning of object key string") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw invalid("after object key") }
            position += 1
            skipSpace()
            map[key] = try value()
            skipSpace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipSpace()
            case UInt8(ascii: "}"):
                position += 1
                return .map(map)
            default:
                throw invalid("after object key:value pair")
            }
        }
    }

    private mutating func array() throws(CodecError) -> Value {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [Value] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .list(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipSpace()
            case UInt8(ascii: "]"):
                position += 1
                return .list(items)
            default:
                throw invalid("after array element")
            }
        }
    }

    private mutating func digits() -> Int {
        let start = position
        while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    private mutating func number() throws(CodecError) -> Value {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            guard let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else {
                throw invalidOrSpace("in numeric literal")
            }
        }
        if current == UInt8(ascii: "0") { position += 1 } else { _ = digits() }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw invalidOrSpace("after decimal point in numeric literal") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw invalidOrSpace("in exponent of numeric literal") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            if deferredError == nil {
                deferredError = CodecError(.jsonDecode, "json: cannot unmarshal number \(text) into Go value of type float64")
            }
            return .float64(0)
        }
        return .float64(value)
    }

    private mutating func hex4() throws(CodecError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw invalidOrSpace("in \\u hexadecimal character escape") }
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw invalid("in \\u hexadecimal character escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func string() throws(CodecError) -> String {
        position += 1
        var out: [UInt8] = []
        var runStart = position
        while true {
            guard let c = current else { throw Self.unexpectedEnd }
            switch c {
            case UInt8(ascii: "\""):
                out += bytes[runStart..<position]
                position += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                out += bytes[runStart..<position]
                position += 1
                guard let e = current else { throw invalidOrSpace("in string escape code") }
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e); position += 1
                case UInt8(ascii: "b"): out.append(0x08); position += 1
                case UInt8(ascii: "f"): out.append(0x0C); position += 1
                case UInt8(ascii: "n"): out.append(0x0A); position += 1
                case UInt8(ascii: "r"): out.append(0x0D); position += 1
                case UInt8(ascii: "t"): out.append(0x09); position += 1
                case UInt8(ascii: "u"):
                    position += 1
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate combines with a following \u low surrogate.
                        let save = position
                        if current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                            position += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = save
                                code = 0xFFFD
                            }
                        } else {
                            code = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(code) {
                        code = 0xFFFD
                    }
                    UTF8.encode(Unicode.Scalar(code) ?? "\u{FFFD}") { out.append($0) }
                default:
                    throw invalid("in string escape code")
                }
                runStart = position
            case 0..<0x20:
                throw invalid("in string literal")
            default:
                position += 1
            }
        }
    }
}
