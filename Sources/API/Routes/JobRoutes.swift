import Hummingbird
import KFDatabase
import KFModels

/// `GET /v1/job/` (the caller's tenants' jobs, newest first; `?limit=&offset=` or `?limit=&after=ID`
/// for the jobs with a smaller `ID`, `?status=`; a full page links the next one), `GET /v1/job/{id}`,
/// `PUT /v1/job/{id}?jobStatus=stop`, `DELETE /v1/job/{id}`. Another tenant's job answers 404 as
/// a missing one; viewers read, operators stop and delete.
struct JobRoutes {
    let deps: APIDependencies

    /// Stop answers KubeFATE's `data` string and adds the job as it is after the request.
    struct StopBody: Encodable, Sendable {
        var data: String
        var job: Job
        var msg: String
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("job") { request, context in try await list(request, context) }
        group.get("job/{id}") { request, context in try await get(request, context) }
        group.put("job/{id}") { request, context in try await stop(request, context) }
        group.delete("job/{id}") { request, context in try await delete(request, context) }
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let paging = try Paging.parse(request)
        var filter = JobFilter(tenants: principal.visibleTenants, beforeID: paging.after, limit: paging.sqlLimit, offset: paging.offset)
        if let status = request.uri.queryParameters.get("status") {
            guard let parsed = JobStatus(name: status) else { throw APIError.invalid("status", "unknown job status '\(status)'") }
            filter.statuses = [parsed]
        }
        let jobs = try await mapErrors(context) { try await deps.jobs.jobs(filter) }
        let response = try JSONResponse.write(Envelope(data: jobs, msg: "getJobList Success"), capacity: 2048 * max(jobs.count, 1))
        return paging.linked(response, request, count: jobs.count, lastID: jobs.last?.id)
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let id = try Self.jobID(context)
        guard let job = try await mapErrors(context, { try await deps.jobs.job(uuid: id) }) else { throw APIError.notFound() }
        try principal.require(.viewer, inTenant: job.tenant, to: "read jobs")
        return try JSONResponse.write(Envelope(data: job, msg: "getJob Success"))
    }

    func stop(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        guard request.uri.queryParameters.get("jobStatus") == "stop" else { throw APIError.invalid("jobStatus", "jobStatus error") }
        let id = try Self.jobID(context)
        let unknown = APIError.notFound("get job by jobID error, please check job ID, record not found")
        guard let current = try await mapErrors(context, { try await deps.jobs.job(uuid: id) }) else { throw unknown }
        try principal.require(.operator, inTenant: current.tenant, to: "stop jobs", notFound: unknown)
        guard let job = try await mapErrors(context, { try await deps.jobs.requestStop(jobID: id) }) else {
            throw unknown
        }
        context.logger.info("stop requested", metadata: ["job.id": "\(id)", "user": "\(principal.username)", "status": "\(job.status)"])
        return try JSONResponse.make(StopBody(data: "Stop Job Success", job: job, msg: "stop Job Success"))
    }

    /// Soft-deletes a finished job; 409 while it is Pending, Running or Stopping.
    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let id = try Self.jobID(context)
        guard let job = try await mapErrors(context, { try await deps.jobs.job(uuid: id) }) else { throw APIError.notFound() }
        try principal.require(.operator, inTenant: job.tenant, to: "delete jobs")
        try await mapErrors(context) { try await deps.jobs.deleteJob(uuid: id) }
        context.logger.info("job deleted", metadata: ["job.id": "\(id)", "user": "\(principal.username)"])
        return try JSONResponse.make(MessageBody(msg: "delete Job Success"))
    }

    /// The `{id}` path parameter, which must look like a uuid.
    static func jobID(_ context: APIRequestContext) throws(APIError) -> String {
        guard let id = context.parameters.get("id"), id.count <= 64,
              id.allSatisfy({ $0.isHexDigit || $0 == "-" }), !id.isEmpty
        else { throw APIError.notFound() }
        return id.lowercased()
    }
}
