import Foundation
import KFModels
import Testing

/// The tenancy matrix: 3 tenants × 3 roles (plus the platform admin) × every tenant-scoped
/// endpoint, against a real `kubefate-api`. A member with enough role gets the endpoint's normal
/// answer, a member with too little role 403 naming role and tenant, a non-member 404 with the
/// same body as a resource that does not exist.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct TenancyMatrixIntegrationTests {
    /// One endpoint applied to a tenant's resources.
    struct Probe: Sendable {
        var name: String
        var method: String
        var path: @Sendable (TenantWorld.TenantData) -> String
        var body: @Sendable (TenantWorld.TenantData) -> String? = { _ in nil }
        /// The role needed; nil = platform admin only.
        var required: Role?
        /// The status a permitted caller gets (the world's state makes mutations refuse harmlessly).
        var allowed: Int
        /// The path with the resource id replaced by an unknown one, when the id is in the path.
        var missing: (@Sendable () -> String)?
    }

    static let unknownID = "00000000-0000-4000-8000-000000000000"

    static let probes: [Probe] = [
        Probe(name: "describe cluster", method: "GET", path: { "/v1/cluster/\($0.clusterID)" }, required: .viewer, allowed: 200,
              missing: { "/v1/cluster/\(unknownID)" }),
        Probe(name: "get job", method: "GET", path: { "/v1/job/\($0.pendingJobID)" }, required: .viewer, allowed: 200,
              missing: { "/v1/job/\(unknownID)" }),
        // No Kubernetes is configured for the test API: a permitted caller reaches the 503.
        Probe(name: "cluster logs", method: "GET", path: { "/v1/log/\($0.clusterID)" }, required: .viewer, allowed: 503,
              missing: { "/v1/log/\(unknownID)" }),
        Probe(name: "get tenant", method: "GET", path: { "/v1/tenant/\($0.name)" }, required: .viewer, allowed: 200),
        // Stopping a canceled job: permitted callers reach the state check (409).
        Probe(name: "stop job", method: "PUT", path: { "/v1/job/\($0.canceledJobID)?jobStatus=stop" }, required: .operator, allowed: 409,
              missing: { "/v1/job/\(unknownID)?jobStatus=stop" }),
        // Deleting a pending job: permitted callers are told to stop it first (409).
        Probe(name: "delete job", method: "DELETE", path: { "/v1/job/\($0.pendingJobID)" }, required: .operator, allowed: 409,
              missing: { "/v1/job/\(unknownID)" }),
        // The cluster is held by its pending install job: 409 naming it.
        Probe(name: "delete cluster", method: "DELETE", path: { "/v1/cluster/\($0.clusterID)" }, required: .operator, allowed: 409,
              missing: { "/v1/cluster/\(unknownID)" }),
        Probe(name: "update cluster", method: "PUT", path: { _ in "/v1/cluster" },
              body: { TenantWorld.installBody(name: "b-\($0.name)", namespace: $0.namespace) }, required: .operator, allowed: 409),
        Probe(name: "install cluster", method: "POST", path: { _ in "/v1/cluster" },
              body: { TenantWorld.installBody(name: "b-\($0.name)", namespace: $0.namespace) }, required: .operator, allowed: 409),
        Probe(name: "set member", method: "PUT", path: { "/v1/tenant/\($0.name)/member/\($0.name)-viewer" },
              body: { _ in #"{"role":"viewer"}"# }, required: .admin, allowed: 200),
        Probe(name: "set quotas", method: "PUT", path: { "/v1/tenant/\($0.name)" }, body: { _ in #"{"jobQuota":null}"# },
              required: nil, allowed: 200),
        // The tenant still owns its namespace.
        Probe(name: "delete tenant", method: "DELETE", path: { "/v1/tenant/\($0.name)" }, required: nil, allowed: 409),
    ]

    /// What `caller` (nil = platform admin) must get from `probe` on tenant `target`.
    static func expected(_ probe: Probe, caller: (tenant: String, role: Role)?, target: String) -> Int {
        guard let caller else { return probe.allowed }
        guard caller.tenant == target else { return 404 }
        guard let required = probe.required else { return 403 }
        return caller.role.allows(required) ? probe.allowed : 403
    }

    @Test func everyRoleOfEveryTenantGetsAllowed404Or403OnEveryEndpoint() async throws {
        try await TenantWorld.with { world in
            var callers: [(username: String, caller: (tenant: String, role: Role)?)] = [("admin", nil)]
            for tenant in world.tenants {
                for role in Role.allCases { callers.append(("\(tenant.name)-\(role)", (tenant.name, role))) }
            }
            for (username, caller) in callers {
                let token = try #require(world.tokens[username])
                for target in world.tenants {
                    for probe in Self.probes {
                        let want = Self.expected(probe, caller: caller, target: target.name)
                        let got = try await world.call(probe.method, probe.path(target), token: token, body: probe.body(target))
                        #expect(got.status == want, "\(username) → \(probe.name) on \(target.name): \(got.body)")
                        if want == 403, let role = caller?.role, probe.required != nil {
                            #expect(got.error?.hasPrefix("role \(role) in tenant \(target.name) cannot") == true, "\(got.body)")
                        }
                        if want == 404, let missing = probe.missing {
                            let absent = try await world.call(probe.method, missing(), token: token, body: probe.body(target))
                            #expect(absent.status == 404)
                            #expect(absent.body == got.body, "\(probe.name): another tenant's resource must look missing")
                        }
                    }
                }
            }
            try await world.expectNoSecretsAnswered()
        }
    }

    @Test func listsShowOnlyTheCallersTenants() async throws {
        try await TenantWorld.with { world in
            for tenant in world.tenants {
                for role in Role.allCases {
                    let token = try #require(world.tokens["\(tenant.name)-\(role)"])
                    let clusters = try #require(try await world.call("GET", "/v1/cluster/", token: token).list)
                    #expect(clusters.map { $0["uuid"] as? String } == [tenant.clusterID])
                    let all = try #require(try await world.call("GET", "/v1/cluster?all=true", token: token).list)
                    #expect(all.count == 2 && all.allSatisfy { $0["tenant"] as? String == tenant.uuid })
                    let jobs = try #require(try await world.call("GET", "/v1/job/", token: token).list)
                    #expect(Set(jobs.compactMap { $0["uuid"] as? String }) == [tenant.pendingJobID, tenant.canceledJobID])
                    let namespaces = try #require(try await world.call("GET", "/v1/namespace/", token: token).list)
                    #expect(namespaces.map { $0["Name"] as? String } == [tenant.namespace])
                    #expect(namespaces.first?["Status"] as? String == "Active")
                    #expect(namespaces.first?.keys.contains("Labels") == true && namespaces.first?.keys.contains("Age") == true)
                    let tenants = try #require(try await world.call("GET", "/v1/tenant/", token: token).list)
                    #expect(tenants.map { $0["name"] as? String } == [tenant.name])
                    let users = try #require(try await world.call("GET", "/v1/user/", token: token).list)
                    #expect(users.map { $0["username"] as? String } == ["\(tenant.name)-\(role)"])
                }
            }
            #expect(try await world.call("GET", "/v1/user/", token: world.adminToken).list?.count == 10)
            let clusters = try #require(try await world.call("GET", "/v1/cluster", token: world.adminToken).list)
            #expect(Set(clusters.compactMap { $0["uuid"] as? String }) == Set(world.tenants.map(\.clusterID)))
            let tenants = try #require(try await world.call("GET", "/v1/tenant", token: world.adminToken).list)
            #expect(Set(tenants.compactMap { $0["name"] as? String }) == ["default", "t1", "t2", "t3"])
            let namespaces = try #require(try await world.call("GET", "/v1/namespace", token: world.adminToken).list)
            #expect(namespaces.compactMap { $0["Name"] as? String } == ["ns-t1", "ns-t2", "ns-t3"])
            try await world.expectNoSecretsAnswered()
        }
    }

    @Test func platformAdminEndpointsRefuseEveryTenantRole() async throws {
        try await TenantWorld.with { world in
            let victim = try #require(world.userIDs["t2-viewer"])
            for tenant in world.tenants {
                for role in Role.allCases {
                    let username = "\(tenant.name)-\(role)"
                    let token = try #require(world.tokens[username])
                    let attempts: [(String, String, String?)] = [
                        ("POST", "/v1/tenant", #"{"name":"mine"}"#),
                        ("POST", "/v1/namespace", #"{"name":"grab","tenant":"\#(tenant.name)"}"#),
                        ("DELETE", "/v1/namespace/\(tenant.namespace)", nil),
                        ("POST", "/v1/user", #"{"username":"sneaky","password":"sneaky-password"}"#),
                        ("DELETE", "/v1/user/\(victim)", nil),
                    ]
                    for (method, path, body) in attempts {
                        let got = try await world.call(method, path, token: token, body: body)
                        #expect(got.status == 403, "\(username) \(method) \(path): \(got.body)")
                        #expect(got.error?.contains("not a platform admin") == true)
                    }
                    if username != "t2-viewer" {
                        #expect(try await world.call("GET", "/v1/user/\(victim)", token: token).status == 404)
                        #expect(try await world.call("PUT", "/v1/user/\(victim)", token: token, body: #"{"email":"x@y"}"#).status == 404)
                    }
                }
            }
            #expect(try await world.call("GET", "/v1/namespace/", token: world.adminToken).list?.count == 3, "nothing was granted")
        }
    }
}
