import Foundation
import KFModels
import Testing
@testable import API

/// The OpenAPI document at `/v1/openapi.json` matches the router and is a structurally valid
/// OpenAPI 3.0 document.
struct OpenAPITests {
    private static func routeKeys() throws -> Set<String> {
        let router = APIServer.buildRouter(try OfflineDependencies.make())
        return Set(router.routes.map { "\($0.method.rawValue) \(Self.normalized("\($0.path)"))" })
    }

    /// Leading slash, no trailing slash.
    private static func normalized(_ path: String) -> String {
        var path = path.hasPrefix("/") ? path : "/" + path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() throws {
        let routes = try Self.routeKeys()
        let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
        #expect(routes.subtracting(documented).sorted() == [], "routes missing from the OpenAPI document")
        #expect(documented.subtracting(routes).sorted() == [], "documented operations without a route")
        #expect(documented.count == OpenAPIDocument.operations.count, "an operation is documented twice")
    }

    @Test func documentIsStructurallyValidOpenAPI3() throws {
        let data = Data(try OpenAPIDocument.json())
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.0.") == true)
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var operationIDs: Set<String> = []
        for (path, item) in paths {
            #expect(path.hasPrefix("/"), "path \(path)")
            for (method, value) in item {
                #expect(["get", "put", "post", "delete", "patch", "head", "options"].contains(method))
                let operation = try #require(value as? [String: Any])
                let id = try #require(operation["operationId"] as? String)
                #expect(operationIDs.insert(id).inserted, "duplicate operationId \(id)")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path) has no responses")
                #expect(!responses.isEmpty)
                let declared = Set(((operation["parameters"] as? [[String: Any]]) ?? [])
                    .filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                let inPath = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(declared == inPath, "\(method) \(path): path parameters \(declared) vs \(inPath)")
            }
        }
        // Every $ref resolves to a component schema.
        for ref in Self.references(in: document) {
            let name = try #require(ref.split(separator: "/").last.map(String.init))
            #expect(ref.hasPrefix("#/components/schemas/") && schemas[name] != nil, "unresolved \(ref)")
        }
    }

    private static func references(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap { references(in: $0) }
        }
        if let array = value as? [Any] { return array.flatMap { references(in: $0) } }
        return []
    }
}

/// The document passes `openapi-spec-validator` (Python; `pip install openapi-spec-validator`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct OpenAPIValidatorIntegrationTests {
    @Test func documentPassesOpenAPISpecValidator() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubefate-openapi-\(UUID().uuidString).json")
        try Data(try OpenAPIDocument.json()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys
            from openapi_spec_validator import validate
            validate(json.load(open(sys.argv[1])))
            print("valid")
            """, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openapi-spec-validator (pip install openapi-spec-validator): \(text)")
    }
}
