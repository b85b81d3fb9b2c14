import Foundation
import KFModels

/// A validated `POST /v1/cluster` body (KubeFATE's `ClusterArgs`): every field checked, `data`
/// base64-decoded and parsed as a YAML mapping.
struct ClusterRequest: Sendable, Equatable {
    var name: String
    var namespace: String
    var chartName: String
    var chartVersion: String
    var cover: Bool
    var keepUpgradeJob: Bool
    /// The decoded `data` bytes: the cluster spec text (YAML or JSON) as sent.
    var data: [UInt8]
    /// `data` parsed.
    var spec: YAMLNode
    /// `spec` as JSON (stored as the cluster's `Spec`).
    var specJSON: JSONValue

    /// The arguments as stored with the job (`meta_data`).
    var args: ClusterArgs {
        ClusterArgs(name: name, namespace: namespace, chartName: chartName, chartVersion: chartVersion,
                    cover: cover, data: data, keepUpgradeJob: keepUpgradeJob)
    }
}

/// Checks a cluster request body field by field; every failure is a 400 naming the field.
struct ClusterRequestValidator: Sendable {
    /// Largest decoded `data` accepted.
    var maxDataBytes: Int

    func validate(body: [UInt8]) throws(APIError) -> ClusterRequest {
        guard !body.isEmpty else { throw APIError.invalid("body", "request body is empty; expected a JSON object") }
        let object: [String: JSONValue]
        do {
            guard case .object(let decoded) = try JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
                throw APIError.invalid("body", "request body must be a JSON object")
            }
            object = decoded
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalid("body", "request body is not valid JSON")
        }
        let fields = Fields(object)
        let name = try fields.requiredString("name")
        try Self.checkDNSLabel(name, field: "name", maxLength: 53)
        let namespace = try fields.requiredString("namespace")
        try Self.checkDNSLabel(namespace, field: "namespace", maxLength: 63)
        let chartName = try fields.requiredString("chart_name")
        try Self.checkToken(chartName, field: "chart_name", maxLength: 36)
        let chartVersion = try fields.requiredString("chart_version")
        try Self.checkToken(chartVersion, field: "chart_version", maxLength: 32)
        let cover = try fields.bool("cover")
        let keep = try fields.bool("Keep_upgrade_job")
        let encoded = try fields.requiredString("data")
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters).map(Array.init),
              encoded.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=\r\n".contains($0)) })
        else { throw APIError.invalid("data", "data must be base64 (the cluster spec, e.g. base64 of cluster.yaml)") }
        guard !data.isEmpty else { throw APIError.invalid("data", "data is empty; expected the cluster spec") }
        guard data.count <= maxDataBytes else {
            throw APIError.invalid("data", "data decodes to \(data.count) bytes; the limit is \(maxDataBytes)")
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw APIError.invalid("data", "data must decode to UTF-8 text (YAML or JSON)")
        }
        let spec: YAMLNode
        do {
            spec = try YAMLNode.parse(data)
        } catch {
            throw APIError.invalid("data", "data is not valid YAML: \(error)")
        }
        guard case .mapping = spec else {
            throw APIError.invalid("data", "data must be a YAML mapping (the cluster spec), got a \(spec.kindName)")
        }
        try Self.crossCheck(spec, key: "name", against: name, field: "name")
        try Self.crossCheck(spec, key: "namespace", against: namespace, field: "namespace")
        try Self.crossCheck(spec, key: "chartName", against: chartName, field: "chart_name")
        try Self.crossCheck(spec, key: "chartVersion", against: chartVersion, field: "chart_version")
        let json: JSONValue
        do {
            json = try spec.json()
        } catch {
            throw APIError.invalid("data", "data cannot be read as a cluster spec: \(error.message)")
        }
        return ClusterRequest(name: name, namespace: namespace, chartName: chartName, chartVersion: chartVersion,
                              cover: cover, keepUpgradeJob: keep, data: data, spec: spec, specJSON: json)
    }

    /// KubeFATE labels every object with the spec's `name` and waits for them by that label; a spec
    /// that disagrees with the request would wait an hour for nothing, so refuse it now.
    private static func crossCheck(_ spec: YAMLNode, key: String, against value: String, field: String) throws(APIError) {
        guard let inner = spec[key] else { return }
        guard let text = inner.string, text == value else {
            let shown = inner.string.map { "'\($0)'" } ?? "a \(inner.kindName)"
            throw APIError.invalid("data.\(key)", "data.\(key) is \(shown) but \(field) is '\(value)'; they must match")
        }
    }

    /// RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric.
    static func checkDNSLabel(_ value: String, field: String, maxLength: Int) throws(APIError) {
        let bytes = Array(value.utf8)
        func alnum(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) }
        guard bytes.count <= maxLength else {
            throw APIError.invalid(field, "\(field) must be at most \(maxLength) characters, got \(bytes.count)")
        }
        guard let first = bytes.first, let last = bytes.last, alnum(first), alnum(last),
              bytes.allSatisfy({ alnum($0) || $0 == 0x2d })
        else {
            throw APIError.invalid(field, "\(field) '\(value)' must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit")
        }
    }

    /// Chart names and versions: letters, digits, '.', '_', '+', '-'.
    static func checkToken(_ value: String, field: String, maxLength: Int) throws(APIError) {
        guard value.utf8.count <= maxLength else {
            throw APIError.invalid(field, "\(field) must be at most \(maxLength) characters, got \(value.utf8.count)")
        }
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._+-".unicodeScalars.contains($0)) }),
              value.first?.isLetter == true || value.first?.isNumber == true
        else { throw APIError.invalid(field, "\(field) '\(value)' may contain only letters, digits, '.', '_', '+' and '-'") }
    }
}

/// Field lookup with Go's decoding rules: exact key first, then case-insensitive.
private struct Fields {
    let object: [String: JSONValue]

    init(_ object: [String: JSONValue]) {
        self.object = object
    }

    func value(_ key: String) -> JSONValue? {
        if let exact = object[key] { return exact }
        return object.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    func requiredString(_ key: String) throws(APIError) -> String {
        switch value(key) {
        case .string(let text) where !text.isEmpty: return text
        case nil, .null, .string: throw APIError.invalid(key, "\(key) is required")
        case let other?: throw APIError.invalid(key, "\(key) must be a string, got \(other.typeName)")
        }
    }

    func bool(_ key: String) throws(APIError) -> Bool {
        switch value(key) {
        case nil, .null: return false
        case .bool(let flag): return flag
        case let other?: throw APIError.invalid(key, "\(key) must be a boolean, got \(other.typeName)")
        }
    }
}
