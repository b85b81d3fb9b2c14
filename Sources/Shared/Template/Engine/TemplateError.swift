/// A template parse or execution error with Go's exact message text.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// Which phase failed.
    public enum Phase: Sendable { case parse, exec }

    public var phase: Phase
    /// The message as Go prints it, e.g.
    /// `template: case:1:5: executing "case" at <.x.y>: nil pointer evaluating interface {}.y`.
    public var message: String

    public init(phase: Phase, message: String) {
        self.phase = phase
        self.message = message
    }

    public var description: String { message }
}

/// Options of a template set (Go's `Option("missingkey=…")` and the Go release emulated).
public struct TemplateOptions: Sendable {
    /// What a missing map key evaluates to.
    public enum MissingKey: Sendable {
        /// `missingkey=default`/`invalid`: no value (prints `<no value>`).
        case invalid
        /// `missingkey=zero`: the zero value of the map's element type (nil for interface maps).
        case zero
        /// `missingkey=error`: execution stops with an error.
        case error
    }

    /// The `text/template` behaviour of a Go release.
    public enum Language: Sendable {
        /// Go 1.17 (Helm 3.9.4 and KubeFATE binaries): `and`/`or` evaluate every argument,
        /// `break`/`continue` are not keywords.
        case go117
        /// Go 1.18 to 1.21: short-circuit `and`/`or`, `{{break}}`/`{{continue}}` in `range`.
        case go118
    }

    public var missingKey: MissingKey
    public var language: Language

    public init(missingKey: MissingKey = .zero, language: Language = .go117) {
        self.missingKey = missingKey
        self.language = language
    }
}
