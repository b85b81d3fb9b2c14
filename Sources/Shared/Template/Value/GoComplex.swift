/// A Go `complex128` (only complex literals in templates produce one).
struct GoComplex: TemplateObject, Sendable {
    var real: Double
    var imag: Double

    var goTypeName: String { "complex128" }
    var goKind: String { "complex128" }

    /// `%v`: `(1+2i)`.
    var goDescription: String {
        let im = GoFloatFormat.formatShortest(imag)
        let sign = im.hasPrefix("-") || im.hasPrefix("+") ? "" : "+"
        return "(" + GoFloatFormat.formatShortest(real) + sign + im + "i)"
    }

    func member(_ name: String) throws -> Value? { nil }
}
