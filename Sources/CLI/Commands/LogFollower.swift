import KFModels

/// The state of `cluster logs --follow`: every poll answers the lines since the newest timestamp
/// seen (at second precision, as Kubernetes' `sinceTime`), so lines at that boundary come again;
/// this prints each line once. Lines look like `[<pod> <container>] <RFC 3339 time> <text>` (the
/// prefix only when several streams are shown); lines without a time are printed as they come.
struct LogFollower: Sendable {
    /// Whether the user asked for timestamps (they are always requested, to resume from).
    let showTimestamps: Bool
    private(set) var newest: Timestamp?
    /// The lines already printed whose time equals `newest`.
    private var atNewest: Set<String> = []

    init(showTimestamps: Bool) {
        self.showTimestamps = showTimestamps
    }

    /// Where the next poll starts: `newest` truncated to the second, RFC 3339.
    var sinceTime: String? {
        guard let newest else { return nil }
        let micros = newest.microseconds
        let remainder = ((micros % 1_000_000) + 1_000_000) % 1_000_000
        return Timestamp(microseconds: micros - remainder).rfc3339
    }

    /// The text of one poll's answer to print: the lines not printed before.
    mutating func take(_ text: String) -> String {
        var out = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) where !raw.isEmpty {
            let line = String(raw)
            guard let parsed = Self.parse(line) else {
                out += line + "\n"
                continue
            }
            if let newest {
                if parsed.time < newest || (parsed.time == newest && atNewest.contains(line)) { continue }
            }
            if newest == nil || parsed.time > newest! {
                newest = parsed.time
                atNewest = [line]
            } else {
                atNewest.insert(line)
            }
            out += parsed.prefix + (showTimestamps ? parsed.stamp + " " : "") + parsed.text + "\n"
        }
        return out
    }

    /// Splits `[pod container] time text` (prefix optional); nil when there is no leading time.
    static func parse(_ line: String) -> (prefix: String, stamp: String, time: Timestamp, text: String)? {
        var prefix = ""
        var rest = Substring(line)
        if rest.hasPrefix("["), let close = rest.range(of: "] ") {
            prefix = String(rest[..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        let stamp = rest.prefix { $0 != " " }
        guard let time = Timestamp(rfc3339: String(stamp)) else { return nil }
        let text = rest.dropFirst(stamp.count).dropFirst()
        return (prefix, String(stamp), time, String(text))
    }
}
