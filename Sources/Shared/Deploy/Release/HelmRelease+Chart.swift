import Foundation
import KFCharts
import KFKube
import KFTemplate

extension HelmRelease.Chart {
    /// The chart as Helm's release record stores it: `Chart.yaml` as Helm's `Metadata` struct
    /// (every string field a JSON string, empty ones omitted), templates and other files base64,
    /// default values as JSON and `values.schema.json` as `schema`.
    public init(_ chart: KFCharts.Chart) throws {
        var extra: [String: KubeJSON] = [:]
        if let schema = chart.schema { extra["schema"] = .string(Data(schema).base64EncodedString()) }
        self.init(metadata: Self.metadata(chart.metadata),
                  templates: chart.templates.map { HelmRelease.File(name: $0.name, data: Data($0.data).base64EncodedString()) },
                  values: try KubeJSON.decode(Array(JSON.encode(Value.map(chart.values), escapeHTML: false).utf8)),
                  files: chart.files.map { HelmRelease.File(name: $0.name, data: Data($0.data).base64EncodedString()) },
                  extra: extra)
    }

    /// `chart.Metadata` with Helm's JSON tags (`omitempty` on all but name, version, apiVersion).
    static func metadata(_ m: ChartMetadata) -> KubeJSON {
        var fields: [String: KubeJSON] = ["name": .string(m.name), "version": .string(m.version), "apiVersion": .string(m.apiVersion)]
        func put(_ key: String, _ value: String) { if !value.isEmpty { fields[key] = .string(value) } }
        func put(_ key: String, _ values: [String]) { if !values.isEmpty { fields[key] = .array(values.map(KubeJSON.string)) } }
        put("home", m.home)
        put("sources", m.sources)
        put("description", m.description)
        put("keywords", m.keywords)
        put("icon", m.icon)
        put("condition", m.condition)
        put("tags", m.tags)
        put("appVersion", m.appVersion)
        put("kubeVersion", m.kubeVersion)
        put("type", m.type)
        if m.deprecated { fields["deprecated"] = true }
        if !m.annotations.isEmpty { fields["annotations"] = .object(m.annotations.mapValues(KubeJSON.string)) }
        if !m.maintainers.isEmpty {
            fields["maintainers"] = .array(m.maintainers.map { maintainer in
                var entry: [String: KubeJSON] = ["name": .string(maintainer.name)]
                if !maintainer.email.isEmpty { entry["email"] = .string(maintainer.email) }
                if !maintainer.url.isEmpty { entry["url"] = .string(maintainer.url) }
                return .object(entry)
            })
        }
        if !m.dependencies.isEmpty {
            fields["dependencies"] = .array(m.dependencies.map { dependency in
                var entry: [String: KubeJSON] = ["name": .string(dependency.name), "repository": .string(dependency.repository)]
                if !dependency.version.isEmpty { entry["version"] = .string(dependency.version) }
                if !dependency.condition.isEmpty { entry["condition"] = .string(dependency.condition) }
                if !dependency.tags.isEmpty { entry["tags"] = .array(dependency.tags.map(KubeJSON.string)) }
                if dependency.enabled { entry["enabled"] = true }
                if !dependency.alias.isEmpty { entry["alias"] = .string(dependency.alias) }
                return .object(entry)
            })
        }
        return .object(fields)
    }
}
