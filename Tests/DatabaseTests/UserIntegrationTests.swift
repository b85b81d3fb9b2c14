import Foundation
import Testing
import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct UserIntegrationTests {
    @Test func usersAreCreatedFoundAndNeverCarryTheirHash() async throws {
        try await withTestDatabase { db, _ async throws in
            let alice = try await db.users.createUser(username: "alice", passwordHash: "h1", salt: "s1", email: "a@example.com")
            #expect(alice.username == "alice" && alice.email == "a@example.com" && !alice.isAdmin)
            await #expect(throws: KubefateError(.conflict, "User is existed.", context: [.field: "username"])) {
                try await db.users.createUser(username: "alice", passwordHash: "h", salt: "s")
            }
            #expect(try await db.users.user(username: "alice") == alice)
            #expect(try await db.users.user(uuid: alice.uuid) == alice)
            let creds = try #require(try await db.users.credentials(username: "alice"))
            #expect(creds.passwordHash == "h1" && creds.salt == "s1" && creds.user == alice)
            #expect(try await db.users.setPassword(username: "alice", passwordHash: "h2", salt: "s2"))
            #expect(try await db.users.credentials(username: "alice")?.passwordHash == "h2")
            let json = String(decoding: try JSONEncoder().encode(alice), as: UTF8.self)
            #expect(!json.contains("h1") && !json.contains("s1") && !json.contains("password"))
            #expect(try await db.users.deleteUser(uuid: alice.uuid))
            #expect(try await db.users.user(username: "alice") == nil)
        }
    }

    @Test func ensureAdminIsIdempotentAndKeepsAnExistingPassword() async throws {
        try await withTestDatabase { db, _ async throws in
            async let a = db.users.ensureAdmin(username: "admin", passwordHash: "first", salt: "salt")
            async let b = db.users.ensureAdmin(username: "admin", passwordHash: "second", salt: "salt")
            let (x, y) = try await (a, b)
            #expect(x.uuid == y.uuid && x.isAdmin)
            let again = try await db.users.ensureAdmin(username: "admin", passwordHash: "third", salt: "salt")
            #expect(again.uuid == x.uuid)
            #expect(["first", "second"].contains(try await db.users.credentials(username: "admin")?.passwordHash))
            let memberships = try await db.users.memberships(username: "admin")
            #expect(memberships.map(\.tenant.name) == [UserRepository.defaultTenant])
            #expect(memberships.map(\.role) == [.admin])
        }
    }

    @Test func tenantsMembershipsAndNamespaceOwnership() async throws {
        try await withTestDatabase { db, _ async throws in
            _ = try await db.users.createUser(username: "bob", passwordHash: "h", salt: "s")
            let red = try await db.users.createTenant(name: "red")
            let blue = try await db.users.createTenant(name: "blue")
            await #expect(throws: KubefateError.self) { try await db.users.createTenant(name: "red") }
            #expect(try await db.users.tenants().map(\.name) == ["red", "blue"])
            #expect(try await db.users.tenant(name: "blue") == blue)

            try await db.users.setMembership(username: "bob", tenantID: red.uuid, role: .viewer)
            try await db.users.setMembership(username: "bob", tenantID: red.uuid, role: .operator)
            try await db.users.setMembership(username: "bob", tenantID: blue.uuid, role: .viewer)
            #expect(try await db.users.memberships(username: "bob") == [Membership(tenant: red, role: .operator),
                                                                         Membership(tenant: blue, role: .viewer)])
            await #expect(throws: KubefateError.self) {
                try await db.users.setMembership(username: "nobody", tenantID: red.uuid, role: .viewer)
            }
            #expect(try await db.users.removeMembership(username: "bob", tenantID: blue.uuid))
            #expect(try await db.users.memberships(username: "bob").count == 1)

            // Two tenants race for one namespace: one owns it, both learn who.
            async let r = db.users.claimNamespace("fate-9999", tenantID: red.uuid)
            async let b = db.users.claimNamespace("fate-9999", tenantID: blue.uuid)
            let (ownerR, ownerB) = try await (r, b)
            #expect(ownerR == ownerB)
            #expect(try await db.users.namespaceOwner("fate-9999") == ownerR)
            #expect(try await db.users.namespaceOwner("free") == nil)
            #expect(try await db.users.namespaces(tenantID: ownerR) == ["fate-9999"])
            #expect(try await db.users.releaseNamespace("fate-9999", tenantID: ownerR))
            #expect(try await db.users.namespaceOwner("fate-9999") == nil)
        }
    }

    @Test func auditLogAndIdempotencyKeys() async throws {
        try await withTestDatabase { db, _ async throws in
            try await db.audit.record(AuditEntry(actor: "alice", action: "cluster.install", target: "fate-9999"))
            try await db.audit.record(AuditEntry(actor: "bob", action: "job.stop", target: "j1", outcome: "denied", detail: "viewer"))
            let recent = try await db.audit.recent(limit: 10)
            #expect(recent.map(\.action) == ["job.stop", "cluster.install"])
            #expect(recent.first?.detail == "viewer" && recent.first?.outcome == "denied")
            #expect(try await db.audit.recent(actor: "alice").map(\.target) == ["fate-9999"])

            let first = try await db.idempotency.remember(actor: "alice", key: "k1", requestHash: "abc", jobID: "job-1")
            let second = try await db.idempotency.remember(actor: "alice", key: "k1", requestHash: "def", jobID: "job-2")
            #expect(second == first && second.jobID == "job-1" && second.requestHash == "abc")
            #expect(try await db.idempotency.find(actor: "bob", key: "k1") == nil)
            #expect(try await db.idempotency.find(actor: "alice", key: "k1") == first)
            #expect(try await db.idempotency.purge(olderThan: .seconds(3600)) == 0)
        }
    }
}
