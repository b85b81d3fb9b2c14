import Foundation

/// The simulated executor's log (`KUBEFATE_SIMULATE_LOG`) read back: one record per execution.
struct ExecutionRecords {
    /// One execution of a job by a worker, from its start line to its end line (if any).
    struct Execution {
        var jobID: String
        var attempt: Int
        var cluster: String
        var worker: String
        var start: Int64
        /// Nil when the worker died mid-execution.
        var end: Int64?
        var outcome: String?
    }

    var executions: [Execution] = []

    /// Parses the log at `url` (missing file = no executions).
    init(contentsOf url: URL) throws {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var open: [String: Int] = [:]
        for (number, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 6, let time = Int64(fields[1]), let attempt = Int(fields[3]) else {
                throw PipelineError("\(url.path):\(number + 1): malformed line '\(line)'")
            }
            let key = "\(fields[2])#\(attempt)#\(fields[5])"
            switch fields[0] {
            case "start":
                open[key] = executions.count
                executions.append(Execution(
                    jobID: fields[2], attempt: attempt, cluster: fields[4], worker: fields[5], start: time))
            case "end":
                guard let index = open.removeValue(forKey: key) else {
                    throw PipelineError("\(url.path):\(number + 1): end without start")
                }
                executions[index].end = time
                executions[index].outcome = fields.count > 6 ? fields[6] : nil
            default:
                throw PipelineError("\(url.path):\(number + 1): unknown event '\(fields[0])'")
            }
        }
    }

    /// Executions per job id.
    var byJob: [String: [Execution]] { Dictionary(grouping: executions, by: \.jobID) }

    /// Pairs of executions of the same cluster whose [start, end] intervals overlap (an unfinished
    /// execution counts as running until the end of the log).
    var overlaps: [(Execution, Execution)] {
        var result: [(Execution, Execution)] = []
        for (_, runs) in Dictionary(grouping: executions, by: \.cluster) {
            let sorted = runs.sorted { $0.start < $1.start }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) where (earlier.end ?? .max) > later.start {
                result.append((earlier, later))
            }
        }
        return result
    }
}
