/// One YAML document of a rendered chart, with the header fields Helm reads from it.
public struct ManifestObject: Sendable, Equatable {
    /// The template it came from, e.g. `fate/templates/core/fateflow/service.yaml`.
    public var source: String
    /// `apiVersion` (empty when absent).
    public var apiVersion: String
    /// `kind` (empty for a comment-only document).
    public var kind: String
    /// `metadata.name` (empty when absent).
    public var name: String
    /// `metadata.namespace`, when the document sets one.
    public var namespace: String?
    /// `metadata.annotations`.
    public var annotations: [String: String]
    /// The document text as Helm keeps it (trimmed, without the `---`/`# Source:` header).
    public var text: String
    /// Set when the document is a Helm hook (`helm.sh/hook` annotation).
    public var hook: Hook?

    public init(source: String, apiVersion: String, kind: String, name: String, namespace: String?,
                annotations: [String: String], text: String, hook: Hook?) {
        self.source = source
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.annotations = annotations
        self.text = text
        self.hook = hook
    }

    /// A Helm hook: the events it runs on, its weight and delete policies.
    public struct Hook: Sendable, Equatable {
        /// Hook events in annotation order (`pre-install`, `post-install`, `test`, …).
        public var events: [String]
        /// `helm.sh/hook-weight` as an integer (0 when absent or not a number).
        public var weight: Int
        /// `helm.sh/hook-delete-policy` values.
        public var deletePolicies: [String]

        public init(events: [String], weight: Int, deletePolicies: [String]) {
            self.events = events
            self.weight = weight
            self.deletePolicies = deletePolicies
        }
    }

    /// The document as `helm template` prints it: `---\n# Source: <source>\n<text>\n`.
    public var printed: String {
        "---\n# Source: \(source)\n\(text)\n"
    }
}
