/// An enumeration stored as an integer code in the database and serialised by name on the wire,
/// like KubeFATE's Go enums (`"status":"Running"`). Decoding accepts only the exact names.
public protocol WireEnum: RawRepresentable, CaseIterable, Codable, Sendable, Hashable,
    CustomStringConvertible where RawValue == Int {
    /// The name used in JSON and in messages.
    var name: String { get }
}

extension WireEnum {
    public var description: String { name }

    /// The case whose wire name is `name`, or nil.
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = Self(name: text) else {
            let names = Self.allCases.map(\.name).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown \(Self.self) \"\(text)\" (expected one of \(names))")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
