/// `Chart.yaml` as Helm v3.9.4's `chart.Metadata`.
public struct ChartMetadata: Sendable, Equatable {
    public var name: String = ""
    public var home: String = ""
    public var sources: [String] = []
    public var version: String = ""
    public var description: String = ""
    public var keywords: [String] = []
    public var maintainers: [Maintainer] = []
    public var icon: String = ""
    /// `v1` when Chart.yaml does not say (Helm 2 charts).
    public var apiVersion: String = ""
    public var condition: String = ""
    public var tags: String = ""
    public var appVersion: String = ""
    public var deprecated: Bool = false
    public var annotations: [String: String] = [:]
    public var kubeVersion: String = ""
    public var dependencies: [Dependency] = []
    public var type: String = ""

    public init() {}

    /// `chart.Maintainer`.
    public struct Maintainer: Sendable, Equatable {
        public var name: String = ""
        public var email: String = ""
        public var url: String = ""
        public init() {}
    }

    /// `chart.Dependency` (the KubeFATE charts have none; kept so `.Chart.Dependencies` works).
    public struct Dependency: Sendable, Equatable {
        public var name: String = ""
        public var version: String = ""
        public var repository: String = ""
        public var condition: String = ""
        public var tags: [String] = []
        public var enabled: Bool = false
        public var alias: String = ""
        public init() {}
    }
}

extension ChartMetadata {
    /// Helm's `Metadata.Validate` checks, with Helm's messages.
    public func validate() throws(ChartError) {
        if apiVersion.isEmpty { throw ChartError(.invalidChart, "validation: chart.metadata.apiVersion is required") }
        if name.isEmpty { throw ChartError(.invalidChart, "validation: chart.metadata.name is required") }
        if version.isEmpty { throw ChartError(.invalidChart, "validation: chart.metadata.version is required") }
        if !SemanticVersion.isValid(version) {
            throw ChartError(.invalidChart, "validation: chart.metadata.version \"\(version)\" is invalid")
        }
        if !(type.isEmpty || type == "application" || type == "library") {
            throw ChartError(.invalidChart, "validation: chart.metadata.type must be application or library")
        }
        for maintainer in maintainers where maintainer.name.isEmpty {
            throw ChartError(.invalidChart, "validation: each maintainer requires a name")
        }
        for dependency in dependencies where dependency.name.isEmpty {
            throw ChartError(.invalidChart, "validation: dependencies must have a name")
        }
    }
}

/// Masterminds/semver's lenient version syntax (`NewVersion`): `v1.2.3`, `1.2`, `1`, with optional
/// pre-release and build metadata.
enum SemanticVersion {
    static func isValid(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "v" { rest = rest.dropFirst() }
        var core = rest
        var suffix: Substring = ""
        if let i = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            core = rest[..<i]
            suffix = rest[i...]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(numbers.count),
              numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        return isValidSuffix(suffix)
    }

    private static func isValidSuffix(_ suffix: Substring) -> Bool {
        guard !suffix.isEmpty else { return true }
        var pre: Substring = ""
        var build: Substring = ""
        if suffix.first == "-" {
            let body = suffix.dropFirst()
            if let plus = body.firstIndex(of: "+") {
                pre = body[..<plus]
                build = body[body.index(after: plus)...]
                guard isIdentifiers(build) else { return false }
            } else {
                pre = body
            }
            return isIdentifiers(pre)
        }
        build = suffix.dropFirst()
        return isIdentifiers(build)
    }

    private static func isIdentifiers(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return !s.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
