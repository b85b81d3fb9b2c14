import Foundation

/// The Kubernetes API front end: routes requests to discovery, OpenAPI, resources, subresources and the
/// simulator's admin endpoints, and renders answers the way kube-apiserver does.
public struct APIServer: Sendable {
    /// The cluster served.
    public let cluster: Cluster
    let discovery: Discovery
    let openAPI: OpenAPIDocuments?
    /// Requests answered (the simulator's own `/kubesim` admin calls are not counted).
    public let requests = RequestCounter()

    /// Creates the API front end for a cluster.
    public init(cluster: Cluster) {
        self.cluster = cluster
        self.discovery = Discovery()
        self.openAPI = cluster.schemas.map { OpenAPIDocuments(schemas: $0) }
    }

    /// Handles one request.
    public func handle(_ req: APIRequest) async -> APIResponse {
        do {
            if let token = cluster.config.bearerToken, req.headers["authorization"] != "Bearer \(token)",
               !["/livez", "/readyz", "/healthz"].contains(req.path)
            {
                throw KubeError(code: 401, reason: "Unauthorized", message: "Unauthorized")
            }
            if !req.path.hasPrefix("/kubesim") { requests.record(req) }
            return try await route(req)
        } catch {
            return .error(error)
        }
    }

    func route(_ req: APIRequest) async throws(KubeError) -> APIResponse {
        let parts = req.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let head = parts.first else { return try rootPaths() }
        switch head {
        case "version":
            return .json(200, versionInfo.bytes)
        case "healthz", "livez", "readyz":
            return APIResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array("ok".utf8)))
        case "openapi":
            return try openAPIRequest(parts, req)
        case "kubesim":
            return try await admin(parts, req)
        case "api":
            if parts.count == 1 { return discovery.core(req, cluster.registry) }
            if parts.count == 2 { return try discovery.resourceList(group: "", version: parts[1], cluster.registry) }
            return try await resourceRequest(group: "", version: parts[1], Array(parts.dropFirst(2)), req)
        case "apis":
            if parts.count == 1 { return discovery.groups(req, cluster.registry) }
            if parts.count == 2 { return try discovery.group(parts[1], cluster.registry) }
            if parts.count == 3 { return try discovery.resourceList(group: parts[1], version: parts[2], cluster.registry) }
            return try await resourceRequest(group: parts[1], version: parts[2], Array(parts.dropFirst(3)), req)
        default:
            throw KubeError.pathNotFound
        }
    }

    func rootPaths() throws(KubeError) -> APIResponse {
        var paths: [JSON] = ["/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version"]
        for (g, vs) in cluster.registry.groupVersions where !g.isEmpty {
            paths.append(.string("/apis/\(g)"))
            for v in vs { paths.append(.string("/apis/\(g)/\(v)")) }
        }
        return .json(200, JSON.object(["paths": .array(paths)]).bytes)
    }

    var versionInfo: JSON {
        let v = cluster.config.kubernetesVersion
        let nums = v.dropFirst().split(separator: ".")
        return [
            "major": .string(nums.count > 0 ? String(nums[0]) : "1"), "minor": .string(nums.count > 1 ? String(nums[1]) : "32"),
            "gitVersion": .string(v), "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
            "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.0", "compiler": "gc", "platform": "linux/amd64",
        ]
    }

    func openAPIRequest(_ parts: [String], _ req: APIRequest) throws(KubeError) -> APIResponse {
        guard parts.count >= 2, parts[1] == "v3", let openAPI else { throw KubeError.pathNotFound }
        if parts.count == 2 { return .json(200, openAPI.index(cluster.registry).bytes) }
        let gv = parts.dropFirst(2).joined(separator: "/")
        guard let doc = openAPI.document(gv, cluster.registry) else { throw KubeError.pathNotFound }
        return .json(200, doc)
    }
}

extension APIResponse {
    static func error(_ e: any Error) -> APIResponse {
        if let k = e as? KubeError { return .error(k) }
        return .error(KubeError.internalError("\(e)"))
    }
}
