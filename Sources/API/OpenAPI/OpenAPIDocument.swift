import Foundation
import KFModels

/// The OpenAPI 3.0 document served at `GET /v1/openapi.json`: every route of `kubefate-api`
/// (`OpenAPITests` checks it against the router, both ways) with KubeFATE's envelopes.
enum OpenAPIDocument {
    static let version = "3.0.3"

    /// Every operation, grouped by tag.
    static var operations: [OpenAPIOperation] {
        systemOperations + userOperations + userManagementOperations + tenancyOperations + clusterOperations
            + clusterResourceOperations + jobOperations + chartOperations + extensionOperations
    }

    /// The document as JSON text (sorted keys).
    static func json() throws -> [UInt8] {
        Array(try JSONEncoder.api.encode(document))
    }

    static var document: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method.lowercased()] = operation.json
        }
        return .object([
            "openapi": .string(version),
            "info": .object([
                "title": .string("kubefate-api"),
                "version": .string(SystemRoutes.version),
                "description": .string("KubeFATE-compatible deployment service for FATE clusters on Kubernetes, with tenancy, "
                    + "idempotent submissions, dry runs, job event streams and an audit log. Success bodies are "
                    + "{\"msg\",\"data\"}; handler errors {\"error\"}; token errors {\"code\",\"message\"}."),
            ]),
            "servers": .array([.object(["url": .string("/")])]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "securitySchemes": .object(["bearerAuth": .object([
                    "type": .string("http"), "scheme": .string("bearer"), "bearerFormat": .string("JWT"),
                ])]),
                "schemas": .object(OpenAPISchemas.all),
            ]),
        ])
    }

    // MARK: Operations

    static let idempotencyHeader = "Idempotency-Key"

    static func errors(_ statuses: Int...) -> [(status: Int, description: String, schema: String?)] {
        statuses.map { status in
            switch status {
            case 401: (401, "missing, invalid, expired or revoked token", "AuthError")
            case 403: (403, "role too low, or not a platform admin", "Error")
            case 404: (404, "not found (or not visible to the caller)", "Error")
            case 409: (409, "conflict (e.g. the cluster is held by a running job, named in job_id)", "Error")
            case 413: (413, "request body over the configured limit", "Error")
            case 422: (422, "Idempotency-Key reused with a different request", "Error")
            case 429: (429, "tenant quota exceeded", "Error")
            case 503: (503, "a dependency (database, broker) is unavailable", "Error")
            default: (status, "invalid request (the field is named)", "Error")
            }
        }
    }

    static var systemOperations: [OpenAPIOperation] {
        [
            .init(method: "GET", path: "/", summary: "Service banner", tag: "system", authenticated: false,
                  responses: [(200, "kubefate run Success", "Message")]),
            .init(method: "GET", path: "/v1", summary: "KubeFATE's error path", tag: "system", authenticated: false,
                  responses: [(400, "error path", "Error")]),
            .init(method: "GET", path: "/healthz", summary: "Liveness probe", tag: "system", authenticated: false,
                  responses: [(200, "alive", "Probe")]),
            .init(method: "GET", path: "/readyz", summary: "Readiness probe (database and broker)", tag: "system", authenticated: false,
                  responses: [(200, "ready", "Probe"), (503, "not ready", "Probe")]),
            .init(method: "GET", path: "/metrics", summary: "Prometheus metrics", tag: "system", authenticated: false,
                  responses: [(200, "metrics in the Prometheus text format", "text:text/plain")]),
            .init(method: "GET", path: "/v1/openapi.json", summary: "This OpenAPI document", tag: "system", authenticated: false,
                  responses: [(200, "the document", "Object")]),
            .init(method: "GET", path: "/v1/version", summary: "Service version (also /v1/version/)", tag: "system",
                  responses: [(200, "getVersion Success", "Version")] + errors(401)),
        ]
    }

    static var userOperations: [OpenAPIOperation] {
        [
            .init(method: "POST", path: "/v1/user/login", summary: "Log in", tag: "user", authenticated: false, body: .json("Login"),
                  responses: [(200, "a token", "Token"), (401, "missing or incorrect username or password", "AuthError"),
                              (429, "too many failed logins", "AuthError")]),
            .init(method: "POST", path: "/v1/user/logout", summary: "Log out (revokes the token)", tag: "user", authenticated: false,
                  responses: [(200, "logged out", "Code")]),
        ]
    }

    static var clusterOperations: [OpenAPIOperation] {
        [
            .init(method: "POST", path: "/v1/cluster", summary: "Install a cluster (?dryRun=true renders and diffs, queueing nothing)",
                  tag: "cluster", query: [.init(name: "dryRun", type: "boolean", description: "validate, render and diff only")],
                  body: .json("ClusterRequest"), headers: [idempotencyHeader],
                  responses: [(200, "createCluster Success (the Pending job), or the dry run", "JobOrDryRunEnvelope")]
                      + errors(400, 401, 403, 404, 409, 422, 429, 503)),
        ]
    }

    static var jobOperations: [OpenAPIOperation] {
        [
            .init(method: "GET", path: "/v1/job", summary: "List jobs (also /v1/job/)", tag: "job",
                  query: paging(after: "jobs with a smaller `ID` (older), newest first")
                      + [.init(name: "status", type: "string", description: "only jobs in this status")],
                  responses: [(200, "getJobList Success", "JobListEnvelope")] + errors(400, 401), responseHeaders: [nextLinkHeader]),
            .init(method: "GET", path: "/v1/job/{id}", summary: "Describe a job", tag: "job",
                  responses: [(200, "getJob Success", "JobEnvelope")] + errors(401, 404)),
            .init(method: "PUT", path: "/v1/job/{id}", summary: "Stop a job (?jobStatus=stop)", tag: "job",
                  query: [.init(name: "jobStatus", type: "string", description: "must be stop")], headers: [idempotencyHeader],
                  responses: [(200, "Stop Job Success", "StopBody")] + errors(400, 401, 403, 404, 422)),
            .init(method: "GET", path: "/v1/job/{id}/events", summary: "Job progress as Server-Sent Events", tag: "job",
                  responses: [(200, "`event: job` with the Job JSON on every change, `event: end` when final", "text:text/event-stream")]
                      + errors(401, 404)),
        ]
    }

    static var chartOperations: [OpenAPIOperation] {
        let tenant = OpenAPIOperation.Query(name: "tenant", type: "string", description: "tenant uuid or name for a private chart")
        return [
            .init(method: "POST", path: "/v1/chart", summary: "Upload a chart package (global, or private with ?tenant=)", tag: "chart",
                  query: [tenant], body: .chartUpload, headers: [idempotencyHeader],
                  responses: [(200, "CreateChart Success", "ChartUploadEnvelope")] + errors(400, 401, 403, 404, 413, 422)),
            .init(method: "GET", path: "/v1/chart", summary: "List the charts visible to the caller (also /v1/chart/)", tag: "chart",
                  responses: [(200, "getChartList Success", "ChartListEnvelope")] + errors(401)),
            .init(method: "GET", path: "/v1/chart/{chartId}", summary: "Get a chart", tag: "chart",
                  responses: [(200, "getChart Success", "ChartEnvelope")] + errors(401, 404)),
            .init(method: "DELETE", path: "/v1/chart/{chartId}", summary: "Delete a chart", tag: "chart", headers: [idempotencyHeader],
                  responses: [(200, "deleteChart Success", "Message")] + errors(401, 403, 404, 422)),
            .init(method: "GET", path: "/v1/chart/valueTemplateExample/{chartName}/{chartVersion}",
                  summary: "The chart's values-template-example.yaml", tag: "chart", query: [tenant],
                  responses: [(200, "getChartByNameVersion Success", "StringEnvelope")] + errors(401, 404)),
        ]
    }

    static var extensionOperations: [OpenAPIOperation] {
        [
            .init(method: "GET", path: "/v1/audit", summary: "The audit log, newest first (platform admin: all; tenant admin: own tenants)",
                  tag: "audit", query: [.init(name: "limit", type: "integer", description: "at most this many (1-1000, default 100)"),
                                        .init(name: "before", type: "integer", description: "entries with a smaller id (paging)")],
                  responses: [(200, "getAuditLog Success", "AuditListEnvelope")] + errors(400, 401, 403)),
        ]
    }
}
