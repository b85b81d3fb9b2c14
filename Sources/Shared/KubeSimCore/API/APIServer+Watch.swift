import Foundation

extension APIServer {
    /// A watch stream: newline-delimited JSON events, honouring resourceVersion, selectors, bookmarks,
    /// WatchList (`sendInitialEvents`) and `timeoutSeconds`; compacted versions give an ERROR 410 event.
    func watch(_ target: ResourceTarget, _ req: APIRequest) throws(KubeError) -> APIResponse {
        let t = target.type
        let format = try outputFormat(req)
        let sel = try LabelSelector(parsing: req.query["labelSelector"] ?? "")
        let fsel = try FieldSelector(parsing: req.query["fieldSelector"] ?? "", kind: t.kind)
        let rvParam = req.query["resourceVersion"] ?? ""
        let bookmarks = req.query["allowWatchBookmarks"] == "true"
        let sendInitial = req.query["sendInitialEvents"].map { $0 == "true" }
        if let sendInitial {
            var errs: [(String, String, String)] = []
            if req.query["resourceVersionMatch"] != "NotOlderThan" {
                errs.append(("FieldValueForbidden", "resourceVersionMatch", "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
            }
            if sendInitial && !bookmarks {
                errs.append(("FieldValueForbidden", "allowWatchBookmarks", "Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true"))
            }
            if !errs.isEmpty {
                let msgs = errs.map { "\($0.1): \($0.2)" }
                let joined = msgs.count == 1 ? msgs[0] : "[" + msgs.joined(separator: ", ") + "]"
                throw KubeError(code: 422, reason: "Invalid", message: "ListOptions.meta.k8s.io \"\" is invalid: \(joined)",
                                details: ["group": "meta.k8s.io", "kind": "ListOptions",
                                          "causes": .array(errs.map { ["reason": .string($0.0), "message": .string($0.2), "field": .string($0.1)] })])
            }
        }
        let start: Store.WatchStart
        if sendInitial == true || rvParam.isEmpty || rvParam == "0" {
            start = sendInitial == false ? .after(cluster.store.resourceVersion) : .current
        } else {
            guard let rv = UInt64(rvParam) else {
                throw KubeError.badRequest("resourceVersion: Invalid value: \"\(rvParam)\": must be a non-negative integer")
            }
            start = .after(rv)
        }
        let timeout = Double(req.query["timeoutSeconds"] ?? "").map { max(0, $0) }
        let sub: Store.Subscription
        let (out, cont) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        do {
            sub = try cluster.store.watch(t.storeKey, namespace: target.allNamespaces ? nil : target.namespace, from: start)
        } catch {
            var line: [UInt8] = Array("{\"object\":".utf8)
            error.status.write(into: &line)
            line.append(contentsOf: ",\"type\":\"ERROR\"}\n".utf8)
            cont.yield(line)
            cont.finish()
            return APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: .stream(out))
        }
        let encoder = WatchEncoder(type: t, format: format, now: cluster.clock)
        let matches: @Sendable (StoredObject) -> Bool = { sel.matches($0.labels) && fsel.matches($0.object) }
        let producer = Task {
            var enc = encoder
            for s in sub.initial where matches(s) { cont.yield(enc.line(.added, s)) }
            if sendInitial == true {
                cont.yield(enc.bookmark(sub.resourceVersion, initialEventsEnd: true))
            }
            for ev in sub.replay { if let l = enc.filtered(ev, matches) { cont.yield(l) } }
            var lastBookmark = Date()
            for await ev in sub.stream {
                if Task.isCancelled { break }
                if let l = enc.filtered(ev, matches) { cont.yield(l) }
                if bookmarks, Date().timeIntervalSince(lastBookmark) > 30 {
                    cont.yield(enc.bookmark(ev.resourceVersion, initialEventsEnd: false))
                    lastBookmark = Date()
                }
            }
            cont.finish()
        }
        let timer: Task<Void, Never>? = timeout.map { secs in
            Task {
                try? await Task.sleep(for: .seconds(secs))
                producer.cancel()
                cont.finish()
            }
        }
        cont.onTermination = { _ in
            producer.cancel()
            timer?.cancel()
        }
        return APIResponse(status: 200, headers: [("Content-Type", "application/json")], body: .stream(out))
    }
}

/// Turns store events into watch lines; Table watches send column definitions only in the first event.
struct WatchEncoder: Sendable {
    let type: ResourceType
    let format: OutputFormat
    let now: SimClock
    var sentColumns = false

    init(type: ResourceType, format: OutputFormat, now: SimClock) {
        self.type = type
        self.format = format
        self.now = now
    }

    mutating func filtered(_ ev: StoreEvent, _ matches: (StoredObject) -> Bool) -> [UInt8]? {
        let newMatch = matches(ev.object)
        let oldMatch = ev.previous.map(matches) ?? false
        switch ev.type {
        case .added: return newMatch ? line(.added, ev.object) : nil
        case .modified:
            if newMatch && oldMatch { return line(.modified, ev.object) }
            if newMatch { return line(.added, ev.object) }
            if oldMatch { return line(.deleted, ev.object) }
            return nil
        case .deleted: return (newMatch || oldMatch) ? line(.deleted, ev.object) : nil
        default: return nil
        }
    }

    mutating func line(_ kind: WatchEventType, _ s: StoredObject) -> [UInt8] {
        var out: [UInt8] = Array("{\"type\":\"\(kind.rawValue)\",\"object\":".utf8)
        switch format {
        case .json: out.append(contentsOf: APIServer.objectBytes(type, s))
        case .table(let av, let include):
            var table = TableConverter(now: now.now).table(type, [s], apiVersion: av, include: include, rv: s.resourceVersion, continueToken: nil)
            if sentColumns { table["columnDefinitions"] = .null }
            sentColumns = true
            table.write(into: &out)
        case .partialMetadata(let av): APIServer.partial(type, s, av).write(into: &out)
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    func bookmark(_ rv: UInt64, initialEventsEnd: Bool) -> [UInt8] {
        var meta: JSON = ["resourceVersion": .string(String(rv)), "creationTimestamp": .null]
        if initialEventsEnd { meta["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let obj: JSON = ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": meta]
        var out: [UInt8] = Array("{\"type\":\"BOOKMARK\",\"object\":".utf8)
        obj.write(into: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }
}
