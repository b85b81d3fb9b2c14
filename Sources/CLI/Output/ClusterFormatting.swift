import KFModels
import KFTemplate

/// How clusters print: KubeFATE's `cluster list` / `cluster describe` tables (§6.4) and the line
/// job-creating commands print.
enum ClusterFormatting {
    /// What install, update and delete print; scripts take the text after the last `=`.
    static func jobCreated(_ jobID: String) -> String {
        "create job Success, job id=\(jobID)\r\n"
    }

    static func listTable(_ clusters: [Cluster], now: Timestamp = .now()) -> String {
        var table = Table()
        table.addRow("UUID", "NAME", "NAMESPACE", "REVISION", "STATUS", "CHART", "ChartVERSION", "AGE")
        for cluster in clusters {
            table.addRow(cluster.uuid, cluster.name, cluster.namespace, String(cluster.revision), cluster.status.name,
                         cluster.chartName, cluster.chartVersion, age(cluster.createdAt, now: now))
        }
        return table.render()
    }

    static func describeTable(_ cluster: Cluster, maxColumnWidth: Int, now: Timestamp = .now()) -> String {
        var table = Table(maxColumnWidth: maxColumnWidth)
        table.addRow("UUID", cluster.uuid)
        table.addRow("Name", cluster.name)
        table.addRow("NameSpace", cluster.namespace)
        table.addRow("ChartName", cluster.chartName)
        table.addRow("ChartVersion", cluster.chartVersion)
        table.addRow("Revision", String(cluster.revision))
        table.addRow("Age", age(cluster.createdAt, now: now))
        table.addRow("Status", cluster.status.name)
        table.addRow("Spec", yaml(cluster.spec))
        table.addRow("Info", yaml(cluster.info))
        return table.render()
    }

    /// Time since `createdAt`, humanised.
    static func age(_ createdAt: Timestamp, now: Timestamp) -> String {
        let interval = now.since(createdAt)
        return HumanDuration.format(seconds: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
    }

    /// A free-form map as YAML with sorted keys (`sigs.k8s.io/yaml`), `null` when absent.
    static func yaml(_ value: JSONValue?) -> String {
        guard let value else { return "null" }
        return (try? YAML.encodeHelm(templateValue(value))) ?? "null"
    }

    static func templateValue(_ value: JSONValue) -> Value {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .float64(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(templateValue))
        case .object(let members): .map(members.mapValues(templateValue))
        }
    }
}
