import Foundation

extension APIServer {
    /// `/kubesim/v1/...`: fault rules (`faults`: GET, PUT replaces, POST adds, DELETE clears), the clock
    /// (`clock`: GET; POST `?advance=<seconds>`), and `stats` (objects, watches open, API requests answered).
    func admin(_ parts: [String], _ req: APIRequest) async throws(KubeError) -> APIResponse {
        guard parts.count == 3, parts[1] == "v1" else { throw KubeError.pathNotFound }
        switch (parts[2], req.method) {
        case ("faults", "GET"):
            return .json(200, try faultsJSON())
        case ("faults", "PUT"), ("faults", "POST"):
            let rules = try FaultRule.decode(Data(req.body), source: "request body")
            if req.method == "PUT" { cluster.faults.set(rules) } else { cluster.faults.add(rules) }
            return .json(200, try faultsJSON())
        case ("faults", "DELETE"):
            cluster.faults.set([])
            return .json(200, try faultsJSON())
        case ("clock", "GET"):
            return .json(200, clockJSON.bytes)
        case ("clock", "POST"):
            guard let s = Double(req.query["advance"] ?? "") else { throw KubeError.badRequest("advance: seconds required") }
            cluster.clock.advance(by: s)
            return .json(200, clockJSON.bytes)
        case ("stats", "GET"):
            let s: JSON = ["objects": .num(cluster.store.count), "resourceVersion": .int(Int64(cluster.store.resourceVersion)),
                           "watches": .num(cluster.store.watcherCount),
                           "requests": .num(requests.current.requests), "watchRequests": .num(requests.current.watches)]
            return .json(200, s.bytes)
        default:
            throw KubeError.methodNotAllowed(req.method)
        }
    }

    var clockJSON: JSON { ["now": .string(KubeTime.formatMicro(cluster.clock.now)), "manual": .bool(cluster.clock.isManual)] }

    func faultsJSON() throws(KubeError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(["rules": cluster.faults.current]))
        } catch {
            throw KubeError.internalError("\(error)")
        }
    }
}
