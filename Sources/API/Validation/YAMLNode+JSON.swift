import Foundation
import KFModels

extension YAMLNode {
    /// The document as JSON, resolving plain scalars as yaml.v2 does for KubeFATE's `Spec`: null,
    /// booleans (`true`/`false`/`yes`/`no`/`on`/`off` in their three casings), numbers (always
    /// doubles, as Go's `map[string]interface{}` holds them), everything else a string. Mapping keys
    /// become strings; a collection used as a key is an error.
    func json() throws(YAMLError) -> JSONValue {
        switch self {
        case .scalar(let text, let plain):
            return plain ? Self.resolvePlain(text) : .string(text)
        case .sequence(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try item.json()) }
            return .array(out)
        case .mapping(let pairs):
            var out: [String: JSONValue] = [:]
            for pair in pairs {
                guard case .scalar(let key, _) = pair.key else {
                    throw YAMLError(message: "a \(pair.key.kindName) cannot be a mapping key", line: 0, column: 0)
                }
                out[key] = try pair.value.json()
            }
            return .object(out)
        }
    }

    static func resolvePlain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        default: break
        }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    /// Decimal integers and floats (`[-+]?digits[.digits][e[-+]digits]`, underscores allowed) and
    /// `0x` hexadecimal integers.
    private static func number(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if body.hasPrefix("0x") {
            return UInt64(body.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16).map { sign * Double($0) }
        }
        let cleaned = body.replacingOccurrences(of: "_", with: "")
        guard let first = cleaned.first, first.isNumber || first == "." else { return nil }
        let allowed = cleaned.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+") }
        guard allowed, cleaned.contains(where: \.isNumber), let value = Double(cleaned) else { return nil }
        return sign * value
    }
}
