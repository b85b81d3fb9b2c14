/// Sprig 3.2.2 template functions (`sprig.TxtFuncMap()` minus `env`/`expandenv`, random,
/// clock, host and file-system functions).
enum Sprig {
    static let functions: [String: GoFunction] = {
        var f: [String: GoFunction] = [:]
        for part in [strings, lists, dicts, math, conversions, encodings, regexes, reflection,
                     semvers, dates, paths, flow, json] {
            f.merge(part) { _, n in n }
        }
        return f
    }()

    // MARK: shared conversions (spf13/cast v1.4.1 and Sprig's helpers)

    /// `cast.ToInt64`.
    static func toInt64(_ v: Value) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        case .float64(let d): return goFloatToInt(d)
        case .string(let s): return NumberParser.parseInt(s) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// Go's float64 → int64 conversion (truncation; out of range gives the minimum int).
    static func goFloatToInt(_ d: Double) -> Int64 {
        if d.isNaN || d >= 9.223372036854775807e18 || d < -9.223372036854775808e18 { return Int64.min }
        return Int64(d.rounded(.towardZero))
    }

    /// `cast.ToFloat64`.
    static func toFloat64(_ v: Value) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .float64(let d): return d
        case .string(let s): return parseGoFloat(s) ?? 0
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// `strconv.ParseFloat(s, 64)`.
    static func parseGoFloat(_ s: String) -> Double? {
        let lower = s.lowercased()
        let body = lower.hasPrefix("+") || lower.hasPrefix("-") ? String(lower.dropFirst()) : lower
        if ["inf", "infinity"].contains(body) { return lower.hasPrefix("-") ? -.infinity : .infinity }
        if body == "nan" { return .nan }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isHexDigit || "+-.xXpPeE_".contains($0)) }) else { return nil }
        if s.contains("_") && !lower.contains("0x") { return nil }
        return NumberParser.parseFloat(s)
    }

    /// Sprig's `strval`.
    static func strval(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .object(let o): return o.goDescription
        default: return GoFormat.string(v)
        }
    }

    /// Sprig's `strslice`.
    static func strslice(_ v: Value) -> [String] {
        switch v {
        case .strings(let l): return l
        case .list(let l):
            return l.compactMap { if case .null = $0 { return nil }; return strval($0) }
        case .null: return []
        default: return [strval(v)]
        }
    }

    /// The elements of a Go slice value, or nil when it is not a slice.
    static func sliceElements(_ v: Value) -> [Value]? {
        switch v {
        case .list(let l): return l
        case .strings(let l): return l.map { .string($0) }
        default: return nil
        }
    }

    /// Sprig's `empty`.
    static func empty(_ v: Value) -> Bool { !v.isTrue }

    static func str(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return ""
    }

    static func int(_ v: Value) -> Int {
        switch v {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        default: return 0
        }
    }

    static func goMap(_ v: Value) -> GoMap {
        if case .map(let m) = v { return m }
        return GoMap([:])
    }

    /// The Go kind name of a value (`reflect.Kind.String()`).
    static func kindName(_ v: Value) -> String {
        switch v {
        case .null: "invalid"
        case .bool: "bool"
        case .int: "int"
        case .int64: "int64"
        case .float64: "float64"
        case .string: "string"
        case .list, .strings: "slice"
        case .map: "map"
        case .object(let o): o.goKind
        }
    }
}
