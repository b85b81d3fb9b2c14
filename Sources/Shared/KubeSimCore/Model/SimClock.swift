import Foundation
import KFModels
import Synchronization

/// The simulator's clock. In manual mode it only moves when a test calls ``advance(by:)``; in wall
/// mode it follows wall time, optionally sped up.
public final class SimClock: Sendable {
    struct State {
        var virtualBase: Double
        var wallBase: Double
        var speed: Double
        var manual: Bool
    }
    let state: Mutex<State>

    /// A clock that only moves on ``advance(by:)``, starting at `start` (seconds since 1970).
    public static func manual(start: Double = 1_767_225_600) -> SimClock {
        SimClock(State(virtualBase: start, wallBase: 0, speed: 0, manual: true))
    }

    /// A clock following wall time at `speed` times real speed, starting now.
    public static func wall(speed: Double = 1) -> SimClock {
        let now = Date().timeIntervalSince1970
        return SimClock(State(virtualBase: now, wallBase: now, speed: speed, manual: false))
    }

    init(_ s: State) { state = Mutex(s) }

    /// Whether the clock is manual.
    public var isManual: Bool { state.withLock { $0.manual } }

    /// Current virtual time in seconds since 1970.
    public var now: Double {
        state.withLock { s in
            s.manual ? s.virtualBase : s.virtualBase + (Date().timeIntervalSince1970 - s.wallBase) * s.speed
        }
    }

    /// Moves the clock forward (in wall mode too: a jump on top of wall time).
    public func advance(by seconds: Double) {
        state.withLock { $0.virtualBase += max(0, seconds) }
    }
}

/// RFC 3339 time formatting and parsing as Kubernetes writes it (`2026-01-01T00:00:00Z`).
public enum KubeTime {
    /// Formats seconds since 1970 with second precision.
    public static func format(_ t: Double) -> String {
        let (days, rem) = CivilDate.split(Int64(t.rounded(.down)), unitsPerDay: 86400)
        let date = CivilDate(daysSinceEpoch: days)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                      rem / 3600, (rem % 3600) / 60, rem % 60)
    }

    /// Formats with microseconds (`MicroTime`, used by managedFields-free event times and leases).
    public static func formatMicro(_ t: Double) -> String {
        let base = format(t)
        let micros = Int((t - t.rounded(.down)) * 1_000_000)
        return String(base.dropLast()) + String(format: ".%06dZ", micros)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac]Z`; nil if malformed.
    public static func parse(_ s: String) -> Double? {
        let u = Array(s.utf8)
        guard u.count >= 20 else { return nil }
        func num(_ a: Int, _ n: Int) -> Int? {
            var v = 0
            for i in a..<(a + n) {
                let c = u[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let se = num(17, 2) else { return nil }
        var frac = 0.0
        if u[19] == UInt8(ascii: ".") {
            var i = 20, scale = 0.1
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { frac += Double(u[i] - 0x30) * scale; scale /= 10; i += 1 }
        }
        return Double(CivilDate(year: y, month: mo, day: d).daysSinceEpoch * 86400 + Int64(h * 3600 + mi * 60 + se)) + frac
    }

    /// kubectl's short human duration (`5s`, `3m20s`, `2d`).
    public static func age(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        if s < 120 { return "\(s)s" }
        let m = s / 60
        if m < 10 { return s % 60 == 0 ? "\(m)m" : "\(m)m\(s % 60)s" }
        if m < 180 { return "\(m)m" }
        let h = m / 60
        if h < 8 { return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m" }
        if h < 48 { return "\(h)h" }
        let d = h / 24
        if d < 8 { return h % 24 == 0 ? "\(d)d" : "\(d)d\(h % 24)h" }
        if d < 730 { return "\(d)d" }
        return "\(d / 365)y"
    }
}
