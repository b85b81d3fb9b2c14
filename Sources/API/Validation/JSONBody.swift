import Foundation
import Hummingbird
import KFModels

/// A JSON object request body with typed field accessors whose errors name the field (400).
struct JSONBody: Sendable {
    let fields: [String: JSONValue]

    /// Reads and parses the body (at most `limit` bytes); 400 naming `body` when it is not a JSON object.
    static func read(_ request: Request, limit: Int) async throws(APIError) -> JSONBody {
        var request = request
        let bytes = try await request.bytes(limit: limit)
        guard !bytes.isEmpty else { throw APIError.invalid("body", "request body is empty; expected a JSON object") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw APIError.invalid("body", "request body is not valid JSON")
        }
        guard case .object(let fields) = value else { throw APIError.invalid("body", "request body must be a JSON object, got \(value.typeName)") }
        return JSONBody(fields: fields)
    }

    /// A string field; nil when absent or null.
    func string(_ key: String) throws(APIError) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw APIError.invalid(key, "\(key) must be a string, got \(other.typeName)")
        }
    }

    /// A required non-empty string field.
    func requiredString(_ key: String) throws(APIError) -> String {
        guard let s = try string(key), !s.isEmpty else { throw APIError.invalid(key, "\(key) is required") }
        return s
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        switch fields[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw APIError.invalid(key, "\(key) must be a boolean, got \(other.typeName)")
        }
    }

    /// A non-negative integer field: `.absent` when missing, `.null` when null (unlimited quotas).
    func quota(_ key: String) throws(APIError) -> Quota {
        switch fields[key] {
        case nil: return .absent
        case .null?: return .null
        case .number(let n)? where n >= 0 && n <= 1_000_000 && n == n.rounded(): return .value(Int(n))
        case let other?: throw APIError.invalid(key, "\(key) must be null (unlimited) or an integer 0...1000000, got \(other.typeName == "number" ? "\(other)" : other.typeName)")
        }
    }

    enum Quota: Equatable {
        case absent
        case null
        case value(Int)

        /// The quota, keeping `current` when absent.
        func resolved(keeping current: Int?) -> Int? {
            switch self {
            case .absent: current
            case .null: nil
            case .value(let v): v
            }
        }
    }
}
