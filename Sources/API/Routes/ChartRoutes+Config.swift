import Foundation

/// Settings of the chart store and of cluster spec checks (env `KUBEFATE_*`, see `Environment`).
struct ChartStoreConfig: Sendable {
    /// `KUBEFATE_CHART_MAX_BYTES`: largest chart upload (the whole multipart body), default 20 MiB;
    /// a larger one answers 413.
    var maxUploadBytes: Int
    /// `KUBEFATE_CHARTS_DIR`: colon-separated folders whose charts (directories holding a
    /// Chart.yaml, or `.tgz` packages) are loaded into the store as global charts at start.
    /// Default `charts`.
    var directories: [String]
    /// `KUBEFATE_SPEC_EXTRA_KEYS`: comma-separated top-level cluster spec keys that are not the
    /// chart's but an executor's (default `simulate`, the simulated executor's section); the spec
    /// check against a chart's values-template example accepts them.
    var extraSpecKeys: Set<String>

    init(environment env: Environment) throws(ConfigError) {
        maxUploadBytes = try env.int("KUBEFATE_CHART_MAX_BYTES", default: 20 << 20, range: 1024...(1 << 30))
        directories = env.string("KUBEFATE_CHARTS_DIR", default: "charts").split(separator: ":").map(String.init)
        extraSpecKeys = Set(env.string("KUBEFATE_SPEC_EXTRA_KEYS", default: "simulate").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
