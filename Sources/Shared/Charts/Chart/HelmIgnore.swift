/// Helm's `.helmignore` rules for loading chart directories (`pkg/ignore`): one pattern a line,
/// `#` comments, `!` negation, a trailing `/` for directories only, patterns without `/` matched
/// against the base name and others against the path relative to the chart root (`filepath.Match`
/// syntax; `**` is not supported, as in Helm). `templates/.?*` is always ignored.
struct HelmIgnore: Sendable {
    private struct Rule: Sendable {
        var pattern: Glob
        var negate: Bool
        var directoryOnly: Bool
        var matchesBaseName: Bool
    }

    private var rules: [Rule] = []

    init(_ text: String = "") {
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = GoText.trimSpace(String(rawLine))
            if line.isEmpty || line.hasPrefix("#") || line.contains("**") { continue }
            var negate = false
            if line.hasPrefix("!") {
                negate = true
                line.removeFirst()
            }
            var directoryOnly = false
            if line.hasSuffix("/") {
                directoryOnly = true
                line.removeLast()
            }
            if line.hasPrefix("/") { line.removeFirst() }
            guard !line.isEmpty else { continue }
            rules.append(Rule(pattern: Glob(line), negate: negate, directoryOnly: directoryOnly,
                              matchesBaseName: !line.contains("/")))
        }
        rules.append(Rule(pattern: Glob("templates/.?*"), negate: false, directoryOnly: false, matchesBaseName: false))
    }

    /// Whether `path` (relative to the chart root) is ignored; rules are applied in order and
    /// the last matching one decides, so a later `!pattern` re-includes.
    func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path == ".helmignore" { return false }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            if rule.pattern.matches(rule.matchesBaseName ? base : path) {
                ignored = !rule.negate
            }
        }
        return ignored
    }
}
