/// `metadata.managedFields` bookkeeping for Update operations and server-side apply.
enum ManagedFields {
    static let systemMetadata = ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                                 "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"]

    struct Entry {
        var manager: String
        var operation: String
        var apiVersion: String
        var time: String
        var subresource: String?
        var fields: FieldSet

        init(_ j: JSON) {
            manager = j["manager"]?.string ?? ""
            operation = j["operation"]?.string ?? "Update"
            apiVersion = j["apiVersion"]?.string ?? ""
            time = j["time"]?.string ?? ""
            subresource = j["subresource"]?.string
            fields = FieldSet(fieldsV1: j["fieldsV1"] ?? .emptyObject)
        }

        init(manager: String, operation: String, apiVersion: String, time: String, subresource: String?, fields: FieldSet) {
            self.manager = manager
            self.operation = operation
            self.apiVersion = apiVersion
            self.time = time
            self.subresource = subresource
            self.fields = fields
        }

        var json: JSON {
            var j: JSON = ["manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
                           "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1]
            if let subresource { j["subresource"] = .string(subresource) }
            return j
        }
    }

    static func entries(_ o: JSON) -> [Entry] { (o[path: ["metadata", "managedFields"]]?.array ?? []).map(Entry.init) }

    static func store(_ entries: [Entry], into o: inout JSON) {
        let kept = entries.filter { !$0.fields.paths.isEmpty }
        o[path: ["metadata", "managedFields"]] = kept.isEmpty ? nil : .array(kept.map(\.json))
    }

    /// The object without server-owned metadata, for field extraction.
    static func stripped(_ o: JSON, keepStatus: Bool) -> JSON {
        var c = o
        for k in systemMetadata { c[path: ["metadata", k]] = nil }
        if c["metadata"]?.object?.isEmpty == true { c["metadata"] = nil }
        c["kind"] = nil
        c["apiVersion"] = nil
        if !keepStatus { c["status"] = nil }
        return c
    }

    /// Gives `manager` ownership of every field this write changed (an Update operation).
    static func recordUpdate(_ o: inout JSON, old: JSON?, manager: String, apiVersion: String, time: String,
                             schemas: SchemaSet?, kind: String, subresource: String? = nil)
    {
        let ex = FieldExtractor(schemas: schemas)
        let schema = schemas?.schema(apiVersion: apiVersion, kind: kind)
        let isStatus = subresource == "status"
        let newV = stripped(o, keepStatus: isStatus)
        let newF = ex.fields(newV, schema: schema)
        var changed: Set<[PathElement]> = []
        var removed: Set<[PathElement]> = []
        if let old {
            let oldV = stripped(old, keepStatus: isStatus)
            for p in newF where FieldExtractor.value(at: p, in: newV) != FieldExtractor.value(at: p, in: oldV) { changed.insert(p) }
            removed = ex.fields(oldV, schema: schema).subtracting(newF)
        } else {
            changed = newF
        }
        var es = entries(old ?? o)
        if old == nil { es = [] }
        guard !changed.isEmpty || !removed.isEmpty else {
            store(es, into: &o)
            return
        }
        for i in es.indices {
            es[i].fields.paths.subtract(changed)
            es[i].fields.paths.subtract(removed)
        }
        if let i = es.firstIndex(where: { $0.manager == manager && $0.operation == "Update" && $0.subresource == subresource }) {
            es[i].fields.paths.formUnion(changed)
            es[i].time = time
            es[i].apiVersion = apiVersion
        } else {
            es.append(Entry(manager: manager, operation: "Update", apiVersion: apiVersion, time: time,
                            subresource: subresource, fields: FieldSet(paths: changed)))
        }
        store(es, into: &o)
    }
}
