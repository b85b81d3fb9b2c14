import Hummingbird
import KFDatabase
import KFModels

/// `POST /v1/cluster` (install), `PUT /v1/cluster` (update), `DELETE /v1/cluster/{clusterId}`,
/// `GET /v1/cluster/` (list, `?all=true`, paging) and `GET /v1/cluster/{clusterId}` (describe).
///
/// Install and update validate the body, require operator in the tenant owning the namespace (a
/// platform admin may install into an unowned one, which is then granted to the `default`
/// tenant), then write cluster, job and outbox row in one transaction (`JobRepository.submit`,
/// which also enforces the tenant's quotas) and wake the outbox relay. Nothing is written for a
/// request that fails validation, authorisation or a quota; a cluster held by an active job
/// answers 409 naming that job.
struct ClusterRoutes {
    let deps: APIDependencies

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("cluster") { request, context in try await install(request, context) }
        group.put("cluster") { request, context in try await update(request, context) }
        group.get("cluster") { request, context in try await list(request, context) }
        group.get("cluster/{clusterId}") { request, context in try await describe(request, context) }
        group.delete("cluster/{clusterId}") { request, context in try await delete(request, context) }
    }

    func install(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        if DryRunRoute.requested(request) { return try await DryRunRoute(deps: deps).run(request, context, update: false) }
        let principal = try context.principal
        let cluster = try await validated(request)
        _ = try await ClusterChartCheck(deps: deps).check(cluster, caller: principal, context)
        let tenant = try await principal.require(.operator, inNamespace: cluster.namespace, to: "install clusters",
                                                 grantUnownedTo: deps.defaultTenant)
        let job = try await submit(.install(cluster.args, spec: cluster.specJSON), principal, tenant: tenant.uuid, context)
        return try JSONResponse.make(Envelope(data: job, msg: "createCluster Success"))
    }

    func update(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        if DryRunRoute.requested(request) { return try await DryRunRoute(deps: deps).run(request, context, update: true) }
        let principal = try context.principal
        let cluster = try await validated(request)
        _ = try await ClusterChartCheck(deps: deps).check(cluster, caller: principal, context)
        let tenant = try await principal.require(.operator, inNamespace: cluster.namespace, to: "update clusters")
        let job = try await submit(.update(cluster.args, spec: cluster.specJSON), principal, tenant: tenant.uuid, context)
        return try JSONResponse.make(Envelope(data: job, msg: "setCluster Success"))
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let cluster = try await visibleCluster(context)
        try principal.require(.operator, inTenant: cluster.tenant, to: "delete clusters")
        let job = try await submit(.delete(clusterID: cluster.uuid), principal, tenant: cluster.tenant, context)
        return try JSONResponse.make(Envelope(data: job, msg: "deleteCluster Success"))
    }

    /// `?all=true` (exactly `true`, as KubeFATE) includes deleted clusters; `?limit=&offset=` or
    /// `?limit=&after=ID` (clusters with a larger `ID`, in `ID` order) pages, and a full page
    /// links the next one (`Link: <…?limit=N&after=LASTID>; rel="next"`).
    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let paging = try Paging.parse(request)
        let filter = ClusterFilter(tenants: principal.visibleTenants, includeDeleted: request.uri.queryParameters.get("all") == "true",
                                   limit: paging.sqlLimit, offset: paging.offset, afterID: paging.after)
        if let cache = deps.clusterCache, let entries = try await mapErrors(context, { try await cache.page(filter) }) {
            let bytes = entries.reduce(64) { $0 + $1.json.count + 1 }
            let response = try JSONResponse.write(Envelope(data: entries, msg: "getClusterList Success"), capacity: bytes)
            return paging.linked(response, request, count: entries.count, lastID: entries.last?.id)
        }
        let clusters = try await mapErrors(context) { try await deps.jobs.clusterListings(filter) }
        let response = try JSONResponse.write(Envelope(data: clusters, msg: "getClusterList Success"), capacity: 1024 * max(clusters.count, 1))
        return paging.linked(response, request, count: clusters.count, lastID: clusters.last?.cluster.id)
    }

    /// The stored cluster with `Info` as the deploy worker last recorded it (`clusters.info`).
    func describe(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        var cluster = try await visibleCluster(context)
        try principal.require(.viewer, inTenant: cluster.tenant, to: "read clusters")
        let id = cluster.uuid
        cluster.info = try await mapErrors(context) { try await deps.jobs.clusterInfo(uuid: id) }
        return try JSONResponse.write(Envelope(data: cluster, msg: "getCluster Success"))
    }

    /// The validated install/update body (400 naming the field otherwise).
    func validated(_ request: Request) async throws(APIError) -> ClusterRequest {
        var request = request
        let body = try await request.bytes(limit: deps.config.maxBodyBytes)
        return try ClusterRequestValidator(maxDataBytes: deps.config.maxBodyBytes).validate(body: body)
    }

    /// Writes the job (one transaction) and wakes the relay.
    func submit(_ target: JobSubmission.Target, _ principal: Principal, tenant: String?, _ context: APIRequestContext) async throws(APIError) -> Job {
        let submission = JobSubmission(target, creator: principal.username, tenant: tenant)
        let job = try await mapErrors(context) { try await deps.jobs.submit(submission) }
        deps.relay.wake()
        context.logger.info("job submitted", metadata: [
            "job.id": "\(job.uuid)", "job.method": "\(job.method.rawValue)", "cluster.id": "\(job.clusterID)",
            "tenant": "\(tenant ?? "")", "user": "\(principal.username)",
        ])
        return job
    }

    /// The live `{clusterId}` cluster when the caller may see it; otherwise 404 `record not found`
    /// (the same for a missing cluster and another tenant's).
    func visibleCluster(_ context: APIRequestContext) async throws(APIError) -> Cluster {
        let principal = try context.principal
        guard let id = context.parameters.get("clusterId"), id.count <= 64, !id.isEmpty,
              id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw APIError.notFound() }
        guard let cluster = try await mapErrors(context, { try await deps.jobs.liveCluster(uuid: id.lowercased()) }),
              principal.canRead(tenant: cluster.tenant)
        else { throw APIError.notFound() }
        return cluster
    }
}
