import KFTemplate

/// `.Chart` in Helm templates: `struct { chart.Metadata; IsRoot bool }`, so `.Chart.Name` is a Go
/// field and an unknown field is an error (not empty, as for maps).
struct ChartObject: TemplateObject {
    let metadata: ChartMetadata
    let isRoot: Bool

    var goTypeName: String { "struct { chart.Metadata; IsRoot bool }" }
    var goDescription: String { "{\(MetadataObject(metadata: metadata).goDescription) \(isRoot)}" }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "IsRoot": .bool(isRoot)
        case "Metadata": .object(MetadataObject(metadata: metadata))
        default: try MetadataObject(metadata: metadata).member(name)
        }
    }
}

/// `chart.Metadata` with its Go field names.
struct MetadataObject: TemplateObject {
    let metadata: ChartMetadata

    var goTypeName: String { "chart.Metadata" }

    var goDescription: String {
        let m = metadata
        let fields: [String] = [
            m.name, m.home, list(m.sources), m.version, m.description, list(m.keywords),
            pointers(m.maintainers.count), m.icon, m.apiVersion, m.condition, m.tags, m.appVersion,
            String(m.deprecated), GoFormat.string(stringMap(m.annotations)), m.kubeVersion,
            pointers(m.dependencies.count), m.type,
        ]
        return "{" + fields.joined(separator: " ") + "}"
    }

    func member(_ name: String) throws -> Value? {
        let m = metadata
        return switch name {
        case "Name": .string(m.name)
        case "Home": .string(m.home)
        case "Sources": .strings(m.sources)
        case "Version": .string(m.version)
        case "Description": .string(m.description)
        case "Keywords": .strings(m.keywords)
        case "Maintainers": .list(m.maintainers.map { .object(MaintainerObject(maintainer: $0)) })
        case "Icon": .string(m.icon)
        case "APIVersion": .string(m.apiVersion)
        case "Condition": .string(m.condition)
        case "Tags": .string(m.tags)
        case "AppVersion": .string(m.appVersion)
        case "Deprecated": .bool(m.deprecated)
        case "Annotations": stringMap(m.annotations)
        case "KubeVersion": .string(m.kubeVersion)
        case "Dependencies": .list(m.dependencies.map { .object(DependencyObject(dependency: $0)) })
        case "Type": .string(m.type)
        default: nil
        }
    }

    private func list(_ items: [String]) -> String { "[" + items.joined(separator: " ") + "]" }
    private func pointers(_ count: Int) -> String {
        "[" + Array(repeating: "0xc000010000", count: count).joined(separator: " ") + "]"
    }
    private func stringMap(_ map: [String: String]) -> Value {
        .map(GoMap(map.mapValues { .string($0) }))
    }
}

/// `*chart.Maintainer`.
struct MaintainerObject: TemplateObject {
    let maintainer: ChartMetadata.Maintainer
    var goTypeName: String { "*chart.Maintainer" }
    var goDescription: String { "&{\(maintainer.name) \(maintainer.email) \(maintainer.url)}" }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "Name": .string(maintainer.name)
        case "Email": .string(maintainer.email)
        case "URL": .string(maintainer.url)
        default: nil
        }
    }
}

/// `*chart.Dependency`.
struct DependencyObject: TemplateObject {
    let dependency: ChartMetadata.Dependency
    var goTypeName: String { "*chart.Dependency" }
    var goDescription: String {
        let d = dependency
        return "&{\(d.name) \(d.version) \(d.repository) \(d.condition) [\(d.tags.joined(separator: " "))] \(d.enabled) [] \(d.alias)}"
    }
    func member(_ name: String) throws -> Value? {
        let d = dependency
        return switch name {
        case "Name": .string(d.name)
        case "Version": .string(d.version)
        case "Repository": .string(d.repository)
        case "Condition": .string(d.condition)
        case "Tags": .strings(d.tags)
        case "Enabled": .bool(d.enabled)
        case "ImportValues": .list([])
        case "Alias": .string(d.alias)
        default: nil
        }
    }
}
