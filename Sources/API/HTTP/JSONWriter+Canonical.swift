import KFModels

extension JSONWriter {
    /// Writes stored JSON text exactly as `json(try JSONValue.parse(text))` would (keys sorted by
    /// their UTF-8 bytes, the last of duplicate keys kept, strings re-escaped, numbers as doubles)
    /// without building the `JSONValue` tree: members are written in place and reordered only when
    /// an object's keys were out of order. Text that is not JSON goes through `JSONValue.parse`,
    /// which throws its error.
    mutating func canonicalJSON(_ text: String) throws(Failure) {
        let start = bytes.count
        var text = text
        let done = text.withUTF8 { source -> Bool in
            var reader = CanonicalReader(source: source)
            guard reader.value(into: &self, depth: 1), reader.atEnd else { return false }
            return true
        }
        if !done {
            bytes.removeSubrange(start...)
            let value: JSONValue
            do {
                value = try JSONValue.parse(text)
            } catch {
                throw Failure(message: "stored JSON: \(error)")
            }
            try json(value)
        }
    }

    /// Moves what was written after `start` (a `"key":value` member per entry of `members`, in
    /// source order, separated by commas) into key order, keeping the last of equal keys.
    mutating func reorderMembers(from start: Int, _ members: [CanonicalReader.Member]) {
        var order = Array(members.indices)
        order.sort { a, b in
            let ka = members[a].key, kb = members[b].key
            return ka.lexicographicallyPrecedes(kb) || (ka == kb && a < b)
        }
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            let next = position + 1 < order.count ? order[position + 1] : nil
            if let next, members[next].key == members[index].key { continue }
            kept.append(index)
        }
        if kept == Array(members.indices) { return }
        let region = Array(bytes[start...])
        bytes.removeSubrange(start...)
        for (i, index) in kept.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let range = members[index].range
            bytes.append(contentsOf: region[(range.lowerBound - start)..<(range.upperBound - start)])
        }
    }
}

/// A recursive-descent reader of RFC 8259 JSON that writes the canonical form as it goes. Returns
/// false (leaving partial output for the caller to discard) on anything it does not accept.
struct CanonicalReader {
    /// One member of an object being written: its decoded key and where `"key":value` was written.
    struct Member {
        var key: [UInt8]
        var range: Range<Int>
    }

    let source: UnsafeBufferPointer<UInt8>
    var index = 0

    init(source: UnsafeBufferPointer<UInt8>) { self.source = source }

    var atEnd: Bool {
        mutating get {
            skipWhitespace()
            return index == source.count
        }
    }

    mutating func skipWhitespace() {
        while index < source.count {
            switch source[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func value(into w: inout JSONWriter, depth: Int) -> Bool {
        skipWhitespace()
        guard index < source.count else { return false }
        switch source[index] {
        case UInt8(ascii: "{"): return object(into: &w, depth: depth)
        case UInt8(ascii: "["): return array(into: &w, depth: depth)
        case UInt8(ascii: "\""):
            guard let decoded = string() else { return false }
            w.string(decoded)
            return true
        case UInt8(ascii: "t"): return literal("true", into: &w)
        case UInt8(ascii: "f"): return literal("false", into: &w)
        case UInt8(ascii: "n"): return literal("null", into: &w)
        default: return number(into: &w)
        }
    }

    private mutating func literal(_ word: StaticString, into w: inout JSONWriter) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= source.count else { return false }
        for i in 0..<count where source[index + i] != word.utf8Start[i] { return false }
        index += count
        w.raw(word)
        return true
    }

    private mutating func array(into w: inout JSONWriter, depth: Int) -> Bool {
        guard depth < JSONWriter.maxDepth else { return false }
        index += 1
        w.raw("[")
        skipWhitespace()
        if index < source.count, source[index] == UInt8(ascii: "]") {
            index += 1
            w.raw("]")
            return true
        }
        while true {
            guard value(into: &w, depth: depth + 1) else { return false }
            skipWhitespace()
            guard index < source.count else { return false }
            let c = source[index]
            index += 1
            if c == UInt8(ascii: "]") { break }
            guard c == UInt8(ascii: ",") else { return false }
            w.raw(",")
        }
        w.raw("]")
        return true
    }

    private mutating func object(into w: inout JSONWriter, depth: Int) -> Bool {
        guard depth < JSONWriter.maxDepth else { return false }
        index += 1
        w.raw("{")
        skipWhitespace()
        if index < source.count, source[index] == UInt8(ascii: "}") {
            index += 1
            w.raw("}")
            return true
        }
        let start = w.bytes.count
        var members: [Member] = []
        while true {
            skipWhitespace()
            guard index < source.count, source[index] == UInt8(ascii: "\""), let key = string() else { return false }
            skipWhitespace()
            guard index < source.count, source[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if !members.isEmpty { w.raw(",") }
            let memberStart = w.bytes.count
            w.string(key)
            w.raw(":")
            guard value(into: &w, depth: depth + 1) else { return false }
            members.append(Member(key: Array(key.utf8), range: memberStart..<w.bytes.count))
            skipWhitespace()
            guard index < source.count else { return false }
            let c = source[index]
            index += 1
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else { return false }
        }
        w.reorderMembers(from: start, members)
        w.raw("}")
        return true
    }

    /// The string at `index` (which is at its opening quote), unescaped; nil if malformed.
    private mutating func string() -> String? {
        index += 1
        let start = index
        while index < source.count {
            let c = source[index]
            if c == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: source[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { return nil }
            index += 1
        }
        // Escapes: decode the rest byte by byte.
        var out = Array(UnsafeBufferPointer(rebasing: source[start..<index]))
        while index < source.count {
            let c = source[index]
            index += 1
            switch c {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < source.count else { return nil }
                let e = source[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < source.count, source[index] == UInt8(ascii: "\\"), source[index + 1] == UInt8(ascii: "u")
                        else { return nil }
                        index += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    UTF8.encode(unicode) { out.append($0) }
                default: return nil
                }
            default:
                if c < 0x20 { return nil }
                out.append(c)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= source.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = source[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// A number in JSON grammar, written as the double it denotes. Integers of up to 15 digits
    /// print as written (that is how their double prints), anything else goes through `Double`.
    private mutating func number(into w: inout JSONWriter) -> Bool {
        let start = index
        if index < source.count, source[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        guard index < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) else { return false }
        if source[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) { index += 1 }
        }
        var integral = true
        if index < source.count, source[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            let fraction = index
            while index < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) { index += 1 }
            guard index > fraction else { return false }
        }
        if index < source.count, source[index] == UInt8(ascii: "e") || source[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < source.count, source[index] == UInt8(ascii: "+") || source[index] == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while index < source.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) { index += 1 }
            guard index > exponent else { return false }
        }
        let literal = UnsafeBufferPointer(rebasing: source[start..<index])
        if integral, index - digitsStart <= 15 {
            w.append(literal)
            return true
        }
        guard let value = Double(String(decoding: literal, as: UTF8.self)), value.isFinite else { return false }
        do {
            try w.double(value)
        } catch {
            return false
        }
        return true
    }
}
