import KFDatabase
import KFModels

// The wire forms of the models the hot routes answer with, keys in the order `JSONEncoder`'s
// `.sortedKeys` puts them (UTF-8 byte order: capitalised gorm keys first). Each must stay equal to
// the type's `encode(to:)`; `JSONWriterTests` compares them.

extension Job: JSONWritable {
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        w.raw("{\"CreatedAt\":")
        w.timestamp(createdAt)
        w.raw(",\"DeletedAt\":")
        w.timestamp(deletedAt)
        w.raw(",\"ID\":")
        w.int(id)
        w.raw(",\"UpdatedAt\":")
        w.timestamp(updatedAt)
        w.raw(",\"attempt\":")
        w.int(attempt)
        w.raw(",\"cluster_id\":")
        w.string(clusterID)
        w.raw(",\"creator\":")
        w.string(creator)
        w.raw(",\"end_time\":")
        w.timestamp(endTime)
        w.raw(",\"lease_owner\":")
        w.string(leaseOwner)
        w.raw(",\"lease_until\":")
        w.timestamp(leaseUntil)
        w.raw(",\"meta_data\":")
        if let metadata { try metadata.write(to: &w) } else { w.null() }
        w.raw(",\"method\":")
        w.string(method.rawValue)
        w.raw(",\"reason\":")
        w.string(reason)
        w.raw(",\"start_time\":")
        w.timestamp(startTime)
        w.raw(",\"states\":")
        if states.isEmpty {
            w.null()
        } else {
            w.raw("[")
            for (i, state) in states.enumerated() {
                if i > 0 { w.raw(",") }
                w.string(state)
            }
            w.raw("]")
        }
        w.raw(",\"status\":")
        w.string(status.name)
        w.raw(",\"sub_jobs\":")
        if subJobs.isEmpty {
            w.null()
        } else {
            w.raw("{")
            for (i, entry) in subJobs.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { w.raw(",") }
                w.string(entry.key)
                w.raw(":")
                try entry.value.write(to: &w)
            }
            w.raw("}")
        }
        w.raw(",\"tenant\":")
        w.string(tenant)
        w.raw(",\"time_limit\":")
        w.int(timeLimit.nanoseconds)
        w.raw(",\"uuid\":")
        w.string(uuid)
        w.raw("}")
    }
}

extension SubJob: JSONWritable {
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        w.raw("{\"Duration\":")
        w.int(duration.nanoseconds)
        w.raw(",\"EndTime\":")
        w.timestamp(endTime)
        w.raw(",\"ModuleName\":")
        w.string(moduleName)
        w.raw(",\"ModulesStatus\":")
        w.string(modulesStatus.rawValue)
        w.raw(",\"PodStatus\":")
        w.string(podStatus)
        w.raw(",\"Reason\":")
        w.string(reason)
        w.raw(",\"StartTime\":")
        w.timestamp(startTime)
        w.raw(",\"Status\":")
        w.string(status.rawValue)
        w.raw("}")
    }
}

extension ClusterArgs: JSONWritable {
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        w.raw("{\"Keep_upgrade_job\":")
        w.bool(keepUpgradeJob)
        w.raw(",\"chart_name\":")
        w.string(chartName)
        w.raw(",\"chart_version\":")
        w.string(chartVersion)
        w.raw(",\"cover\":")
        w.bool(cover)
        w.raw(",\"data\":")
        w.base64(data)
        w.raw(",\"name\":")
        w.string(name)
        w.raw(",\"namespace\":")
        w.string(namespace)
        w.raw("}")
    }
}

extension Cluster: JSONWritable {
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        try write(to: &w, spec: .value(spec))
    }

    /// Where `Spec` comes from: the parsed value, or the stored JSON text (written canonically,
    /// the same bytes).
    enum SpecSource {
        case value(JSONValue?)
        case text(String?)
    }

    func write(to w: inout JSONWriter, spec source: SpecSource) throws(JSONWriter.Failure) {
        w.raw("{\"CreatedAt\":")
        w.timestamp(createdAt)
        w.raw(",\"DeletedAt\":")
        w.timestamp(deletedAt)
        w.raw(",\"ID\":")
        w.int(id)
        if let info {
            w.raw(",\"Info\":")
            try w.json(info)
        }
        switch source {
        case .value(let spec?):
            w.raw(",\"Spec\":")
            try w.json(spec)
        case .text(let text?) where !text.isEmpty:
            w.raw(",\"Spec\":")
            try w.canonicalJSON(text)
        case .value(nil), .text:
            break
        }
        w.raw(",\"UpdatedAt\":")
        w.timestamp(updatedAt)
        w.raw(",\"chart_name\":")
        w.string(chartName)
        w.raw(",\"chart_values\":null,\"chart_version\":")
        w.string(chartVersion)
        w.raw(",\"helm_revision\":")
        w.int(helmRevision)
        w.raw(",\"name\":")
        w.string(name)
        w.raw(",\"namespaces\":")
        w.string(namespace)
        w.raw(",\"revision\":")
        w.int(revision)
        w.raw(",\"status\":")
        w.string(status.name)
        w.raw(",\"tenant\":")
        w.string(tenant)
        w.raw(",\"uuid\":")
        w.string(uuid)
        w.raw(",\"values\":")
        w.string(values)
        w.raw("}")
    }
}

extension ClusterListing: JSONWritable {
    /// The cluster as `Cluster` writes it with `Spec` parsed from `specJSON`, without parsing it.
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        try cluster.write(to: &w, spec: .text(specJSON))
    }
}

extension Envelope: JSONWritable where T: JSONWritable {
    func write(to w: inout JSONWriter) throws(JSONWriter.Failure) {
        w.raw("{\"data\":")
        try data.write(to: &w)
        w.raw(",\"msg\":")
        w.string(msg)
        w.raw("}")
    }
}
