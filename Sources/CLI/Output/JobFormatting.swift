import Foundation
import KFModels

/// How jobs print: the tables and texts of KubeFATE's `job list` / `job describe` (§6.4).
enum JobFormatting {
    /// `2006-01-02 15:04:05`.
    static func time(_ t: Timestamp) -> String {
        let f = t.fields
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(f.year).count)) + String(f.year)
        return "\(year)-\(two(f.month))-\(two(f.day)) \(two(f.hour)):\(two(f.minute)):\(two(f.second))"
    }

    /// `end − start`, or `now − start` while the end is unset, humanised.
    static func age(start: Timestamp, end: Timestamp, now: Timestamp) -> String {
        let stop = end.isZero ? now : end
        let interval = stop.since(start)
        return HumanDuration.format(seconds: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
    }

    static func listTable(_ jobs: [Job], now: Timestamp = .now()) -> String {
        var table = Table()
        table.addRow("UUID", "CREATOR", "METHOD", "STATUS", "STARTTIME", "CLUSTERID", "AGE")
        for job in jobs {
            table.addRow(job.uuid, job.creator, job.method.rawValue, job.status.name, time(job.startTime), job.clusterID,
                         age(start: job.startTime, end: job.endTime, now: now))
        }
        return table.render()
    }

    static func describeTable(_ job: Job, maxColumnWidth: Int, now: Timestamp = .now()) -> String {
        var table = Table(maxColumnWidth: maxColumnWidth)
        table.addRow("UUID", job.uuid)
        table.addRow("StartTime", time(job.startTime))
        table.addRow("EndTime", time(job.endTime))
        table.addRow("Duration", age(start: job.startTime, end: job.endTime, now: now))
        table.addRow("Status", job.status.name)
        table.addRow("Creator", job.creator)
        table.addRow("ClusterId", job.clusterID)
        if let reason = job.reason, !reason.isEmpty { table.addRow("Reason", reason) }
        table.addRow("States", job.states.isEmpty ? "null" : job.states.map { "- " + yamlScalar($0) }.joined(separator: "\n") + "\n")
        for (index, sub) in job.subJobs.values.sorted(by: { $0.moduleName < $1.moduleName }).enumerated() {
            table.addRow(index == 0 ? "SubJobs" : "", subJobLine(sub, now: now))
        }
        return table.render()
    }

    /// `%-20s ModuleStatus: %s, SubJobStatus: %s, Duration: %6s, StartTime: %s, EndTime: %s`.
    static func subJobLine(_ sub: SubJob, now: Timestamp) -> String {
        let name = sub.moduleName.count >= 20 ? sub.moduleName : sub.moduleName + String(repeating: " ", count: 20 - sub.moduleName.count)
        let duration = age(start: sub.startTime, end: sub.endTime, now: now)
        let padded = duration.count >= 6 ? duration : String(repeating: " ", count: 6 - duration.count) + duration
        return "\(name) ModuleStatus: \(sub.modulesStatus), SubJobStatus: \(sub.status), Duration: \(padded), StartTime: \(time(sub.startTime)), EndTime: \(time(sub.endTime))"
    }

    /// A string as a YAML block-sequence item: plain when safe, else single-quoted.
    static func yamlScalar(_ text: String) -> String {
        let special: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        let needsQuotes = text.isEmpty || text.first.map { special.contains($0) || $0 == " " } == true
            || text.last == " " || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased()) || Double(text) != nil
        return needsQuotes ? "'" + text.replacingOccurrences(of: "'", with: "''") + "'" : text
    }
}
