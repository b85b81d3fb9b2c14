import KFTemplate

/// A KubeFATE cluster spec (`cluster.yaml`), decoded as KubeFATE decodes it.
public struct ClusterSpec: Sendable {
    /// The spec as a Go `map[string]interface{}` (numbers float64, YAML 1.1 scalars resolved).
    public var value: Value

    /// Wraps an already decoded spec (e.g. stored as JSON with a cluster).
    public init(value: Value) {
        self.value = value
    }

    /// Decodes `cluster.yaml` text: `sigs.k8s.io/yaml` on KubeFATE's CLI, JSON to the server,
    /// `sigs.k8s.io/yaml` again, so numbers are float64 and `yes`/`on`/`012`… are already
    /// resolved, keys included.
    public init(yaml: String) throws(ChartError) {
        let decoded: Value
        do {
            decoded = try YAML.decodeHelm(yaml)
        } catch {
            throw ChartError(.values, "cluster spec: error converting YAML to JSON: \(error)")
        }
        switch decoded {
        case .map: value = decoded
        case .null: value = .map(GoMap([:]))
        default:
            throw ChartError(.values, "cluster spec: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(SigsFields.jsonKind(decoded)) into Go value of type map[string]interface {}")
        }
    }

    /// A top-level string field (`name`, `namespace`, `chartName`, `chartVersion`).
    public func string(_ key: String) -> String? {
        guard case .map(let map) = value, case .string(let s)? = map[key] else { return nil }
        return s
    }

    /// The release KubeFATE installs the spec as: `name` and `namespace` (flags override;
    /// namespace defaults to `default`).
    public func release(name: String? = nil, namespace: String? = nil) throws(ChartError) -> ReleaseOptions {
        guard let releaseName = name ?? string("name").flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ChartError(.values, "cluster spec has no name (the release name)")
        }
        let releaseNamespace = namespace ?? string("namespace").flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ReleaseOptions(name: releaseName, namespace: releaseNamespace)
    }
}
