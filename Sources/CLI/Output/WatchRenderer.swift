import KFModels

/// Turns successive snapshots of one job into output for `job watch`.
///
/// Live mode (a terminal) redraws a table in place: the cursor moves back over the previous frame
/// and clears it. Plain mode prints a timestamped line for the job's status and for each sub-job
/// whose status, readiness, pod status or reason changed since the previous snapshot.
struct WatchRenderer {
    let live: Bool
    private var linesDrawn = 0
    private var lastStatus: JobStatus?
    private var lastSubJobs: [String: SubJob] = [:]

    init(live: Bool) {
        self.live = live
    }

    mutating func update(_ job: Job, now: Timestamp) -> String {
        live ? redraw(job, now: now) : changes(job, now: now)
    }

    /// The frame shown on a terminal.
    static func frame(_ job: Job, now: Timestamp) -> String {
        let elapsed = JobFormatting.age(start: job.startTime, end: job.endTime, now: now)
        var header = "Job \(job.uuid)  \(job.method.rawValue)  \(job.status.name)  \(elapsed)"
        if job.attempt > 1 { header += "  attempt \(job.attempt)" }
        var table = Table()
        table.addRow("COMPONENT", "STATUS", "READINESS", "POD", "DURATION", "REASON")
        for sub in job.subJobs.values.sorted(by: { $0.moduleName < $1.moduleName }) {
            table.addRow(sub.moduleName, sub.status.rawValue, sub.modulesStatus.rawValue, sub.podStatus.isEmpty ? "-" : sub.podStatus,
                         JobFormatting.age(start: sub.startTime, end: sub.endTime, now: now), sub.reason)
        }
        var text = header + "\n" + table.render()
        if let state = job.states.last { text += "last event: \(state)\n" }
        if job.status.isTerminal {
            text += "job \(job.status.name)" + (job.reason.map { ": \($0)" } ?? "") + "\n"
        }
        return text
    }

    private mutating func redraw(_ job: Job, now: Timestamp) -> String {
        let frame = Self.frame(job, now: now)
        // ESC[nF: cursor to the start of the line n lines up; ESC[J: clear to the end of the screen.
        let erase = linesDrawn > 0 ? "\u{1b}[\(linesDrawn)F\u{1b}[J" : ""
        linesDrawn = frame.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        return erase + frame
    }

    private mutating func changes(_ job: Job, now: Timestamp) -> String {
        let stamp = now.rfc3339
        var statusLine = ""
        if lastStatus != job.status {
            statusLine = "\(stamp) job \(job.uuid) \(job.status.name)"
            if job.status.isTerminal, let reason = job.reason { statusLine += ": \(reason)" }
            statusLine += "\n"
            lastStatus = job.status
        }
        var subJobLines = ""
        for sub in job.subJobs.values.sorted(by: { $0.moduleName < $1.moduleName }) {
            let before = lastSubJobs[sub.moduleName]
            guard before?.status != sub.status || before?.modulesStatus != sub.modulesStatus
                || before?.podStatus != sub.podStatus || before?.reason != sub.reason
            else { continue }
            var line = "\(stamp) \(sub.moduleName): \(sub.status.rawValue) \(sub.modulesStatus.rawValue)"
            if !sub.podStatus.isEmpty { line += " pod=\(sub.podStatus)" }
            if !sub.reason.isEmpty { line += " reason=\(sub.reason)" }
            subJobLines += line + "\n"
        }
        lastSubJobs = job.subJobs
        // The job's status comes first, except its final status, which closes the output.
        return job.status.isTerminal ? subJobLines + statusLine : statusLine + subJobLines
    }
}
