import Foundation
import Testing
import KFDatabase
import KFModels

/// The v2 tenancy schema through the repositories: quotas enforced inside the submit transaction,
/// revoked tokens, principal loading, tenant and namespace deletion rules, job deletion.
@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct TenancyIntegrationTests {
    @Test func quotasAreCheckedInTheSubmitTransactionAndRefuseWithoutWriting() async throws {
        try await withTestDatabase { db, _ async throws in
            let tenant = try await db.users.createTenant(name: "q", clusterQuota: 2, jobQuota: nil)
            #expect(tenant.clusterQuota == 2 && tenant.jobQuota == nil)
            func install(_ name: String) async throws -> Job {
                try await db.jobs.submit(JobSubmission(.install(installArgs(name, namespace: "ns-q"), spec: nil), creator: "u", tenant: tenant.uuid))
            }
            // Concurrent installs: the tenant row lock lets exactly two through.
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<5 { group.addTask { (try? await install("c\(i)")) != nil } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 2)
            await #expect(throws: KubefateError(.quotaExceeded, "tenant q has 2 of 2 clusters (cluster quota)", context: [.tenant: "q"])) {
                try await install("c9")
            }
            #expect(try await db.jobs.clusters(ClusterFilter(tenants: [tenant.uuid], includeDeleted: true)).count == 2)

            _ = try await db.users.setQuotas(tenantID: tenant.uuid, clusterQuota: nil, jobQuota: 2)
            await #expect(throws: KubefateError(.quotaExceeded, "tenant q has 2 of 2 active jobs (job quota)", context: [.tenant: "q"])) {
                try await install("c9")
            }
            let first = try #require(try await db.jobs.jobs(JobFilter(tenants: [tenant.uuid])).last)
            _ = try await db.jobs.requestStop(jobID: first.uuid)
            _ = try await install("c9")
        }
    }

    @Test func principalRecordCarriesMembershipsAndRevocation() async throws {
        try await withTestDatabase { db, _ async throws in
            _ = try await db.users.createUser(username: "pat", passwordHash: "h", salt: "s")
            let red = try await db.users.createTenant(name: "red", clusterQuota: 3, jobQuota: 1)
            try await db.users.setMembership(username: "pat", tenantID: red.uuid, role: .operator)
            let record = try await db.users.principal(username: "pat", tokenID: "jti-1")
            #expect(record.user?.username == "pat" && !record.revoked)
            #expect(record.memberships == [Membership(tenant: red, role: .operator)])
            try await db.users.revokeToken("jti-1", expiresAt: Date().addingTimeInterval(600))
            try await db.users.revokeToken("jti-1", expiresAt: Date().addingTimeInterval(600))
            #expect(try await db.users.principal(username: "pat", tokenID: "jti-1").revoked)
            let revoked = try await db.users.isRevoked(tokenID: "jti-1"), other = try await db.users.isRevoked(tokenID: "jti-2")
            #expect(revoked && !other)
            #expect(try await db.users.principal(username: "ghost", tokenID: "jti-2").user == nil)
        }
    }

    @Test func tenantsAndNamespacesAreOnlyRemovedWhenEmpty() async throws {
        try await withTestDatabase { db, _ async throws in
            let red = try await db.users.createTenant(name: "red")
            let blue = try await db.users.createTenant(name: "blue")
            try await db.users.grantNamespace("ns-red", tenantID: red.uuid)
            try await db.users.grantNamespace("ns-red", tenantID: red.uuid)
            await #expect(throws: KubefateError.self) { try await db.users.grantNamespace("ns-red", tenantID: blue.uuid) }
            #expect(try await db.users.ownedNamespaces(tenants: [blue.uuid]).isEmpty)
            #expect(try await db.users.ownedNamespaces(tenants: nil).map(\.name) == ["ns-red"])
            let job = try await db.jobs.submit(JobSubmission(.install(installArgs("c1", namespace: "ns-red"), spec: nil), creator: "u", tenant: red.uuid))
            await #expect(throws: KubefateError.self) { try await db.users.deleteNamespace("ns-red") }
            await #expect(throws: KubefateError.self) { try await db.users.deleteTenant(uuid: red.uuid) }
            _ = try await db.jobs.requestStop(jobID: job.uuid)
            let released = try await db.users.deleteNamespace("ns-red"), again = try await db.users.deleteNamespace("ns-red")
            #expect(released && !again)
            #expect(try await db.users.deleteTenant(uuid: red.uuid))
            #expect(try await db.users.tenant(uuid: red.uuid) == nil)
        }
    }

    @Test func onlyFinishedJobsCanBeDeletedAndInfoIsReadDefensively() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            await #expect(throws: KubefateError.self) { try await db.jobs.deleteJob(uuid: job.uuid) }
            _ = try await db.jobs.requestStop(jobID: job.uuid)
            try await db.jobs.deleteJob(uuid: job.uuid)
            #expect(try await db.jobs.job(uuid: job.uuid) == nil)
            await #expect(throws: KubefateError(.notFound, "record not found", context: [.job: job.uuid])) {
                try await db.jobs.deleteJob(uuid: job.uuid)
            }
            // Without the v3 migration there is no `clusters.info` column: nil, not an error.
            #expect(try await db.jobs.clusterInfo(uuid: job.clusterID) == nil)
        }
    }
}
