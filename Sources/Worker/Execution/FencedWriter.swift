import KFDatabase
import KFModels
import Logging

/// Runs the writes of one job run against the repository: retries while the database is
/// unreachable, and turns a fenced-off write into a lost lease.
struct FencedWriter: Sendable {
    let repository: JobRepository
    let claim: JobClaim
    let monitor: RunMonitor
    let logger: Logger

    /// Runs `write` until it succeeds. Transient failures (database down) are retried with backoff
    /// for as long as the lease may still be ours; a `leaseLost` answer records the loss and throws
    /// `JobInterruption.leaseLost`; any other error is thrown as is.
    func perform<T: Sendable>(
        _ what: String,
        _ write: @Sendable (JobRepository, JobClaim) async throws -> T
    ) async throws -> T {
        var backoff = Backoff()
        while true {
            if monitor.interruption == .leaseLost { throw JobInterruption.leaseLost }
            do {
                return try await write(repository, claim)
            } catch let error as KubefateError where error.code == .leaseLost {
                monitor.record(.leaseLost)
                throw JobInterruption.leaseLost
            } catch let error where Self.isTransient(error) {
                let delay = backoff.next()
                logger.warning("\(what) failed, retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
                try await Task.sleep(for: delay)
            }
        }
    }

    /// Whether retrying may help: the database is unreachable or a lock conflict rolled the
    /// transaction back, not a fault of the request.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as MariaDBError: error.isConnectionLost || error.isLockConflict
        case let error as KubefateError: error.isRetryable
        default: false
        }
    }
}
