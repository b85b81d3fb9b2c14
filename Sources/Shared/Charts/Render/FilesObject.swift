import KFTemplate

/// `.Files` (Helm's `engine.files`, a `map[string][]byte` with helper methods).
struct FilesObject: TemplateObject {
    /// Files by path relative to the chart root.
    let files: [String: [UInt8]]

    init(_ files: [String: [UInt8]]) { self.files = files }

    init(chart: Chart) {
        var map: [String: [UInt8]] = [:]
        for file in chart.files { map[file.name] = file.data }
        files = map
    }

    var goTypeName: String { "engine.files" }
    var goKind: String { "map" }
    var goDescription: String {
        "map[" + files.keys.sorted(by: goLess).map { key in
            "\(key):[" + (files[key] ?? []).map(String.init).joined(separator: " ") + "]"
        }.joined(separator: " ") + "]"
    }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "AsConfig": return .string(asConfig())
        case "AsSecrets": return .string(asSecrets())
        default: return files[name].map { .string(String(decoding: $0, as: UTF8.self)) } ?? .null
        }
    }

    func method(_ name: String) -> GoFunction? {
        let files = files
        switch name {
        case "Get":
            return .plain([.string]) { args in
                .string(String(decoding: files[Self.string(args)] ?? [], as: UTF8.self))
            }
        case "Glob":
            return .plain([.string]) { args in
                let pattern = Glob(Self.string(args))
                return .object(FilesObject(files.filter { pattern.matches($0.key) }))
            }
        case "Lines":
            return .plain([.string]) { args in
                guard let data = files[Self.string(args)] else { return .strings([]) }
                var text = String(decoding: data, as: UTF8.self)
                if text.utf8.last == UInt8(ascii: "\n") { text = String(text.utf8.dropLast()) ?? text }
                return .strings(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            }
        default:
            return nil
        }
    }

    /// `AsConfig`: file base names to contents, as YAML (Helm's `toYaml`).
    func asConfig() -> String {
        guard !files.isEmpty else { return "" }
        var map: [String: Value] = [:]
        for (path, data) in files { map[Self.base(path)] = .string(String(decoding: data, as: UTF8.self)) }
        return HelmYAML.toYaml(.map(GoMap(map)))
    }

    /// `AsSecrets`: file base names to base64 contents, as YAML.
    func asSecrets() -> String {
        guard !files.isEmpty else { return "" }
        var map: [String: Value] = [:]
        for (path, data) in files { map[Self.base(path)] = .string(StdBase64.encode(data)) }
        return HelmYAML.toYaml(.map(GoMap(map)))
    }

    private static func base(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func string(_ args: [Value]) -> String {
        if case .string(let s)? = args.first { return s }
        return ""
    }
}
