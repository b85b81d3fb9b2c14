import Foundation

/// Durations written as text in env vars and specs: `1.5` (seconds), `250ms`, `2s`, `5m`, `1h`.
enum DurationText {
    /// Parses `text`, or returns nil when it is not a non-negative duration of at most `limit`.
    static func parse(_ text: String, limit: Duration = .seconds(30 * 86_400)) -> Duration? {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed)
        var scale = 1.0
        if let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) {
            number = trimmed.dropLast(unit.suffix.count)
            scale = unit.seconds
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        let milliseconds = (value * scale * 1000).rounded()
        guard milliseconds <= Double(limit.components.seconds) * 1000 else { return nil }
        return .milliseconds(Int64(milliseconds))
    }

    /// Seconds as a `Double`, for logs and metrics.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
