import KFTemplate

/// Renders charts as Helm v3.9.4 does (`engine.Render`, `helm template`), after KubeFATE's values step.
public enum ChartRenderer {
    /// Kubernetes version `helm template` v3.9.4 assumes.
    public static let defaultKubeVersion = "v1.24.0"

    /// Helm's `engine.Render` for a chart: `userValues` coalesced over the chart's values, every
    /// template parsed into one set and each non-partial executed, `<no value>` removed.
    /// `language` picks the Go `text/template` release emulated (Helm v3.9.4 was built with Go 1.17).
    ///
    /// - Returns: rendered text keyed by template name (`mychart/templates/case.yaml`), NOTES.txt
    ///   included.
    /// - Throws: `ChartError.render` with Helm's text: `parse error at (<file>:<line>): …`,
    ///   `execution error at (<file>:<line>:<col>): …` for `required`/`fail`, otherwise Go's
    ///   `template: <file>:<line>:<col>: executing …`; `ChartError.values` when the coalesced
    ///   values break the chart's `values.schema.json` (checked before rendering, as Helm does).
    public static func renderTemplates(chart: Chart, userValues: Value, release: ReleaseOptions,
                                       kubeVersion: String = defaultKubeVersion,
                                       language: TemplateOptions.Language = .go117) throws(ChartError) -> [String: String] {
        try renderTemplates(chart: chart, userValues: userValues, release: release,
                            capabilities: Capabilities(kubeVersion: kubeVersion), language: language)
    }

    /// `renderTemplates` with explicit capabilities (e.g. the live cluster's version and API groups).
    public static func renderTemplates(chart: Chart, userValues: Value, release: ReleaseOptions,
                                       capabilities: Capabilities,
                                       language: TemplateOptions.Language = .go117) throws(ChartError) -> [String: String] {
        let user: GoMap
        switch userValues {
        case .map(let map): user = map
        case .null: user = GoMap([:])
        default: throw ChartError(.values, "values must be a map, not \(SigsFields.jsonKind(userValues))")
        }
        let values = Coalesce.values(user, over: chart.values)
        try chart.enforceSchema(on: values)
        let top = renderValues(chart: chart, values: GoMap(values.dictionary, kind: .chartValues),
                               release: release, capabilities: capabilities)
        return try render(chart: chart, top: top, language: language)
    }

    /// The top-level data of a render (`ToRenderValues` + `recAllTpls` for the root chart).
    static func renderValues(chart: Chart, values: GoMap, release: ReleaseOptions, capabilities: Capabilities) -> GoMap {
        let releaseMap = GoMap([
            "Name": .string(release.name),
            "Namespace": .string(release.namespace),
            "IsUpgrade": .bool(release.isUpgrade),
            "IsInstall": .bool(release.isInstall),
            "Revision": .int(release.revision),
            "Service": .string("Helm"),
        ])
        return GoMap([
            "Chart": .object(ChartObject(metadata: chart.metadata, isRoot: true)),
            "Files": .object(FilesObject(chart: chart)),
            "Release": .map(releaseMap),
            "Capabilities": .object(capabilities),
            "Values": .map(values),
            "Subcharts": .map(GoMap([:])),
        ], kind: .chartValues)
    }

    /// Helm's `engine.render`: parse all templates in `sortTemplates` order, execute non-partials.
    static func render(chart: Chart, top: GoMap, language: TemplateOptions.Language) throws(ChartError) -> [String: String] {
        let basePath = chart.name + "/templates"
        var sources: [String: String] = [:]
        for file in chart.templates { sources[chart.name + "/" + file.name] = file.text }
        let order = sortTemplates(Array(sources.keys))

        var set = TemplateSet(rootName: "gotpl", functions: .helm, options: TemplateOptions(missingKey: .zero, language: language))
        for name in order {
            do {
                try set.parse(name: name, text: sources[name] ?? "")
            } catch {
                throw ChartError(.render, HelmErrors.cleanupParseError(filename: name, message: error.message))
            }
        }
        var rendered: [String: String] = [:]
        for name in order {
            if baseName(name).hasPrefix("_") { continue }
            top["Template"] = .map(GoMap(["Name": .string(name), "BasePath": .string(basePath)], kind: .chartValues))
            let output: String
            do {
                output = try set.execute(name: name, data: .map(top))
            } catch {
                throw ChartError(.render, HelmErrors.cleanupExecError(filename: name, message: error.message))
            }
            rendered[name] = GoText.replaceAll(output, "<no value>", with: "")
        }
        return rendered
    }

    /// `sort.Reverse(byPathLen)` (the order of `HelmErrors.templateOrder`): more `/` first,
    /// equal depth in reverse byte order. Keys are computed once per name.
    static func sortTemplates(_ names: [String]) -> [String] {
        let keyed = names.map { name in
            (name: name, bytes: Array(name.utf8), depth: name.utf8.count(where: { $0 == UInt8(ascii: "/") }))
        }
        return keyed.sorted { a, b in
            a.depth != b.depth ? a.depth > b.depth : b.bytes.lexicographicallyPrecedes(a.bytes)
        }.map(\.name)
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
