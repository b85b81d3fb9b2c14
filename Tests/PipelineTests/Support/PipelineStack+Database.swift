import Foundation
import KFDatabase
import KFModels

extension PipelineStack {
    /// `SELECT COUNT(*)` of `table` (optionally filtered), straight from the database.
    func count(_ table: String, where condition: String = "1=1", _ params: [SQLValue] = []) async throws -> Int {
        let rows = try await database.query("SELECT COUNT(*) FROM \(table) WHERE \(condition)", params)
        return Int(try rows[0].int(0))
    }

    /// Jobs by status code, from the database.
    func jobStatusCounts() async throws -> [JobStatus: Int] {
        var counts: [JobStatus: Int] = [:]
        for row in try await database.query("SELECT status, COUNT(*) FROM jobs GROUP BY status") {
            if let status = JobStatus(rawValue: Int(try row.int(0))) { counts[status] = Int(try row.int(1)) }
        }
        return counts
    }

    /// How many jobs have ended (terminal status).
    func terminalJobCount() async throws -> Int {
        try await jobStatusCounts().filter { $0.key.isTerminal }.values.reduce(0, +)
    }
}
