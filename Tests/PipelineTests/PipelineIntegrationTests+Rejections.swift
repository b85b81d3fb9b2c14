import Foundation
import KFModels
import Testing

extension PipelineIntegrationTests {
    @Test("malformed or oversized bodies get 400 naming the field; bad tokens 401; nothing is written")
    func rejectedRequestsWriteNothing() async throws {
        try await Self.withStack { stack in
            try await stack.startAPI(environment: ["KUBEFATE_API_MAX_BODY": "4096"])
            let valid = PipelineStack.installBody(name: "ok", namespace: "fate-8", spec: "")
            func body(_ change: (inout [String: Any]) -> Void) throws -> [UInt8] {
                var object = try #require(try JSONSerialization.jsonObject(with: Data(valid)) as? [String: Any])
                change(&object)
                return Array(try JSONSerialization.data(withJSONObject: object))
            }
            let badRequests: [(field: String, body: [UInt8])] = [
                ("body", Array("{\"name\": ".utf8)),
                ("body", []),
                ("data", try body { $0["data"] = "%%% not base64 %%%" }),
                ("data", try body { $0["data"] = Data("- a\n- list\n".utf8).base64EncodedString() }),
                ("name", try body { $0["name"] = "Not_A_DNS_Label" }),
                ("namespace", try body { $0.removeValue(forKey: "namespace") }),
                ("chart_version", try body { $0["chart_version"] = 11 }),
                ("body", try body { $0["data"] = Data(String(repeating: "x: 1\n", count: 2000).utf8).base64EncodedString() }),
            ]
            for request in badRequests {
                let response = try await stack.http.request("POST", stack.url("/v1/cluster"), body: request.body, token: stack.token)
                #expect(response.status == 400, "\(request.field): \(response.status) \(response.text)")
                #expect(response.text.contains(request.field), "400 body does not name \(request.field): \(response.text)")
            }

            var forged = stack.token.split(separator: ".").map(String.init)
            let claims = #"{"id":"root","exp":4102444800,"orig_iat":0}"#
            forged[1] = Data(claims.utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
            let badTokens: [String?] = [nil, "garbage", forged.joined(separator: ".")]
            for token in badTokens {
                let response = try await stack.http.request("POST", stack.url("/v1/cluster"), body: valid, token: token)
                #expect(response.status == 401, "token \(token ?? "none"): \(response.status) \(response.text)")
                #expect(response.json["code"] as? Int == 401 && response.json["message"] is String, "\(response.text)")
                let list = try await stack.http.request("GET", stack.url("/v1/job"), token: token)
                #expect(list.status == 401)
            }

            #expect(try await stack.count("jobs") == 0)
            #expect(try await stack.count("clusters") == 0)
            #expect(try await stack.count("outbox") == 0)
            #expect(try await stack.count("sub_jobs") == 0)
            // The valid request is accepted, so the rejections above were about the bodies and tokens.
            let accepted = try await stack.http.request("POST", stack.url("/v1/cluster"), body: valid, token: stack.token)
            #expect(accepted.status == 200, "\(accepted.text)")
            #expect(try await stack.count("jobs") == 1)
        }
    }
}
