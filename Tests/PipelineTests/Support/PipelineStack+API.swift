import Foundation
import KFModels

extension PipelineStack {
    /// The request body of `POST /v1/cluster` for an install of `namespace/name` with `spec`
    /// (cluster.yaml text; `name`, `namespace`, `chartName` and `chartVersion` are added on top).
    static func installBody(name: String, namespace: String, spec: String) -> [UInt8] {
        let yaml = "name: \(name)\nnamespace: \(namespace)\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n" + spec
        let body: [String: Any] = [
            "name": name, "namespace": namespace, "chart_name": "fate", "chart_version": "v1.11.2",
            "cover": false, "data": Data(yaml.utf8).base64EncodedString(), "Keep_upgrade_job": false,
        ]
        return Array(try! JSONSerialization.data(withJSONObject: body))
    }

    /// `POST /v1/cluster`; the raw response.
    func install(name: String, namespace: String, spec: String, client: HTTPClient? = nil) async throws -> HTTPResponse {
        try await (client ?? http).request(
            "POST", url("/v1/cluster"), body: Self.installBody(name: name, namespace: namespace, spec: spec), token: token)
    }

    /// `POST /v1/cluster`, expecting 200; returns the new job.
    func submit(name: String, namespace: String, spec: String) async throws -> Job {
        let response = try await install(name: name, namespace: namespace, spec: spec)
        guard response.status == 200 else {
            throw PipelineError("install \(namespace)/\(name): \(response.status) \(response.text)")
        }
        return try Self.decodeJob(response)
    }

    /// `GET /v1/job/{id}`.
    func job(_ id: String) async throws -> Job {
        let response = try await http.request("GET", url("/v1/job/\(id)"), token: token)
        guard response.status == 200 else { throw PipelineError("get job \(id): \(response.status) \(response.text)") }
        return try Self.decodeJob(response)
    }

    /// `PUT /v1/job/{id}?jobStatus=stop`.
    func stop(_ id: String) async throws -> HTTPResponse {
        try await http.request("PUT", url("/v1/job/\(id)?jobStatus=stop"), token: token)
    }

    /// Polls the job through the API until `done` holds.
    func waitForJob(_ id: String, timeout: Duration = .seconds(60), _ done: @escaping (Job) -> Bool) async throws -> Job {
        var last: Job?
        try await waitUntil("job \(id) reaches the expected state", timeout: timeout,
                            diagnostics: "last seen: \(String(describing: last))\n\(diagnostics())") {
            let job = try await self.job(id)
            last = job
            return done(job)
        }
        return last!
    }

    /// Decodes `data` of a `{"msg", "data": <Job>}` envelope.
    static func decodeJob(_ response: HTTPResponse) throws -> Job {
        guard let data = response.json["data"] else { throw PipelineError("no data in \(response.text)") }
        return try JSONDecoder().decode(Job.self, from: JSONSerialization.data(withJSONObject: data))
    }
}
