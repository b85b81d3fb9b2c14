import Foundation
import KFModels
import Testing
@testable import API

/// Tokens, logout, login rate limiting, user management and secrets, against a real `kubefate-api`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct AuthIntegrationTests {
    /// Every protected route (method, path), ids from the world.
    static func protectedRoutes(_ world: TenantWorld) -> [(String, String)] {
        let t = world.tenants[0]
        let user = world.userIDs["t1-viewer"] ?? ""
        return [
            ("GET", "/v1/version"), ("GET", "/v1/cluster/"), ("GET", "/v1/cluster/\(t.clusterID)"), ("POST", "/v1/cluster"),
            ("PUT", "/v1/cluster"), ("DELETE", "/v1/cluster/\(t.clusterID)"), ("GET", "/v1/job/"), ("GET", "/v1/job/\(t.pendingJobID)"),
            ("PUT", "/v1/job/\(t.pendingJobID)?jobStatus=stop"), ("DELETE", "/v1/job/\(t.pendingJobID)"), ("GET", "/v1/log/\(t.clusterID)"),
            ("GET", "/v1/namespace/"), ("POST", "/v1/namespace"), ("DELETE", "/v1/namespace/\(t.namespace)"), ("GET", "/v1/tenant/"),
            ("POST", "/v1/tenant"), ("GET", "/v1/tenant/t1"), ("PUT", "/v1/tenant/t1"), ("DELETE", "/v1/tenant/t1"),
            ("PUT", "/v1/tenant/t1/member/t1-viewer"), ("DELETE", "/v1/tenant/t1/member/t1-viewer"), ("GET", "/v1/user/"),
            ("POST", "/v1/user"), ("GET", "/v1/user/\(user)"), ("PUT", "/v1/user/\(user)"), ("DELETE", "/v1/user/\(user)"),
        ]
    }

    static let signingKey = Array("integration-test-key-0123456789abcdef".utf8)

    @Test func forgedExpiredLoggedOutAndOrphanedTokensAreRefusedEverywhere() async throws {
        try await TenantWorld.with { world in
            let good = try await world.api.token(username: "t1-admin", password: TenantWorld.password)
            let parts = good.split(separator: ".")
            let forged = "\(parts[0]).\(parts[1]).\(parts[2].hasPrefix("A") ? "B" : "A")\(parts[2].dropFirst())"
            let otherKey = JWTSigner(key: Array("another-key-another-key-another-key!".utf8)).sign(username: "admin").token
            let expired = JWTSigner(key: Self.signingKey, lifetime: .seconds(60)).sign(username: "admin", now: Date() - 3600).token
            let loggedOut = try await world.api.token()
            let logout = try await world.call("POST", "/v1/user/logout", token: loggedOut)
            #expect(logout.status == 200 && logout.object?["code"] as? Int == 200)
            // A token of a user that no longer exists.
            let ghost = try await world.api.token(username: "t3-viewer", password: TenantWorld.password)
            let ghostID = try #require(world.userIDs["t3-viewer"])
            #expect(try await world.call("DELETE", "/v1/user/\(ghostID)", token: world.adminToken).status == 200)

            let bad: [(String, String?, String)] = [
                ("missing", nil, "auth header is empty"), ("forged", forged, "signature is invalid"),
                ("other key", otherKey, "signature is invalid"), ("expired", expired, "Token is expired"),
                ("logged out", loggedOut, "token has been revoked"), ("deleted user", ghost, "user t3-viewer does not exist"),
            ]
            for (method, path) in Self.protectedRoutes(world) {
                for (what, token, message) in bad {
                    let got = try await world.call(method, path, token: token, body: "{}")
                    #expect(got.status == 401, "\(what) token on \(method) \(path): \(got.body)")
                    #expect(got.object?["code"] as? Int == 401)
                    #expect(got.object?["message"] as? String == message)
                    #expect(got.object?.keys.sorted() == ["code", "message"])
                }
            }
            #expect(try await world.call("GET", "/v1/job/", token: good).status == 200, "other tokens stay valid")
            // Query-string tokens are not accepted.
            #expect(try await world.call("GET", "/v1/job/?token=\(good)", token: nil).status == 401)
            // Logout without a token is KubeFATE's no-op.
            #expect(try await world.call("POST", "/v1/user/logout", token: nil).status == 200)
        }
    }

    @Test func repeatedFailedLoginsAreRateLimited() async throws {
        let api = try await APIProcess.start()
        do {
            for _ in 0..<5 {
                let wrong = try await api.send("POST", "/v1/user/login", body: #"{"username":"admin","password":"wrong-password"}"#)
                #expect(wrong.status == 401)
            }
            let limited = try await api.send("POST", "/v1/user/login", body: #"{"username":"admin","password":"\#(api.adminPassword)"}"#)
            #expect(limited.status == 429)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(limited.body.utf8)) as? [String: Any])
            #expect(body["code"] as? Int == 429)
            #expect((body["message"] as? String)?.hasPrefix("too many failed logins for admin") == true)
            // Another username from the same address is not affected.
            #expect(try await api.send("POST", "/v1/user/login", body: #"{"username":"nobody","password":"x"}"#).status == 401)
        } catch {
            _ = try? await api.stop()
            throw error
        }
        #expect(try await api.stop() == 0)
    }

    @Test func userManagementKeepsKubefateShapesWithoutItsHoles() async throws {
        try await TenantWorld.with { world in
            let admin = world.adminToken
            let created = try await world.call("POST", "/v1/user/", token: admin,
                                               body: #"{"username":"carol","password":"carol-password","email":"carol@example.com"}"#)
            #expect(created.status == 200)
            #expect(created.object?["msg"] as? String == "createCluster Success")
            let carol = try #require(created.data)
            let carolID = try #require(carol["uuid"] as? String)
            #expect(carol["username"] as? String == "carol" && carol["email"] as? String == "carol@example.com")
            #expect(carol["userStatus"] as? String == "Available")
            #expect(carol["password"] == nil && carol["salt"] == nil)

            let duplicate = try await world.call("POST", "/v1/user", token: admin, body: #"{"username":"carol","password":"carol-password"}"#)
            #expect(duplicate.status == 409 && duplicate.error == "User is existed.")
            let short = try await world.call("POST", "/v1/user", token: admin, body: #"{"username":"dave","password":"short"}"#)
            #expect(short.status == 400 && short.object?["field"] as? String == "password")
            let badName = try await world.call("POST", "/v1/user", token: admin, body: #"{"username":"d a v e","password":"long-enough"}"#)
            #expect(badName.status == 400 && badName.object?["field"] as? String == "username")
            let notJSON = try await world.call("POST", "/v1/user", token: admin, body: "{")
            #expect(notJSON.status == 400 && notJSON.object?["field"] as? String == "body")
            let badStatus = try await world.call("POST", "/v1/user", token: admin,
                                                 body: #"{"username":"erin","password":"long-enough","userStatus":"Gone"}"#)
            #expect(badStatus.status == 400 && badStatus.object?["field"] as? String == "userStatus")

            let carolToken = try await world.api.token(username: "carol", password: "carol-password")
            let me = try await world.call("GET", "/v1/user/\(carolID)", token: carolToken)
            #expect(me.status == 200 && me.object?["msg"] as? String == "getUser Success")
            let promote = try await world.call("PUT", "/v1/user/\(carolID)", token: carolToken, body: #"{"admin":true}"#)
            #expect(promote.status == 403)
            let changed = try await world.call("PUT", "/v1/user/\(carolID)", token: carolToken, body: #"{"password":"carol-new-password"}"#)
            #expect(changed.status == 200 && changed.object?["msg"] as? String == "setUser Success")
            _ = try await world.api.token(username: "carol", password: "carol-new-password")
            let deprecated = try await world.call("PUT", "/v1/user/\(carolID)", token: admin, body: #"{"userStatus":"Deprecate"}"#)
            #expect(deprecated.data?["userStatus"] as? String == "Deprecate")

            let adminID = try #require(try await world.call("GET", "/v1/user/", token: admin).list?
                .first { $0["username"] as? String == "admin" }?["uuid"] as? String)
            #expect(try await world.call("DELETE", "/v1/user/\(adminID)", token: admin).status == 409)
            let deleted = try await world.call("DELETE", "/v1/user/\(carolID)", token: admin)
            #expect(deleted.status == 200 && deleted.object?["msg"] as? String == "deleteUser Success")
            #expect(try await world.call("GET", "/v1/user/\(carolID)", token: admin).status == 404)
            #expect(try await world.call("DELETE", "/v1/user/\(carolID)", token: admin).status == 404)
            #expect(try await world.call("GET", "/v1/job/", token: carolToken).status == 401)

            // No answer of this test (nor of building the world) carries a hash or a salt.
            try await world.expectNoSecretsAnswered()
        }
    }
}
