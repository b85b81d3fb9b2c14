/// A set of named templates sharing `define`s and a function map, like a Go `*template.Template`
/// with its associated templates.
///
/// Parse every source once with ``parse(name:text:)`` (Helm parses chart files in its own order:
/// later sources override earlier `define`s of the same name), then ``execute(name:data:)`` any
/// template by name as often as needed.
///
/// ```swift
/// var set = TemplateSet(functions: .helm(), options: TemplateOptions(missingKey: .zero))
/// try set.parse(name: "mychart/templates/a.yaml", text: source)
/// let out = try set.execute(name: "mychart/templates/a.yaml", data: values)
/// ```
public struct TemplateSet: Sendable {
    /// The name Go reports for the set in `no template "x" associated with template "<rootName>"`.
    public var rootName: String
    public let functions: FunctionSet
    public let options: TemplateOptions
    var templates: [String: Tree] = [:]
    /// Parsed sources in parse order with the trees each produced (for `tpl`).
    var sources: [(name: String, text: String, trees: [(name: String, tree: Tree)])] = []
    /// The sources Helm's `tpl` may reference (the render's files; unchanged inside `tpl`).
    var referenceSources: [(name: String, trees: [(name: String, tree: Tree)])] = []
    var referencesAreOwn = true

    /// An empty set. Helm names its set `gotpl`.
    public init(rootName: String = "gotpl", functions: FunctionSet, options: TemplateOptions = TemplateOptions()) {
        self.rootName = rootName
        self.functions = functions
        self.options = options
    }

    /// Parses `text` as template `name`, adding it and its `define`/`block` templates to the set.
    /// Throws Go's parse error (`template: <name>:<line>: <message>`).
    public mutating func parse(name: String, text: String) throws(TemplateError) {
        let funcs = functions
        let trees: [(name: String, tree: Tree)]
        do {
            trees = try Parser.parse(name: name, text: text, breakOK: options.language == .go118) { funcs.lookup($0) != nil }
        } catch {
            throw TemplateError(phase: .parse, message: error.description)
        }
        add(trees)
        sources.append((name, text, trees))
        if referencesAreOwn { referenceSources.append((name, trees)) }
    }

    mutating func add(_ trees: [(name: String, tree: Tree)]) {
        for (n, t) in trees {
            if templates[n] != nil && t.isEmpty { continue }
            templates[n] = t
        }
    }

    /// Whether a template of that name exists.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Names of all templates in the set.
    public var templateNames: [String] { Array(templates.keys) }

    /// Executes template `name` with `data` as dot (and `$`). Throws Go's execution error text.
    public func execute(name: String, data: Value) throws(TemplateError) -> String {
        let set = self
        let result = BigStack.run { () -> Result<String, TemplateError> in
            do throws(TemplateError) {
                return .success(try set.execute(name: name, data: data, shared: ExecutionShared()))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func execute(name: String, data: Value, shared: ExecutionShared) throws(TemplateError) -> String {
        guard let tree = templates[name] else {
            throw TemplateError(phase: .exec, message: "template: no template \(GoStrconv.quote(name)) associated with template \(GoStrconv.quote(rootName))")
        }
        let exec = Executor(set: self, shared: shared)
        do {
            return try exec.run(tree: tree, data: data)
        } catch let e as TemplateError {
            throw e
        } catch {
            throw TemplateError(phase: .exec, message: "\(error)")
        }
    }
}

/// State shared by every template executed within one top-level execution (include depth).
final class ExecutionShared: @unchecked Sendable {
    var includeDepth: [String: Int] = [:]
}
