import Foundation
import KFDatabase
import KFModels
import Testing
@testable import API

/// The authorization rules of `Principal` (no services: the directory is never queried here).
@Suite struct PrincipalTests {
    static let directory = UserRepository(pool: MariaDBPool(config: MariaDBConfig()))
    static let red = Tenant(uuid: "red-uuid", name: "red", createdAt: .zero)
    static let blue = Tenant(uuid: "blue-uuid", name: "blue", createdAt: .zero)

    static func principal(admin: Bool = false, _ memberships: [Membership]) -> Principal {
        Principal(user: User(uuid: "u", username: "pat", isAdmin: admin, createdAt: .zero, updatedAt: .zero),
                  memberships: memberships, tokenID: "jti", tokenExpiresAt: 0, directory: directory)
    }

    @Test(arguments: Role.allCases, Role.allCases)
    func memberNeedsTheRequiredRole(held: Role, required: Role) {
        let p = Self.principal([Membership(tenant: Self.red, role: held)])
        do {
            try p.require(required, inTenant: "red-uuid", to: "do things")
            #expect(held.allows(required))
        } catch {
            #expect(!held.allows(required))
            #expect(error.status == .forbidden)
            #expect(error.message == "role \(held) in tenant red cannot do things")
        }
    }

    @Test func nonMemberSeesTheGivenNotFound() {
        let p = Self.principal([Membership(tenant: Self.red, role: .admin)])
        #expect(throws: APIError.self) { try p.require(.viewer, inTenant: "blue-uuid", to: "read") }
        do {
            try p.require(.viewer, inTenant: "blue-uuid", to: "read", notFound: .notFound("record not found"))
        } catch {
            #expect(error.status == .notFound && error.message == "record not found")
        }
        do {
            try p.require(.viewer, inTenant: nil, to: "read")
        } catch {
            #expect(error.status == .notFound, "a resource of no tenant is visible to platform admins only")
        }
        #expect(!p.canRead(tenant: "blue-uuid") && p.canRead(tenant: "red-uuid") && !p.canRead(tenant: nil))
        #expect(p.visibleTenants == ["red-uuid"])
    }

    @Test func platformAdminMayDoEverything() throws {
        let p = Self.principal(admin: true, [])
        try p.require(.admin, inTenant: "blue-uuid", to: "anything")
        try p.require(.admin, inTenant: nil, to: "anything")
        try p.requirePlatformAdmin(to: "create tenants")
        #expect(p.visibleTenants == nil && p.canRead(tenant: nil))
    }

    @Test func tenantAdminIsNotAPlatformAdmin() {
        let p = Self.principal([Membership(tenant: Self.red, role: .admin)])
        do {
            try p.requirePlatformAdmin(to: "create tenants")
            Issue.record("allowed")
        } catch {
            #expect(error.status == .forbidden && error.message == "user pat is not a platform admin and cannot create tenants")
        }
    }

    @Test func cacheForgetsLoggedOutTokensAndEverythingOnChanges() {
        let cache = PrincipalCache(lifetime: .seconds(60))
        let p = Self.principal([])
        cache.store(p)
        #expect(cache.principal(tokenID: "jti")?.username == "pat")
        cache.invalidate(tokenID: "jti")
        #expect(cache.principal(tokenID: "jti") == nil)
        cache.store(p)
        cache.invalidateAll()
        #expect(cache.principal(tokenID: "jti") == nil)
        let expired = PrincipalCache(lifetime: .zero)
        expired.store(p)
        #expect(expired.principal(tokenID: "jti") == nil)
    }

    @Test func loginLimiterCountsFailuresPerUsernameAndAddress() {
        let limiter = LoginLimiter(maxFailures: 3, window: .seconds(300))
        for _ in 0..<2 { limiter.recordFailure(username: "a", address: "1.2.3.4") }
        #expect(limiter.retryAfter(username: "a", address: "1.2.3.4") == nil)
        limiter.recordFailure(username: "a", address: "1.2.3.4")
        let wait = limiter.retryAfter(username: "a", address: "1.2.3.4")
        #expect(wait != nil && wait! <= .seconds(300) && wait! > .zero)
        #expect(limiter.retryAfter(username: "a", address: "5.6.7.8") == nil)
        #expect(limiter.retryAfter(username: "b", address: "1.2.3.4") == nil)
        limiter.recordSuccess(username: "a", address: "1.2.3.4")
        #expect(limiter.retryAfter(username: "a", address: "1.2.3.4") == nil)
        let short = LoginLimiter(maxFailures: 1, window: .zero)
        short.recordFailure(username: "a", address: "x")
        #expect(short.retryAfter(username: "a", address: "x") == nil, "failures outside the window do not count")
    }

    @Test(arguments: [
        (0.0, "0s"), (119, "119s"), (120, "2m"), (125, "2m5s"), (600, "10m"), (3 * 3600, "3h"), (3 * 3600 + 60, "3h1m"),
        (8 * 3600, "8h"), (47 * 3600, "47h"), (48 * 3600, "2d"), (50 * 3600, "2d2h"), (8 * 86400, "8d"),
        (730 * 86400, "2y"), (731 * 86400, "2y1d"), (8 * 365 * 86400, "8y"), (-5, "<invalid>"),
    ] as [(Double, String)])
    func namespaceAgeIsKubernetesHumanDuration(seconds: Double, text: String) {
        #expect(HumanDuration.format(seconds) == text)
    }
}
