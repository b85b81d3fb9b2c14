/// KubeFATE CLI's humanised durations (Kubernetes' `duration.HumanDuration`, including its quirk of
/// printing sub-second durations as `<milliseconds>m`).
enum HumanDuration {
    static func format(seconds interval: Double) -> String {
        if interval < -1 { return "<invalid>" }
        if interval < 0 { return "0s" }
        let seconds = Int(interval)
        if seconds == 0 { return "\(Int(interval * 1000))m" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 192 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        let days = hours / 24
        if days < 730 { return "\(days)d" }
        let years = days / 365
        if years < 8 {
            let d = days % 365
            return d == 0 ? "\(years)y" : "\(years)y\(d)d"
        }
        return "\(years)y"
    }
}
