import Foundation
import KFDatabase
import KFModels

/// Install, update and delete requests of real charts through the API, and the cluster rows they
/// change.
extension PipelineStack {
    /// The body of `POST`/`PUT /v1/cluster` for fate `chartVersion` with `spec` (cluster.yaml
    /// without its identity lines, which are added here).
    static func clusterBody(name: String, namespace: String, chartVersion: String, spec: String) -> [UInt8] {
        let yaml = "name: \(name)\nnamespace: \(namespace)\nchartName: fate\nchartVersion: \(chartVersion)\n" + spec
        let body: [String: Any] = [
            "name": name, "namespace": namespace, "chart_name": "fate", "chart_version": chartVersion,
            "cover": false, "data": Data(yaml.utf8).base64EncodedString(), "Keep_upgrade_job": false,
        ]
        return Array(try! JSONSerialization.data(withJSONObject: body))
    }

    /// `POST /v1/cluster` of fate `chartVersion`; the new job.
    func installCluster(name: String, namespace: String, chartVersion: String, spec: String) async throws -> Job {
        let response = try await http.request(
            "POST", url("/v1/cluster"), body: Self.clusterBody(name: name, namespace: namespace, chartVersion: chartVersion, spec: spec),
            token: token)
        guard response.status == 200 else { throw PipelineError("install \(namespace)/\(name): \(response.status) \(response.text)") }
        return try Self.decodeJob(response)
    }

    /// `PUT /v1/cluster` (update) to fate `chartVersion` with `spec`; the new job.
    func updateCluster(name: String, namespace: String, chartVersion: String, spec: String) async throws -> Job {
        let body = Self.clusterBody(name: name, namespace: namespace, chartVersion: chartVersion, spec: spec)
        let response = try await http.request("PUT", url("/v1/cluster"), body: body, token: token)
        guard response.status == 200 else { throw PipelineError("update \(namespace)/\(name): \(response.status) \(response.text)") }
        return try Self.decodeJob(response)
    }

    /// `DELETE /v1/cluster/{id}`; the new job.
    func deleteCluster(_ clusterID: String) async throws -> Job {
        let response = try await http.request("DELETE", url("/v1/cluster/\(clusterID)"), token: token)
        guard response.status == 200 else { throw PipelineError("delete cluster \(clusterID): \(response.status) \(response.text)") }
        return try Self.decodeJob(response)
    }

    /// The live cluster `namespace/name`, from the database.
    func liveCluster(name: String, namespace: String) async throws -> Cluster {
        guard let cluster = try await JobRepository(pool: database).liveCluster(namespace: namespace, name: name) else {
            throw PipelineError("no live cluster \(namespace)/\(name)")
        }
        return cluster
    }

    /// A cluster by uuid (live or deleted), from the database.
    func cluster(_ uuid: String) async throws -> Cluster {
        guard let cluster = try await JobRepository(pool: database).cluster(uuid: uuid) else { throw PipelineError("no cluster \(uuid)") }
        return cluster
    }
}
