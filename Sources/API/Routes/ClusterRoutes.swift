import Hummingbird
import KFDatabase
import KFModels

/// `POST /v1/cluster`: validates the install request, requires operator in the tenant owning the
/// namespace (a platform admin may use an unowned one, granted to the `default` tenant), then writes cluster, job and outbox row in one
/// transaction (`JobRepository.submit`) and wakes the outbox relay. Nothing is written for a request
/// that fails validation; a cluster held by an active job answers 409 naming that job.
struct ClusterRoutes {
    let deps: APIDependencies

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("cluster") { request, context in try await install(request, context) }
    }

    func install(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        if DryRunRoute.requested(request) { return try await DryRunRoute(deps: deps).run(request, context) }
        let principal = try context.principal
        var request = request
        let body = try await request.bytes(limit: deps.config.maxBodyBytes)
        let cluster = try ClusterRequestValidator(maxDataBytes: deps.config.maxBodyBytes).validate(body: body)
        _ = try await ClusterChartCheck(deps: deps).check(cluster, caller: principal, context)
        let tenant = try await principal.require(.operator, inNamespace: cluster.namespace, to: "install clusters",
                                                 grantUnownedTo: deps.defaultTenant)
        let submission = JobSubmission(.install(cluster.args, spec: cluster.specJSON),
                                       creator: principal.username, tenant: tenant.uuid)
        let job = try await mapErrors(context) { try await deps.jobs.submit(submission) }
        deps.relay.wake()
        context.logger.info("install submitted", metadata: [
            "job.id": "\(job.uuid)", "cluster.name": "\(cluster.name)", "cluster.namespace": "\(cluster.namespace)",
            "tenant": "\(tenant.name)", "user": "\(principal.username)",
        ])
        return try JSONResponse.make(Envelope(data: job, msg: "createCluster Success"))
    }
}
