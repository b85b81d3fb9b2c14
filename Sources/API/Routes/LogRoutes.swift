import Foundation
import Hummingbird
import KFDatabase
import KFKube
import KFModels

/// `GET /v1/log/{clusterID}`: the logs of the cluster's pods (label `name=<cluster name>` in its
/// namespace) read from the Kubernetes API, `{"data": "<text>", "msg": "getClusterLog Success"}`.
/// Viewer or more in the cluster's tenant. Query parameters as KubeFATE's CLI sends them:
/// `container`, `previous`, `since` (seconds), `since-time` (RFC 3339), `timestamps`, `tail`
/// (-1 = all), `limit-bytes`; `follow` is ignored. Unlike KubeFATE, containers of the same name in
/// several pods are all shown (sorted by pod, then container); with more than one stream every
/// line is prefixed `[<pod> <container>] `. A container Kubernetes has no log for yet (waiting to
/// start, or no previous instance) contributes nothing.
struct LogRoutes {
    let deps: APIDependencies

    func register(on group: RouterGroup<APIRequestContext>) {
        group.get("log/{clusterID}") { request, context in try await logs(request, context) }
    }

    func logs(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let principal = try context.principal
        let options = try Self.options(request)
        let missing = APIError.notFound("get Cluster error, record not found")
        guard let id = context.parameters.get("clusterID"), !id.isEmpty, id.count <= 64,
              id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw missing }
        guard let cluster = try await mapErrors(context, { try await deps.jobs.liveCluster(uuid: id.lowercased()) }),
              principal.canRead(tenant: cluster.tenant) else { throw missing }
        try principal.require(.viewer, inTenant: cluster.tenant, to: "read logs", notFound: missing)
        let kube = try deps.kube.require()
        let text: String
        do {
            text = try await Self.collect(kube, cluster: cluster, container: options.container, query: options.query)
        } catch let error as KubeError {
            context.logger.warning("reading logs failed", metadata: ["cluster.id": "\(cluster.uuid)", "error": "\(error)"])
            throw APIError(status: .badGateway, message: "reading logs from Kubernetes failed: \(error.message)")
        }
        return try JSONResponse.make(Envelope(data: text, msg: "getClusterLog Success"))
    }

    struct Options: Sendable, Equatable {
        var container: String
        /// The pod-log query (`previous`, `sinceSeconds`, `sinceTime`, `timestamps`, `tailLines`, `limitBytes`).
        var query: [Pair]
    }

    struct Pair: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Parses the query; 400 naming the parameter when a value has the wrong form.
    static func options(_ request: Request) throws(APIError) -> Options {
        let q = request.uri.queryParameters
        var query: [Pair] = []
        if let value = q.get("previous"), try bool(value, "previous") { query.append(Pair(name: "previous", value: "true")) }
        if let value = q.get("timestamps"), try bool(value, "timestamps") { query.append(Pair(name: "timestamps", value: "true")) }
        if let value = q.get("since"), !value.isEmpty {
            guard let seconds = Int64(value), seconds >= 0 else { throw APIError.invalid("since", "since must be a whole number of seconds, got '\(value)'") }
            query.append(Pair(name: "sinceSeconds", value: String(max(1, seconds))))
        } else if let value = q.get("since-time"), !value.isEmpty {
            guard Timestamp(rfc3339: value) != nil else {
                throw APIError.invalid("since-time", "since-time must be an RFC 3339 time such as 2024-01-02T15:04:05Z, got '\(value)'")
            }
            query.append(Pair(name: "sinceTime", value: value))
        }
        if let value = q.get("tail"), !value.isEmpty {
            guard let lines = Int64(value), lines >= -1 else { throw APIError.invalid("tail", "tail must be an integer (-1 for all lines), got '\(value)'") }
            if lines >= 0 { query.append(Pair(name: "tailLines", value: String(lines))) }
        }
        if let value = q.get("limit-bytes"), !value.isEmpty {
            guard let bytes = Int64(value), bytes >= 0 else { throw APIError.invalid("limit-bytes", "limit-bytes must be a non-negative integer, got '\(value)'") }
            if bytes > 0 { query.append(Pair(name: "limitBytes", value: String(bytes))) }
        }
        return Options(container: q.get("container") ?? "", query: query)
    }

    /// Go's `strconv.ParseBool`.
    static func bool(_ value: String, _ name: String) throws(APIError) -> Bool {
        switch value {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False", "": return false
        default: throw APIError.invalid(name, "\(name) must be true or false, got '\(value)'")
        }
    }

    /// Every matching container's log, prefixed when there is more than one.
    static func collect(_ kube: KubeClient, cluster: Cluster, container: String, query: [Pair]) async throws -> String {
        let namespace = cluster.namespace.isEmpty ? "default" : cluster.namespace
        let pods = try await kube.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace, labelSelector: "name=\(cluster.name)")
        var streams: [(pod: String, container: String)] = []
        for pod in pods.items {
            guard let name = pod[path: "metadata", "name"]?.string else { continue }
            for c in pod[path: "spec", "containers"]?.array ?? [] {
                guard let cname = c["name"]?.string, container.isEmpty || cname == container else { continue }
                streams.append((name, cname))
            }
        }
        streams.sort { ($0.pod, $0.container) < ($1.pod, $1.container) }
        var out = ""
        for stream in streams {
            let params = [("container", stream.container)] + query.map { ($0.name, $0.value) }
            let text: String
            do {
                text = try await kube.send(.get, "/api/v1/namespaces/\(namespace)/pods/\(stream.pod)/log", query: params, accept: "*/*").text
            } catch let error as KubeError where error.status == 400 {
                // The container has not started yet (or has no previous instance): no log yet.
                continue
            }
            guard streams.count > 1 else { return text }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += "[\(stream.pod) \(stream.container)] \(line)\n"
            }
        }
        return out
    }
}
