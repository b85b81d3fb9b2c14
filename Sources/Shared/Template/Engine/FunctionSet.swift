/// The functions a template set can call: Go's builtins plus a function map that overrides them
/// (Go's `Funcs`).
public struct FunctionSet: Sendable {
    /// User functions (`Funcs`), consulted before the builtins.
    public var functions: [String: GoFunction]

    public init(_ functions: [String: GoFunction] = [:]) {
        self.functions = functions
    }

    /// The function of that name and whether it is a Go builtin.
    func lookup(_ name: String) -> (GoFunction, Bool)? {
        if let f = functions[name] { return (f, false) }
        if let f = Builtins.all[name] { return (f, true) }
        return nil
    }

    /// Adds or replaces functions.
    public func merging(_ other: [String: GoFunction]) -> FunctionSet {
        FunctionSet(functions.merging(other) { _, new in new })
    }

    /// Go's builtins only.
    public static let goBuiltins = FunctionSet()

    /// Sprig 3.2.2's `TxtFuncMap` without `env` and `expandenv` (and without random,
    /// clock, host and file-system functions, which have no deterministic result).
    public static var sprig: FunctionSet { FunctionSet(Sprig.functions) }

    /// Helm 3.9.4's engine functions: Sprig plus `toYaml`, `fromYaml`, `fromYamlArray`,
    /// `toJson`, `fromJson`, `fromJsonArray`, `toToml`, `include`, `tpl`, `required`, `fail` and an
    /// offline `lookup` (always an empty map). `include`/`tpl` work on the executing set; `tpl`
    /// needs `Template.Name` and `Template.BasePath` in the values it is given.
    public static var helm: FunctionSet { FunctionSet(Sprig.functions.merging(HelmFunctions.helm) { _, n in n }) }

    /// KubeFATE's values-template functions: Sprig plus yaml.v2 `toYaml`/`fromYaml`/
    /// `fromYamlArray`, JSON and TOML codecs, and Helm's placeholders: `include`, `tpl` and
    /// `required` return `not implemented`, `lookup` an empty map; `fail` is Sprig's.
    public static var kubefate: FunctionSet { FunctionSet(Sprig.functions.merging(HelmFunctions.kubefate) { _, n in n }) }
}
