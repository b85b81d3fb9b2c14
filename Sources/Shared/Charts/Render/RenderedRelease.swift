/// The result of rendering a chart for a cluster: what KubeFATE computes and what `helm template` prints.
public struct RenderedRelease: Sendable {
    /// The release the chart was rendered for.
    public var release: ReleaseOptions
    /// The output of KubeFATE's values step (the Helm user values, as text).
    public var valuesYAML: String
    /// Non-hook objects in Helm's install order.
    public var manifests: [ManifestObject]
    /// Hook objects (sorted by kind), printed after the manifests.
    public var hooks: [ManifestObject]
    /// The rendered `templates/NOTES.txt` of the chart, if any (not part of the manifest).
    public var notes: String?

    public init(release: ReleaseOptions, valuesYAML: String, manifests: [ManifestObject],
                hooks: [ManifestObject], notes: String?) {
        self.release = release
        self.valuesYAML = valuesYAML
        self.manifests = manifests
        self.hooks = hooks
        self.notes = notes
    }

    /// The release manifest as Helm stores it (`Σ "---\n# Source: <file>\n<doc>\n"`, no hooks).
    public var releaseManifest: String {
        manifests.map(\.printed).joined()
    }

    /// Exactly what `helm template` prints: the trimmed manifest plus a newline, then every hook.
    public var helmTemplateOutput: String {
        GoText.trimSpace(releaseManifest) + "\n" + hooks.map(\.printed).joined()
    }
}
