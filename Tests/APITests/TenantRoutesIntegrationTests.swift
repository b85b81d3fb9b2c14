import Foundation
import KFModels
import Testing

/// Tenants, memberships, namespaces, quotas, cluster and job endpoints and bad input, against a
/// real `kubefate-api`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct TenantRoutesIntegrationTests {
    @Test func quotasRefuseWith429AndWriteNothing() async throws {
        try await TenantWorld.with { world in
            let admin = world.adminToken
            let created = try await world.call("POST", "/v1/tenant", token: admin, body: #"{"name":"q","clusterQuota":1}"#)
            #expect(created.status == 200 && created.object?["msg"] as? String == "createTenant Success")
            #expect(created.data?["clusterQuota"] as? Int == 1)
            #expect(created.data?.keys.contains("jobQuota") == true && created.data?["jobQuota"] is NSNull)
            #expect(try await world.call("POST", "/v1/namespace", token: admin, body: #"{"name":"ns-q","tenant":"q"}"#).status == 200)

            let first = try await world.call("POST", "/v1/cluster", token: admin, body: TenantWorld.installBody(name: "c1", namespace: "ns-q"))
            #expect(first.status == 200)
            let firstJob = try #require(first.data?["uuid"] as? String)
            let over = try await world.call("POST", "/v1/cluster", token: admin, body: TenantWorld.installBody(name: "c2", namespace: "ns-q"))
            #expect(over.status == 429)
            #expect(over.error == "tenant q has 1 of 1 clusters (cluster quota)")

            let swapped = try await world.call("PUT", "/v1/tenant/q", token: admin, body: #"{"clusterQuota":null,"jobQuota":1}"#)
            #expect(swapped.status == 200 && swapped.data?["clusterQuota"] is NSNull && swapped.data?["jobQuota"] as? Int == 1)
            let busy = try await world.call("POST", "/v1/cluster", token: admin, body: TenantWorld.installBody(name: "c2", namespace: "ns-q"))
            #expect(busy.status == 429)
            #expect(busy.error == "tenant q has 1 of 1 active jobs (job quota)")
            let all = try #require(try await world.call("GET", "/v1/cluster/?all=true", token: admin).list)
            #expect(all.filter { $0["namespaces"] as? String == "ns-q" }.count == 1, "refused installs wrote nothing")

            #expect(try await world.call("PUT", "/v1/job/\(firstJob)?jobStatus=stop", token: admin).status == 200)
            let afterStop = try await world.call("POST", "/v1/cluster", token: admin, body: TenantWorld.installBody(name: "c2", namespace: "ns-q"))
            #expect(afterStop.status == 200)

            let badQuota = try await world.call("PUT", "/v1/tenant/q", token: admin, body: #"{"clusterQuota":-1}"#)
            #expect(badQuota.status == 400 && badQuota.object?["field"] as? String == "clusterQuota")
        }
    }

    @Test func badInstallInputIsA4xxNamingTheProblemAndWritesNothing() async throws {
        try await TenantWorld.with { world in
            let op = try #require(world.tokens["t1-operator"])
            func jobCount() async throws -> Int { try await world.call("GET", "/v1/job", token: world.adminToken).list?.count ?? -1 }
            let before = try await jobCount()
            let notBase64 = #"{"name":"x1","namespace":"ns-t1","chart_name":"fate","chart_version":"v1.11.2","data":"%%%"}"#
            let b64 = try await world.call("POST", "/v1/cluster", token: op, body: notBase64)
            #expect(b64.status == 400 && b64.object?["field"] as? String == "data")
            let yaml = try await world.call("POST", "/v1/cluster", token: op,
                                            body: TenantWorld.installBody(name: "x1", namespace: "ns-t1", data: "name: x1\nlist: [1, 2\n"))
            #expect(yaml.status == 400 && yaml.object?["field"] as? String == "data")
            let foreign = try await world.call("POST", "/v1/cluster", token: op, body: TenantWorld.installBody(name: "x1", namespace: "ns-t2"))
            #expect(foreign.status == 404 && foreign.error == "namespace ns-t2 not found")
            let unowned = try await world.call("POST", "/v1/cluster", token: op, body: TenantWorld.installBody(name: "x1", namespace: "free"))
            #expect(unowned.status == 404 && unowned.error == "namespace free not found")
            let missingUpdate = try await world.call("PUT", "/v1/cluster/", token: op, body: TenantWorld.installBody(name: "nope", namespace: "ns-t1"))
            #expect(missingUpdate.status == 404)
            #expect(try await jobCount() == before)
            #expect(try await world.call("GET", "/v1/namespace", token: world.adminToken).list?.count == 3)

            // A platform admin may use an unowned namespace: it is granted to the default tenant.
            let adminInstall = try await world.call("POST", "/v1/cluster/", token: world.adminToken,
                                                    body: TenantWorld.installBody(name: "x1", namespace: "free"))
            #expect(adminInstall.status == 200)
            let namespaces = try #require(try await world.call("GET", "/v1/namespace/", token: world.adminToken).list)
            #expect(namespaces.first { $0["Name"] as? String == "free" }?["Tenant"] as? String == "default")
        }
    }

    @Test func clusterAndJobEndpointsAnswerKubefateShapes() async throws {
        try await TenantWorld.with { world in
            let t = world.tenants[0]
            let op = try #require(world.tokens["t1-operator"])
            let described = try await world.call("GET", "/v1/cluster/\(t.clusterID)", token: op)
            #expect(described.status == 200 && described.object?["msg"] as? String == "getCluster Success")
            #expect(described.data?["namespaces"] as? String == "ns-t1" && described.data?["name"] as? String == "b-t1")
            #expect(described.data?["status"] as? String == "Pending")
            let list = try await world.call("GET", "/v1/cluster", token: op)
            #expect(list.object?["msg"] as? String == "getClusterList Success")
            let paged = try await world.call("GET", "/v1/job/?limit=1&offset=1", token: op)
            #expect(paged.list?.map { $0["uuid"] as? String } == [t.canceledJobID], "newest first, one per page")
            #expect(try await world.call("GET", "/v1/job/?limit=0", token: op).status == 400)
            #expect(try await world.call("GET", "/v1/cluster/?offset=-1", token: op).status == 400)

            let deleted = try await world.call("DELETE", "/v1/job/\(t.canceledJobID)", token: op)
            #expect(deleted.status == 200 && deleted.object?["msg"] as? String == "delete Job Success")
            #expect(try await world.call("GET", "/v1/job/\(t.canceledJobID)", token: op).status == 404)
            let busy = try await world.call("DELETE", "/v1/cluster/\(t.clusterID)", token: op)
            #expect(busy.status == 409 && busy.object?["job_id"] as? String == t.pendingJobID)

            #expect(try await world.call("PUT", "/v1/job/\(t.pendingJobID)?jobStatus=stop", token: op).status == 200)
            // The canceled install deleted its cluster: describe and delete now answer 404.
            #expect(try await world.call("GET", "/v1/cluster/\(t.clusterID)", token: op).status == 404)
            #expect(try await world.call("DELETE", "/v1/cluster/\(t.clusterID)", token: op).status == 404)

            let installed = try await world.call("POST", "/v1/cluster", token: op, body: TenantWorld.installBody(name: "c-t1", namespace: "ns-t1"))
            let install = try #require(installed.data)
            let clusterID = try #require(install["cluster_id"] as? String)
            #expect(try await world.call("PUT", "/v1/job/\(install["uuid"] as? String ?? "")?jobStatus=stop", token: op).status == 200)
            let again = try await world.call("POST", "/v1/cluster", token: op, body: TenantWorld.installBody(name: "c-t1", namespace: "ns-t1"))
            let id = try #require(again.data?["cluster_id"] as? String)
            #expect(id != clusterID)
            _ = try await world.call("PUT", "/v1/job/\(again.data?["uuid"] as? String ?? "")?jobStatus=stop", token: op)

            let logs = try await world.call("GET", "/v1/log/\(t.clusterID)", token: op)
            #expect(logs.status == 404 && logs.error == "get Cluster error, record not found")
        }
    }

    @Test func logsNeedAConfiguredKubernetesAndValidParameters() async throws {
        try await TenantWorld.with { world in
            let t = world.tenants[0]
            let viewer = try #require(world.tokens["t1-viewer"])
            let unavailable = try await world.call("GET", "/v1/log/\(t.clusterID)?container=python", token: viewer)
            #expect(unavailable.status == 503)
            #expect(unavailable.error?.contains("KUBECONFIG") == true)
            let badTail = try await world.call("GET", "/v1/log/\(t.clusterID)?tail=ten", token: viewer)
            #expect(badTail.status == 400 && badTail.object?["field"] as? String == "tail")
            let badSince = try await world.call("GET", "/v1/log/\(t.clusterID)?since=1.5", token: viewer)
            #expect(badSince.status == 400 && badSince.object?["field"] as? String == "since")
        }
    }

    @Test func tenantMembershipAndNamespaceManagement() async throws {
        try await TenantWorld.with { world in
            let admin = world.adminToken
            #expect(try await world.call("POST", "/v1/tenant", token: admin, body: #"{"name":"t1"}"#).status == 409)
            #expect(try await world.call("POST", "/v1/tenant", token: admin, body: #"{"name":"bad name"}"#).status == 400)
            #expect(try await world.call("POST", "/v1/tenant", token: admin, body: #"{}"#).object?["field"] as? String == "name")
            let byUUID = try await world.call("GET", "/v1/tenant/\(world.tenants[0].uuid)", token: admin)
            #expect(byUUID.status == 200 && byUUID.data?["name"] as? String == "t1")
            #expect(try await world.call("GET", "/v1/tenant/nope", token: admin).error == "tenant nope not found")

            // A tenant admin manages members of their tenant only.
            let t1Admin = try #require(world.tokens["t1-admin"])
            let promote = try await world.call("PUT", "/v1/tenant/t1/member/t1-viewer", token: t1Admin, body: #"{"role":"operator"}"#)
            #expect(promote.status == 200 && promote.data?["role"] as? String == "operator")
            let viewer = try await world.api.token(username: "t1-viewer", password: TenantWorld.password)
            #expect(try await world.call("PUT", "/v1/job/\(world.tenants[0].canceledJobID)?jobStatus=stop", token: viewer).status == 409,
                    "the new role applies to the next request")
            #expect(try await world.call("PUT", "/v1/tenant/t1/member/t1-viewer", token: t1Admin, body: #"{"role":"owner"}"#)
                .object?["field"] as? String == "role")
            #expect(try await world.call("PUT", "/v1/tenant/t1/member/ghost", token: t1Admin, body: #"{"role":"viewer"}"#).status == 404)
            #expect(try await world.call("DELETE", "/v1/tenant/t1/member/ghost", token: t1Admin).error == "user ghost is not a member of tenant t1")
            let removed = try await world.call("DELETE", "/v1/tenant/t1/member/t1-viewer", token: t1Admin)
            #expect(removed.status == 200)
            #expect(try await world.call("GET", "/v1/cluster/\(world.tenants[0].clusterID)", token: viewer).status == 404,
                    "a removed member no longer sees the tenant")

            // Namespaces: one owner; not removable while live clusters are in it; tenants not deletable while owning one.
            let taken = try await world.call("POST", "/v1/namespace", token: admin, body: #"{"name":"ns-t1","tenant":"t2"}"#)
            #expect(taken.status == 409)
            #expect(try await world.call("POST", "/v1/namespace", token: admin, body: #"{"name":"Bad_NS","tenant":"t2"}"#).status == 400)
            #expect(try await world.call("POST", "/v1/namespace", token: admin, body: #"{"name":"ns-x","tenant":"nope"}"#).status == 404)
            #expect(try await world.call("DELETE", "/v1/namespace/ns-t3", token: admin).status == 409)
            #expect(try await world.call("DELETE", "/v1/tenant/t3", token: admin).status == 409)
            _ = try await world.call("PUT", "/v1/job/\(world.tenants[2].pendingJobID)?jobStatus=stop", token: admin)
            let released = try await world.call("DELETE", "/v1/namespace/ns-t3", token: admin)
            #expect(released.status == 200 && released.object?["msg"] as? String == "deleteNamespace Success")
            #expect(try await world.call("DELETE", "/v1/namespace/ns-t3", token: admin).status == 404)
            #expect(try await world.call("DELETE", "/v1/tenant/t3", token: admin).status == 200)
            #expect(try await world.call("GET", "/v1/tenant/t3", token: admin).status == 404)
            #expect(try await world.call("DELETE", "/v1/tenant/default", token: admin).status == 409)
        }
    }

    @Test func bothPathSpellingsAnswer() async throws {
        try await TenantWorld.with { world in
            let token = try #require(world.tokens["t2-viewer"])
            for path in ["/v1/cluster", "/v1/job", "/v1/namespace", "/v1/tenant", "/v1/user", "/v1/version"] {
                #expect(try await world.call("GET", path, token: token).status == 200, "\(path)")
                #expect(try await world.call("GET", path + "/", token: token).status == 200, "\(path)/")
            }
            let t = world.tenants[1]
            #expect(try await world.call("GET", "/v1/cluster/\(t.clusterID)/", token: token).status == 200)
            #expect(try await world.call("GET", "/v1/job/\(t.pendingJobID)/", token: token).status == 200)
        }
    }
}
