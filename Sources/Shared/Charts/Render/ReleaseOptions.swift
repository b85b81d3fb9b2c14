/// The release a chart is rendered for (`.Release`).
public struct ReleaseOptions: Sendable, Equatable {
    /// Release name (KubeFATE: the cluster `name`).
    public var name: String
    /// Release namespace (KubeFATE: the cluster `namespace`).
    public var namespace: String
    /// Release revision, 1 for a first install.
    public var revision: Int
    /// True for an install, false for an upgrade (`.Release.IsUpgrade` is the opposite).
    public var isInstall: Bool

    public init(name: String, namespace: String, revision: Int = 1, isInstall: Bool = true) {
        self.name = name
        self.namespace = namespace
        self.revision = revision
        self.isInstall = isInstall
    }

    /// `.Release.IsUpgrade`.
    public var isUpgrade: Bool { !isInstall }
}

extension ReleaseOptions {
    /// Helm's `chartutil.ValidateReleaseName`: a DNS-1123 subdomain of at most 53 characters.
    public func validate() throws(ChartError) {
        if !Self.isValidName(name) {
            throw ChartError(.values, "release name \"\(name)\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53")
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 53 else { return false }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            let alnum = { (c: UInt8) in (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
            guard alnum(first), alnum(last), bytes.allSatisfy({ alnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }
}
