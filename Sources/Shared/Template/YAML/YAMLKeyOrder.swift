/// gopkg.in/yaml.v2's `keyList.Less`: the order in which `Marshal` writes map keys. Numbers
/// (and bools) sort numerically before strings; strings compare "naturally": digit runs by
/// value, a letter after a non-letter.
enum YAMLKeyOrder {
    /// `reflect.Kind` numbers, which decide between keys of different kinds.
    private static func kind(_ key: GoYAMLKey) -> Int {
        switch key {
        case .bool: 1
        case .int: 2
        case .uint: 11
        case .float: 14
        case .null: 20
        case .string: 24
        }
    }

    private static func number(_ key: GoYAMLKey) -> Double? {
        switch key {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .float(let f): f
        case .null, .string: nil
        }
    }

    static func less(_ a: GoYAMLKey, _ b: GoYAMLKey) -> Bool {
        if let af = number(a), let bf = number(b) {
            if af != bf { return af < bf }
            if kind(a) != kind(b) { return kind(a) < kind(b) }
            switch (a, b) {
            case (.int(let x), .int(let y)): return x < y
            case (.uint(let x), .uint(let y)): return x < y
            case (.float(let x), .float(let y)): return x < y
            case (.bool(let x), .bool(let y)): return !x && y
            default: return false
            }
        }
        guard case .string(let x) = a, case .string(let y) = b else { return kind(a) < kind(b) }
        return less(x, y)
    }

    static func less(_ a: String, _ b: String) -> Bool {
        less(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// `keys` sorted with `less` (each key decoded to scalars once).
    static func sorted<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        keys.map { ($0, Array($0.unicodeScalars)) }.sorted { less($0.1, $1.1) }.map(\.0)
    }

    static func less(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < ar.count && i < br.count {
            defer { i += 1 }
            if ar[i] == br[i] { continue }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// Go's `unicode.IsLetter` (categories Lu, Ll, Lt, Lm, Lo).
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            return (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit` (category Nd).
    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.value >= 0x30 && s.value <= 0x39 }
        return s.properties.generalCategory == .decimalNumber
    }
}
