import Foundation

/// A UTC instant with microsecond precision, the precision of MariaDB's `DATETIME(6)`.
///
/// Encodes as Go's `time.Time` does in JSON (RFC 3339 with up to nine fractional digits, trailing
/// zeros dropped, `Z` for UTC). Go's zero time (`0001-01-01T00:00:00Z`) is `Timestamp.zero` and
/// stands for "not set", as in KubeFATE's `end_time`.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z (negative before).
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Go's zero `time.Time`, `0001-01-01T00:00:00Z`.
    public static let zero = Timestamp(microseconds: -62_135_596_800 * 1_000_000)

    /// Whether this is Go's zero time ("not set").
    public var isZero: Bool { self == .zero }

    /// The current wall-clock time, truncated to microseconds.
    public static func now() -> Timestamp { Timestamp(Date()) }

    public init(_ date: Date) {
        microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// The instant `d` later (negative `d` goes back).
    public func adding(_ d: Duration) -> Timestamp {
        let (s, atto) = d.components
        return Timestamp(microseconds: microseconds + s * 1_000_000 + atto / 1_000_000_000_000)
    }

    /// `self - other` as a `Duration`.
    public func since(_ other: Timestamp) -> Duration { .microseconds(microseconds - other.microseconds) }

    public var description: String { rfc3339 }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let t = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(text)")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}
