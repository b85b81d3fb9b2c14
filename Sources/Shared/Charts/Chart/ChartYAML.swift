import KFTemplate

/// The YAML decodings the chart code needs, with errors turned into `ChartError`.
enum ChartYAML {
    /// `sigs.k8s.io/yaml.Unmarshal` into `map[string]interface{}`: null/empty → empty map,
    /// anything but a mapping → error.
    static func decodeValues(_ text: String) throws(ChartError) -> GoMap {
        let value: Value
        do {
            value = try YAML.decodeHelm(text)
        } catch {
            throw ChartError(.values, "error converting YAML to JSON: \(error)")
        }
        switch value {
        case .null: return GoMap([:])
        case .map(let map): return map
        default:
            throw ChartError(.values, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(SigsFields.jsonKind(value)) into Go value of type map[string]interface {}")
        }
    }

    /// The raw yaml.v2 decoding (ints stay ints, mappings keep scalar keys), for decoding into
    /// Go structs with `SigsFields`.
    static func decodeStructured(_ text: String) throws(ChartError) -> Value {
        do {
            return try YAML.decodeV2(text)
        } catch {
            throw ChartError(.invalidChart, "error converting YAML to JSON: \(error)")
        }
    }
}
