/// Operations on users, tenants, namespaces, clusters and logs.
extension OpenAPIDocument {
    /// `limit`, `offset` and `after` (`afterMeaning`: which rows follow an `ID` in the list's order).
    static func paging(after afterMeaning: String) -> [OpenAPIOperation.Query] {
        [.init(name: "limit", type: "integer", description: "page size (1-10000); a full page carries a `Link: <…>; rel=\"next\"` header"),
         .init(name: "offset", type: "integer", description: "entries to skip (not with `after`)"),
         .init(name: "after", type: "integer", description: "keyset cursor, the `ID` of the last entry seen: only \(afterMeaning) (not with `offset`)")]
    }

    /// The `Link` header of a full page.
    static let nextLinkHeader = OpenAPIOperation.ResponseHeader(
        name: "Link", description: "`<…?limit=N&after=LASTID>; rel=\"next\"` when `limit` was given and the page is full; absent on the last page")

    static var userManagementOperations: [OpenAPIOperation] {
        [
            .init(method: "POST", path: "/v1/user", summary: "Create a user (platform admin)", tag: "user", body: .json("UserRequest"),
                  headers: [idempotencyHeader], responses: [(200, "the user", "UserEnvelope")] + errors(400, 401, 403, 409, 422)),
            .init(method: "GET", path: "/v1/user", summary: "List users (also /v1/user/)", tag: "user",
                  responses: [(200, "getUserList Success", "UserListEnvelope")] + errors(401, 403)),
            .init(method: "GET", path: "/v1/user/{userId}", summary: "Get a user", tag: "user",
                  responses: [(200, "getUser Success", "UserEnvelope")] + errors(401, 403, 404)),
            .init(method: "PUT", path: "/v1/user/{userId}", summary: "Change a user (password, email, status)", tag: "user",
                  body: .json("UserRequest"), headers: [idempotencyHeader],
                  responses: [(200, "setUser Success", "UserEnvelope")] + errors(400, 401, 403, 404, 422)),
            .init(method: "DELETE", path: "/v1/user/{userId}", summary: "Delete a user", tag: "user", headers: [idempotencyHeader],
                  responses: [(200, "deleteUser Success", "Message")] + errors(401, 403, 404, 422)),
        ]
    }

    static var tenancyOperations: [OpenAPIOperation] {
        [
            .init(method: "POST", path: "/v1/tenant", summary: "Create a tenant (platform admin)", tag: "tenant", body: .json("TenantRequest"),
                  headers: [idempotencyHeader], responses: [(200, "createTenant Success", "TenantEnvelope")] + errors(400, 401, 403, 409, 422)),
            .init(method: "GET", path: "/v1/tenant", summary: "List tenants (platform admin: all; others: their own)", tag: "tenant",
                  responses: [(200, "getTenantList Success", "TenantListEnvelope")] + errors(401)),
            .init(method: "GET", path: "/v1/tenant/{tenant}", summary: "Get a tenant (uuid or name)", tag: "tenant",
                  responses: [(200, "getTenant Success", "TenantEnvelope")] + errors(401, 404)),
            .init(method: "PUT", path: "/v1/tenant/{tenant}", summary: "Set a tenant's quotas", tag: "tenant", body: .json("TenantRequest"),
                  headers: [idempotencyHeader], responses: [(200, "setTenant Success", "TenantEnvelope")] + errors(400, 401, 403, 404, 422)),
            .init(method: "DELETE", path: "/v1/tenant/{tenant}", summary: "Delete a tenant (409 while it owns namespaces)", tag: "tenant",
                  headers: [idempotencyHeader], responses: [(200, "deleteTenant Success", "Message")] + errors(401, 403, 404, 409, 422)),
            .init(method: "PUT", path: "/v1/tenant/{tenant}/member/{username}", summary: "Give a user a role in a tenant", tag: "tenant",
                  body: .json("MemberRequest"), headers: [idempotencyHeader],
                  responses: [(200, "setMember Success", "MemberEnvelope")] + errors(400, 401, 403, 404, 422)),
            .init(method: "DELETE", path: "/v1/tenant/{tenant}/member/{username}", summary: "Remove a user from a tenant", tag: "tenant",
                  headers: [idempotencyHeader], responses: [(200, "deleteMember Success", "Message")] + errors(401, 403, 404, 422)),
            .init(method: "GET", path: "/v1/namespace", summary: "Namespaces of the caller's tenants (also /v1/namespace/)", tag: "namespace",
                  responses: [(200, "getNamespaceList Success", "NamespaceListEnvelope")] + errors(401)),
            .init(method: "POST", path: "/v1/namespace", summary: "Grant a namespace to a tenant (platform admin)", tag: "namespace",
                  body: .json("NamespaceRequest"), headers: [idempotencyHeader],
                  responses: [(200, "createNamespace Success", "NamespaceEnvelope")] + errors(400, 401, 403, 404, 409, 422)),
            .init(method: "DELETE", path: "/v1/namespace/{name}", summary: "Release a namespace (409 while live clusters are in it)",
                  tag: "namespace", headers: [idempotencyHeader],
                  responses: [(200, "deleteNamespace Success", "Message")] + errors(401, 403, 404, 409, 422)),
        ]
    }

