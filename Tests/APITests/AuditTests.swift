import Testing
@testable import API

/// How the audit middleware names targets and outcomes (no services).
struct AuditTests {
    @Test func targetsComeFromThePathParametersAndOutcomesFromTheStatus() throws {
        #expect(AuditMiddleware.pathTarget(route: "/v1/chart/{chartId}", path: "/v1/chart/abc") == "abc")
        #expect(AuditMiddleware.pathTarget(route: "/v1/cluster", path: "/v1/cluster") == nil)
        #expect(AuditMiddleware.outcome(201) == "ok")
        #expect(AuditMiddleware.outcome(403) == "denied")
        #expect(AuditMiddleware.outcome(429) == "quota")
        #expect(AuditMiddleware.outcome(503) == "error")
    }
}
