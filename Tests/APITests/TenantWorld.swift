import Foundation
import KFDatabase
import KFModels
import Testing

/// An answer with its body parsed (nil when not JSON).
struct Answer: Sendable {
    var status: Int
    var body: String

    var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] }
    var data: [String: Any]? { object?["data"] as? [String: Any] }
    var list: [[String: Any]]? { object?["data"] as? [[String: Any]] }
    var error: String? { object?["error"] as? String }
}

/// Every body the API answered during a test, to check afterwards that none leaks a secret.
actor BodyLog {
    private(set) var bodies: [String] = []
    func append(_ body: String) { bodies.append(body) }
}

/// Three tenants `t1`…`t3`, each owning namespace `ns-tN`, with users `tN-viewer`, `tN-operator`,
/// `tN-admin` holding those roles, a canceled install job (cluster `a-tN`, gone) and a live cluster
/// `b-tN` held by a pending install job (no worker runs). Built through the API by the admin.
struct TenantWorld: Sendable {
    struct TenantData: Sendable {
        var name: String
        var uuid: String
        var namespace: String
        var clusterID: String
        var pendingJobID: String
        var canceledJobID: String
    }

    static let password = "member-password-1"
    let api: APIProcess
    let log = BodyLog()
    let adminToken: String
    let tenants: [TenantData]
    /// Tokens by username.
    let tokens: [String: String]
    /// User uuids by username.
    let userIDs: [String: String]

    static func installBody(name: String, namespace: String, data: String? = nil) -> String {
        let spec = data ?? "name: \(name)\nnamespace: \(namespace)\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n"
        let encoded = Data(spec.utf8).base64EncodedString()
        return #"{"name":"\#(name)","namespace":"\#(namespace)","chart_name":"fate","chart_version":"v1.11.2","cover":false,"data":"\#(encoded)"}"#
    }

    func call(_ method: String, _ path: String, token: String?, body: String? = nil) async throws -> Answer {
        let (status, text) = try await api.send(method, path, token: token, body: body)
        await log.append(text)
        return Answer(status: status, body: text)
    }

    static func build(_ api: APIProcess) async throws -> TenantWorld {
        let admin = try await api.token()
        func must(_ method: String, _ path: String, _ body: String? = nil) async throws -> [String: Any] {
            let (status, text) = try await api.send(method, path, token: admin, body: body)
            guard status == 200, let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                throw WorldError("\(method) \(path) answered \(status): \(text)")
            }
            return object
        }
        var tenants: [TenantData] = []
        var tokens: [String: String] = ["admin": admin]
        var userIDs: [String: String] = [:]
        for i in 1...3 {
            let name = "t\(i)", namespace = "ns-t\(i)"
            let tenant = try await must("POST", "/v1/tenant", #"{"name":"\#(name)"}"#)
            let uuid = try #require((tenant["data"] as? [String: Any])?["uuid"] as? String)
            _ = try await must("POST", "/v1/namespace", #"{"name":"\#(namespace)","tenant":"\#(name)"}"#)
            for role in Role.allCases {
                let username = "\(name)-\(role)"
                let user = try await must("POST", "/v1/user", #"{"username":"\#(username)","password":"\#(password)"}"#)
                userIDs[username] = try #require((user["data"] as? [String: Any])?["uuid"] as? String)
                _ = try await must("PUT", "/v1/tenant/\(name)/member/\(username)", #"{"role":"\#(role)"}"#)
            }
            let first = try await must("POST", "/v1/cluster", installBody(name: "a-\(name)", namespace: namespace))
            let canceled = try #require((first["data"] as? [String: Any])?["uuid"] as? String)
            _ = try await must("PUT", "/v1/job/\(canceled)?jobStatus=stop")
            let second = try await must("POST", "/v1/cluster", installBody(name: "b-\(name)", namespace: namespace))
            let job = try #require(second["data"] as? [String: Any])
            tenants.append(TenantData(name: name, uuid: uuid, namespace: namespace,
                                      clusterID: try #require(job["cluster_id"] as? String),
                                      pendingJobID: try #require(job["uuid"] as? String), canceledJobID: canceled))
        }
        for username in userIDs.keys {
            tokens[username] = try await api.token(username: username, password: password)
        }
        return TenantWorld(api: api, adminToken: admin, tenants: tenants, tokens: tokens, userIDs: userIDs)
    }

    /// Checks every answer logged so far: none contains a stored password hash or salt, nor a
    /// `password`/`salt`/`password_hash` key.
    func expectNoSecretsAnswered() async throws {
        let database = Database(config: try api.databaseConfig)
        let secrets = try await database.pool.query("SELECT password_hash, salt FROM users").flatMap { [try $0.string(0), try $0.string(1)] }
        await database.shutdown()
        #expect(!secrets.isEmpty)
        for body in await log.bodies {
            #expect(!secrets.contains { body.contains($0) }, "a response leaks a hash or salt: \(body.prefix(200))")
            let keys = Self.keys(in: (try? JSONSerialization.jsonObject(with: Data(body.utf8))) ?? [:])
            #expect(!keys.contains("password") && !keys.contains("salt") && !keys.contains("password_hash"), "\(body.prefix(200))")
        }
    }

    /// Every object key anywhere in a parsed JSON document.
    static func keys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys(in: $1.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: []) { $0.formUnion(keys(in: $1)) } }
        return []
    }

    /// Starts an API, builds the world, runs `body`, stops the API (dropping its database).
    static func with(_ body: (TenantWorld) async throws -> Void) async throws {
        let api = try await APIProcess.start()
        do {
            try await body(try await build(api))
        } catch {
            _ = try? await api.stop()
            throw error
        }
        #expect(try await api.stop() == 0)
    }
}

struct WorldError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
