import KFKube

/// Any JSON key, so records keep the fields Helm adds that we do not model.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// The value at `key`; absent and `null` (Go's nil maps, slices and omitted fields) read as nil.
    func lenient<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        let key = AnyKey(key)
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode(type, forKey: key)
    }

    /// Every field not in `known`, verbatim.
    func extras(excluding known: Set<String>) throws -> [String: KubeJSON] {
        var extra: [String: KubeJSON] = [:]
        for key in allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try decode(KubeJSON.self, forKey: key)
        }
        return extra
    }
}

extension KeyedEncodingContainer where Key == AnyKey {
    mutating func encode<T: Encodable>(_ value: T, _ key: String) throws {
        try encode(value, forKey: AnyKey(key))
    }

    mutating func encodeExtras(_ extra: [String: KubeJSON]) throws {
        for (key, value) in extra { try encode(value, forKey: AnyKey(key)) }
    }
}

extension HelmRelease: Codable {
    static let fields: Set<String> = ["name", "namespace", "version", "info", "chart", "config", "manifest", "hooks", "apply_method"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let name = try c.lenient(String.self, "name"), !name.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "release has no name"))
        }
        self.init(name: name, namespace: try c.lenient(String.self, "namespace") ?? "",
                  version: try c.lenient(Int.self, "version") ?? 0,
                  info: try c.lenient(Info.self, "info") ?? Info(firstDeployed: "", lastDeployed: "", deleted: "", description: "",
                                                                 status: .unknown, notes: nil),
                  chart: try c.lenient(Chart.self, "chart") ?? Chart(metadata: .object([:]), templates: [], values: .null, files: nil),
                  config: try c.lenient(KubeJSON.self, "config") ?? .null,
                  manifest: try c.lenient(String.self, "manifest") ?? "",
                  hooks: try c.lenient(KubeJSON.self, "hooks"),
                  applyMethod: try c.lenient(String.self, "apply_method"),
                  extra: try c.extras(excluding: Self.fields))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeExtras(extra)
        try c.encode(name, "name")
        try c.encode(namespace, "namespace")
        try c.encode(version, "version")
        try c.encode(info, "info")
        try c.encode(chart, "chart")
        try c.encode(config == .null ? KubeJSON.object([:]) : config, "config")
        try c.encode(manifest, "manifest")
        if let hooks { try c.encode(hooks, "hooks") }
        if let applyMethod { try c.encode(applyMethod, "apply_method") }
    }
}

extension HelmRelease.Info: Codable {
    static let fields: Set<String> = ["first_deployed", "last_deployed", "deleted", "description", "status", "notes"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(firstDeployed: try c.lenient(String.self, "first_deployed") ?? "",
                  lastDeployed: try c.lenient(String.self, "last_deployed") ?? "",
                  deleted: try c.lenient(String.self, "deleted") ?? "",
                  description: try c.lenient(String.self, "description") ?? "",
                  status: try c.lenient(HelmRelease.Status.self, "status") ?? .unknown,
                  notes: try c.lenient(String.self, "notes"),
                  extra: try c.extras(excluding: Self.fields))
    }

    /// Times are always valid Go `time.Time` text: Go refuses `""`, so an unset time is written
    /// as the zero time, as Helm 3 does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeExtras(extra)
        func time(_ text: String) -> String { text.isEmpty ? HelmReleaseRecord.zeroTime : text }
        try c.encode(time(firstDeployed), "first_deployed")
        try c.encode(time(lastDeployed), "last_deployed")
        try c.encode(time(deleted), "deleted")
        try c.encode(description, "description")
        try c.encode(status, "status")
        if let notes, !notes.isEmpty { try c.encode(notes, "notes") }
    }
}

extension HelmRelease.File: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(name: try c.lenient(String.self, "name") ?? "", data: try c.lenient(String.self, "data") ?? "",
                  extra: try c.extras(excluding: ["name", "data"]))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeExtras(extra)
        try c.encode(name, "name")
        try c.encode(data, "data")
    }
}

extension HelmRelease.Chart: Codable {
    static let fields: Set<String> = ["metadata", "templates", "values", "files"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        self.init(metadata: try c.lenient(KubeJSON.self, "metadata") ?? .object([:]),
                  templates: try c.lenient([HelmRelease.File].self, "templates") ?? [],
                  values: try c.lenient(KubeJSON.self, "values") ?? .null,
                  files: try c.lenient([HelmRelease.File].self, "files"),
                  extra: try c.extras(excluding: Self.fields))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeExtras(extra)
        try c.encode(metadata, "metadata")
        try c.encode(templates, "templates")
        try c.encode(values, "values")
        if let files { try c.encode(files, "files") }
    }
}
