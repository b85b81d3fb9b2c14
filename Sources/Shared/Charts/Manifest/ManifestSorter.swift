import KFTemplate

/// Helm's `releaseutil.SortManifests`: rendered files into ordered objects and hooks.
public enum ManifestSorter {
    /// Hook event names Helm v3.9.4 knows (`test-success` is Helm 2's name for `test`).
    static let hookEvents: [String: String] = [
        "pre-install": "pre-install", "post-install": "post-install",
        "pre-delete": "pre-delete", "post-delete": "post-delete",
        "pre-upgrade": "pre-upgrade", "post-upgrade": "post-upgrade",
        "pre-rollback": "pre-rollback", "post-rollback": "post-rollback",
        "test": "test", "test-success": "test",
    ]

    /// Splits every rendered file (keyed by template name) into documents and sorts them.
    ///
    /// Files are visited in byte order of their names, partials (`_*`) and blank files skipped,
    /// documents kept in file order, then both lists are stably sorted by `order`. Documents
    /// with an unknown `helm.sh/hook` event are dropped, as Helm does.
    ///
    /// - Throws: `ChartError.manifest` (`YAML parse error on <file>: …`) when a document's
    ///   header cannot be decoded.
    public static func sort(files: [String: String], order: [String] = KindSorter.installOrder)
        throws(ChartError) -> (manifests: [ManifestObject], hooks: [ManifestObject]) {
        var manifests: [ManifestObject] = []
        var hooks: [ManifestObject] = []
        for path in files.keys.sorted(by: goLess) {
            guard let content = files[path] else { continue }
            let base = path.split(separator: "/").last.map(String.init) ?? path
            if base.hasPrefix("_") || GoText.isBlank(content) { continue }
            for document in ManifestSplitter.split(content) {
                let object: ManifestObject
                do {
                    object = try head(of: document, source: path)
                } catch {
                    throw ChartError(.manifest, "YAML parse error on \(path): \(error.message)")
                }
                guard object.annotations["helm.sh/hook"] != nil else {
                    manifests.append(object)
                    continue
                }
                if object.hook != nil { hooks.append(object) }
            }
        }
        return (KindSorter.sorted(manifests, order: order), KindSorter.sorted(hooks, order: order))
    }

    /// Decodes a document's `SimpleHead` (apiVersion, kind, metadata.name/annotations) plus
    /// `metadata.namespace`.
    static func head(of document: String, source: String) throws(ChartError) -> ManifestObject {
        let value = try ChartYAML.decodeStructured(document)
        let top = try SigsFields(value, typeName: "SimpleHead", fields: ["apiVersion", "kind", "metadata"])
        let meta = try SigsFields(top.raw("metadata") ?? .null, typeName: "SimpleHead", path: "metadata.",
                                  fields: ["name", "annotations", "namespace"])
        let annotations = try meta.stringMap("annotations")
        var namespace: String?
        if case .string(let ns)? = meta.raw("namespace") { namespace = ns }
        var object = ManifestObject(source: source, apiVersion: try top.string("apiVersion"), kind: try top.string("kind"),
                                    name: try meta.string("name"), namespace: namespace,
                                    annotations: annotations, text: document, hook: nil)
        if let hookTypes = annotations["helm.sh/hook"] {
            var events: [String] = []
            for raw in hookTypes.split(separator: ",", omittingEmptySubsequences: false) {
                guard let event = hookEvents[GoText.trimSpace(String(raw)).lowercased()] else {
                    return object
                }
                events.append(event)
            }
            let policies = (annotations["helm.sh/hook-delete-policy"] ?? "")
                .split(separator: ",").map { GoText.trimSpace(String($0)).lowercased() }.filter { !$0.isEmpty }
            let weight = Int(annotations["helm.sh/hook-weight"] ?? "") ?? 0
            object.hook = .init(events: events, weight: weight, deletePolicies: policies)
        }
        return object
    }
}
