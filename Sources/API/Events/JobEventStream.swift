import Foundation
import HTTPTypes
import Hummingbird
import KFDatabase
import KFModels
import ServiceLifecycle

/// `GET /v1/job/{id}/events`: the job as Server-Sent Events. `event: job` carries the Job JSON
/// (the same object `GET /v1/job/{id}` answers under `data`) at the start and after every change;
/// `event: end` carries it once more when the job is final, then the stream closes. Changes are
/// found by polling one cheap row (`JobRepository.jobVersion`); a comment line is sent as a
/// heartbeat while nothing changes, which also detects a client that went away (the write fails
/// and polling stops). A graceful shutdown of the server closes the stream.
struct JobEventStream: Sendable {
    let jobs: JobRepository
    let jobID: String
    var pollInterval: Duration = .milliseconds(500)
    var heartbeatInterval: Duration = .seconds(15)

    static let contentType = "text/event-stream; charset=utf-8"

    /// The streaming response for a job the caller may read (checked by the route).
    func response(first job: Job) -> Response {
        var headers: HTTPFields = [.contentType: Self.contentType, .cacheControl: "no-cache"]
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await run(first: job, writer: &writer)
            try await writer.finish(nil)
        })
    }

    private func run(first: Job, writer: inout any ResponseBodyWriter) async throws {
        var job = first
        var sent = try Self.encode(job)
        try await writer.write(Self.event("job", sent))
        // The marker is always read before the job it describes, so a change between the two
        // reads shows as a new marker next time. `first` was read before any marker: reload once.
        var version: String?
        var quietSince = ContinuousClock.now
        while !job.status.isTerminal {
            try await Task.sleep(for: pollInterval)
            if Task.isShuttingDownGracefully {
                // The server is stopping: close the stream (the client may reconnect to another replica).
                try await writer.write(ByteBuffer(string: ": server shutting down\n\n"))
                return
            }
            let current = try await jobs.jobVersion(uuid: jobID)
            guard let current else {
                try await writer.write(Self.event("end", #"{"error":"job \#(jobID) was deleted"}"#))
                return
            }
            if current != version, let fresh = try await jobs.job(uuid: jobID) {
                version = current
                job = fresh
                let encoded = try Self.encode(fresh)
                if encoded != sent {
                    sent = encoded
                    try await writer.write(Self.event("job", encoded))
                    quietSince = .now
                    continue
                }
            }
            if ContinuousClock.now - quietSince >= heartbeatInterval {
                try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                quietSince = .now
            }
        }
        try await writer.write(Self.event("end", sent))
    }

    /// One SSE event; `data` is single-line JSON.
    static func event(_ name: String, _ data: String) -> ByteBuffer {
        ByteBuffer(string: "event: \(name)\ndata: \(data)\n\n")
    }

    static func encode(_ job: Job) throws -> String {
        String(decoding: try JSONEncoder.api.encode(job), as: UTF8.self)
    }
}

/// Registers the events route.
struct JobEventRoutes {
    let deps: APIDependencies

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("job/{id}/events") { request, context in try await events(request, context) }
    }

    func events(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let id = try JobRoutes.jobID(context)
        guard let job = try await mapErrors(context, { try await deps.jobs.job(uuid: id) }) else { throw APIError.notFound() }
        try caller.require(.viewer, inTenant: job.tenant, to: "watch jobs", notFound: .notFound())
        return JobEventStream(jobs: deps.jobs, jobID: id).response(first: job)
    }
}
