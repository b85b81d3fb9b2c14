/// How to render objects for a request, chosen from its `Accept` header.
enum OutputFormat {
    case json
    case table(apiVersion: String, include: String)
    case partialMetadata(apiVersion: String)
}

extension APIServer {
    func outputFormat(_ req: APIRequest) throws(KubeError) -> OutputFormat {
        for (type, params) in req.acceptList {
            let isJSON = type == "application/json" || type == "*/*" || type == "application/*" || type == "application/yaml"
            if let as_ = params["as"] {
                guard isJSON, params["g"] == "meta.k8s.io" else { continue }
                let v = params["v"] ?? "v1"
                guard v == "v1" || v == "v1beta1" else { continue }
                if as_ == "Table" { return .table(apiVersion: "meta.k8s.io/\(v)", include: req.query["includeObject"] ?? "Metadata") }
                if as_ == "PartialObjectMetadata" || as_ == "PartialObjectMetadataList" {
                    return .partialMetadata(apiVersion: "meta.k8s.io/\(v)")
                }
                continue
            }
            if isJSON { return .json }
        }
        throw KubeError(code: 406, reason: "NotAcceptable",
                        message: "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    }

    /// The JSON bytes of a stored object with `apiVersion` and `kind` added.
    static func objectBytes(_ t: ResourceType, _ s: StoredObject) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.bytes.count + 64)
        out.append(contentsOf: "{\"apiVersion\":\"\(t.apiVersion)\",\"kind\":\"\(t.kind)\"".utf8)
        if s.bytes.count > 2 { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: s.bytes.dropFirst())
        return out
    }

    static func fullObject(_ t: ResourceType, _ s: StoredObject) -> JSON {
        var o = s.object
        o["apiVersion"] = .string(t.apiVersion)
        o["kind"] = .string(t.kind)
        return o
    }

    func render(_ t: ResourceType, _ s: StoredObject, _ req: APIRequest, status: Int = 200, warnings: [String] = [])
        throws(KubeError) -> APIResponse
    {
        var r: APIResponse
        switch try outputFormat(req) {
        case .json: r = .json(status, APIServer.objectBytes(t, s))
        case .table(let av, let include):
            let table = TableConverter(now: cluster.clock.now).table(t, [s], apiVersion: av, include: include, rv: nil, continueToken: nil)
            r = .json(status, table.bytes)
        case .partialMetadata(let av):
            r = .json(status, APIServer.partial(t, s, av).bytes)
        }
        for w in warnings {
            let quoted = w.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            r.headers.append(("Warning", "299 - \"\(quoted)\""))
        }
        return r
    }

    static func partial(_ t: ResourceType, _ s: StoredObject, _ av: String) -> JSON {
        ["kind": "PartialObjectMetadata", "apiVersion": .string(av), "metadata": s.object["metadata"] ?? .emptyObject]
    }

    func list(_ target: ResourceTarget, _ req: APIRequest) throws(KubeError) -> APIResponse {
        let t = target.type
        let format = try outputFormat(req)
        let sel = try LabelSelector(parsing: req.query["labelSelector"] ?? "")
        let fsel = try FieldSelector(parsing: req.query["fieldSelector"] ?? "", kind: t.kind)
        let (all, rv) = cluster.store.list(t.storeKey, namespace: target.allNamespaces ? nil : target.namespace)
        var start = 0
        var listRV = rv
        if let token = req.query["continue"], !token.isEmpty {
            guard let data = Data(base64Encoded: token), let j = try? JSON.parse(data),
                  let key = j["start"]?.string, let trv = j["rv"]?.int
            else { throw KubeError.badRequest("continue key is not valid: invalid continue token") }
            listRV = UInt64(trv)
            start = all.firstIndex { ObjectKey(namespace: $0.namespace, name: $0.name).path > key } ?? all.count
        }
        let limit = Int(req.query["limit"] ?? "") ?? 0
        var items: [StoredObject] = []
        var next: String?
        var remaining = 0
        var i = start
        while i < all.count {
            let s = all[i]
            i += 1
            guard sel.matches(s.labels), fsel.matches(s.object) else { continue }
            if limit > 0 && items.count == limit {
                remaining = 1 + all[i...].filter { sel.matches($0.labels) && fsel.matches($0.object) }.count
                let last = items.last!
                let tok: JSON = ["v": "meta.k8s.io/v1", "rv": .int(Int64(listRV)),
                                 "start": .string(ObjectKey(namespace: last.namespace, name: last.name).path)]
                next = Data(tok.bytes).base64EncodedString()
                break
            }
            items.append(s)
        }
        switch format {
        case .json:
            var out: [UInt8] = Array("{\"apiVersion\":\"\(t.apiVersion)\",\"items\":[".utf8)
            out.reserveCapacity(items.reduce(256) { $0 + $1.bytes.count + 1 })
            for (n, s) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: s.bytes)
            }
            var meta: JSON = ["resourceVersion": .string(String(listRV))]
            if let next {
                meta["continue"] = .string(next)
                meta["remainingItemCount"] = .num(remaining)
            }
            out.append(contentsOf: "],\"kind\":\"\(t.kind)List\",\"metadata\":".utf8)
            meta.write(into: &out)
            out.append(UInt8(ascii: "}"))
            return .json(200, out)
        case .table(let av, let include):
            let table = TableConverter(now: cluster.clock.now).table(t, items, apiVersion: av, include: include, rv: listRV, continueToken: next)
            return .json(200, table.bytes)
        case .partialMetadata(let av):
            var meta: JSON = ["resourceVersion": .string(String(listRV))]
            if let next { meta["continue"] = .string(next) }
            let list: JSON = ["kind": "PartialObjectMetadataList", "apiVersion": .string(av), "metadata": meta,
                              "items": .array(items.map { APIServer.partial(t, $0, av) })]
            return .json(200, list.bytes)
        }
    }
}

import Foundation
