import KFModels

/// Does the work of a claimed job (install, update, delete), step by step.
///
/// The runner claims the job, starts the heartbeat and the time limit, and calls `execute`. The
/// executor reports progress through the context and calls `context.checkpoint()` before each step,
/// which throws a `JobInterruption` when the job must stop (stop request, time limit, lost lease,
/// worker shutdown); the runner turns that into the job's final state. Lease loss and the time limit
/// also cancel the executor's task, so long waits should use `context.sleep(for:)` or other
/// cancellable calls. Every step must be idempotent: after a crash another worker runs the job again.
protocol JobExecutor: Sendable {
    /// Runs the job. Returns the outcome of a run that was not interrupted; throws `JobInterruption`
    /// from a checkpoint, or any other error for an unexpected failure (the job then fails with it).
    func execute(_ context: JobContext) async throws -> JobResult
}

/// How an uninterrupted job run ended.
enum JobResult: Sendable, Equatable {
    case succeeded
    /// The job failed; `reason` is stored on the job and shown to users.
    case failed(reason: String)
    /// An update failed and the previous revision was restored (job and cluster status Rollback).
    case rolledBack(reason: String)
}