    static var clusterResourceOperations: [OpenAPIOperation] {
        [
            .init(method: "PUT", path: "/v1/cluster", summary: "Update a cluster (?dryRun=true renders and diffs, queueing nothing)",
                  tag: "cluster", query: [.init(name: "dryRun", type: "boolean", description: "validate, render and diff only")],
                  body: .json("ClusterRequest"), headers: [idempotencyHeader],
                  responses: [(200, "setCluster Success (the Pending job), or the dry run", "JobOrDryRunEnvelope")]
                      + errors(400, 401, 403, 404, 409, 422, 429, 503)),
            .init(method: "GET", path: "/v1/cluster", summary: "List clusters (also /v1/cluster/; ?all=true includes deleted ones)",
                  tag: "cluster", query: [.init(name: "all", type: "boolean", description: "include deleted clusters")]
                      + paging(after: "clusters with a larger `ID`, in `ID` order"),
                  responses: [(200, "getClusterList Success", "ClusterListEnvelope")] + errors(400, 401), responseHeaders: [nextLinkHeader]),
            .init(method: "GET", path: "/v1/cluster/{clusterId}", summary: "Describe a cluster", tag: "cluster",
                  responses: [(200, "getCluster Success", "ClusterEnvelope")] + errors(401, 404)),
            .init(method: "DELETE", path: "/v1/cluster/{clusterId}", summary: "Delete a cluster (queues a delete job)", tag: "cluster",
                  headers: [idempotencyHeader], responses: [(200, "deleteCluster Success", "JobEnvelope")] + errors(401, 403, 404, 409, 422, 429)),
            .init(method: "DELETE", path: "/v1/job/{id}", summary: "Delete a finished job", tag: "job", headers: [idempotencyHeader],
                  responses: [(200, "deleteJob Success", "Message")] + errors(401, 403, 404, 409, 422)),
            .init(method: "GET", path: "/v1/log/{clusterID}", summary: "Logs of a cluster's pods", tag: "log",
                  query: [.init(name: "container", type: "string", description: "one container (default: all)"),
                          .init(name: "previous", type: "boolean", description: "the previous container instance"),
                          .init(name: "timestamps", type: "boolean", description: "prefix lines with their time"),
                          .init(name: "since", type: "integer", description: "only the last seconds"),
                          .init(name: "since-time", type: "string", description: "only since this RFC 3339 time"),
                          .init(name: "tail", type: "integer", description: "only the last lines (-1: all)"),
                          .init(name: "limit-bytes", type: "integer", description: "at most this many bytes per container")],
                  responses: [(200, "getClusterLog Success", "StringEnvelope")] + errors(400, 401, 404, 503)),
        ]
    }
}
