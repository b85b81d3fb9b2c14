import Foundation

/// An append-only text file with one line per simulated execution start and end, shared by every
/// worker process of a test or benchmark (`KUBEFATE_SIMULATE_LOG`).
///
/// Line format, space-separated:
/// `start <unix-ns> <job uuid> <attempt> <cluster key> <worker id>` and
/// `end <unix-ns> <job uuid> <attempt> <cluster key> <worker id> <outcome>`, where the cluster key is
/// `<namespace>/<name>` and the outcome is `success`, `failed`, or the interruption
/// (`leaseLost`, `timedOut`, `stopRequested`, `shuttingDown`, `error`).
/// Each line is one `write(2)` on an `O_APPEND` descriptor, so lines from concurrent processes never
/// interleave.
struct ExecutionLog: Sendable {
    /// Which end of an execution a line records.
    enum Event: String, Sendable {
        case start, end
    }

    let path: String

    /// Appends one line; failures are returned, not thrown, since the log is diagnostic only.
    @discardableResult
    func record(_ event: Event, jobID: String, attempt: Int, cluster: String, worker: String, outcome: String? = nil) -> Bool {
        let now = Date().timeIntervalSince1970
        let nanoseconds = Int64(now * 1_000_000) * 1000
        var line = "\(event.rawValue) \(nanoseconds) \(jobID) \(attempt) \(cluster) \(worker)"
        if let outcome { line += " \(outcome)" }
        line += "\n"
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }
}
