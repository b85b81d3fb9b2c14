import KFModels

/// One operation of the OpenAPI document: method, path (Hummingbird's `{param}` syntax, which is
/// OpenAPI's), and what it takes and answers. Schemas are referenced by component name.
struct OpenAPIOperation: Sendable {
    enum Body: Sendable {
        /// `application/json` with the named schema.
        case json(String)
        /// `multipart/form-data` with a binary field `file`.
        case chartUpload
    }

    struct Query: Sendable {
        var name: String
        var type: String
        var description: String
    }

    /// A header of the success (2xx) responses.
    struct ResponseHeader: Sendable {
        var name: String
        var description: String
    }

    var method: String
    var path: String
    var summary: String
    var tag: String
    var authenticated = true
    var query: [Query] = []
    var body: Body?
    var headers: [String] = []
    /// Status code → (description, schema name or nil; `text:` prefix for a non-JSON type).
    var responses: [(status: Int, description: String, schema: String?)]
    var responseHeaders: [ResponseHeader] = []

    /// The path parameters (`{name}` segments).
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    var json: JSONValue {
        var parameters: [JSONValue] = pathParameters.map { name in
            .object(["name": .string(name), "in": .string("path"), "required": .bool(true), "schema": .object(["type": .string("string")])])
        }
        parameters += query.map { q in
            .object(["name": .string(q.name), "in": .string("query"), "required": .bool(false), "description": .string(q.description),
                     "schema": .object(["type": .string(q.type)])])
        }
        parameters += headers.map { name in
            .object(["name": .string(name), "in": .string("header"), "required": .bool(false),
                     "description": .string("A retry with the same key and request answers the first response (422 with another request)."),
                     "schema": .object(["type": .string("string"), "maxLength": .number(255)])])
        }
        var operation: [String: JSONValue] = [
            "summary": .string(summary),
            "tags": .array([.string(tag)]),
            "operationId": .string(operationID),
            "responses": .object(Dictionary(uniqueKeysWithValues: responses.map { response in
                var answer = Self.response(response.description, schema: response.schema)
                if (200..<300).contains(response.status), !responseHeaders.isEmpty, case .object(var fields) = answer {
                    fields["headers"] = .object(Dictionary(uniqueKeysWithValues: responseHeaders.map { header in
                        (header.name, .object(["description": .string(header.description), "schema": .object(["type": .string("string")])]))
                    }))
                    answer = .object(fields)
                }
                return (String(response.status), answer)
            })),
        ]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        operation["security"] = authenticated ? .array([.object(["bearerAuth": .array([])])]) : .array([])
        switch body {
        case .json(let schema)?:
            operation["requestBody"] = .object(["required": .bool(true), "content": .object([
                "application/json": .object(["schema": Self.ref(schema)]),
            ])])
        case .chartUpload?:
            operation["requestBody"] = .object(["required": .bool(true), "content": .object([
                "multipart/form-data": .object(["schema": .object([
                    "type": .string("object"), "required": .array([.string("file")]),
                    "properties": .object(["file": .object(["type": .string("string"), "format": .string("binary"),
                                                            "description": .string("the chart package (.tgz from `helm package`)")])]),
                ])]),
            ])])
        case nil:
            break
        }
        return .object(operation)
    }

    /// `get_v1_chart_chartId`-style unique id.
    var operationID: String {
        let cleaned = path.split(separator: "/").map { $0.filter { $0.isLetter || $0.isNumber || $0 == "_" } }.joined(separator: "_")
        return method.lowercased() + "_" + (cleaned.isEmpty ? "root" : cleaned)
    }

    static func ref(_ schema: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(schema)")])
    }

    static func response(_ description: String, schema: String?) -> JSONValue {
        guard let schema else { return .object(["description": .string(description)]) }
        if schema.hasPrefix("text:") {
            return .object(["description": .string(description), "content": .object([
                String(schema.dropFirst(5)): .object(["schema": .object(["type": .string("string")])]),
            ])])
        }
        return .object(["description": .string(description), "content": .object(["application/json": .object(["schema": ref(schema)])])])
    }
}
