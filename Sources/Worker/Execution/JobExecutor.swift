import KFModels

/// Does the work of a claimed job (install, update, delete), step by step.
///
/// The runner claims the job, starts the heartbeat and the time limit, and calls `execute`. The
/// executor reports progress through the context and calls `context.checkpoint()` before each step,
/// which throws a `JobInterruption` when the job must stop (stop request, time limit, lost lease,
/// worker shutdown); the runner turns that into the job's final state. Lease loss, a stop request
/// and the time limit also cancel the executor's task, so long waits should use
/// `context.sleep(for:)` or other cancellable calls. Every step must be idempotent: after a crash
/// another worker runs the job again.
///
/// An install that does not end `Success` (failed, stopped, timed out) leaves nothing behind: the
/// runner calls `undoInstall` before it finishes the job, as KubeFATE's cleanup does. An update
/// past its time limit is rolled back (`rollBackUpdate`), as KubeFATE does.
protocol JobExecutor: Sendable {
    /// Runs the job. Returns the outcome of a run that was not interrupted; throws `JobInterruption`
    /// from a checkpoint, or any other error for an unexpected failure (the job then fails with it).
    func execute(_ context: JobContext) async throws -> JobResult

    /// Removes everything the install job of `context` applied (release objects and records), and
    /// waits until it is gone. Runs after `execute` ended or was cut short, with the stop or time
    /// limit already recorded, so it must not call `context.checkpoint()`; only a lost lease
    /// interrupts it. Idempotent: after a crash the next attempt runs it again. Returns a note for
    /// the job's reason when something was removed (nil when there was nothing to undo); throws
    /// when the cleanup failed.
    func undoInstall(_ context: JobContext) async throws -> String?

    /// Restores the revision the update job of `context` replaced, after its time limit cut it
    /// short; the same rules as `undoInstall`. Returns a note for the job's reason (nil when there
    /// was nothing to restore); throws when the rollback failed.
    func rollBackUpdate(_ context: JobContext) async throws -> String?
}

/// How an uninterrupted job run ended.
enum JobResult: Sendable, Equatable {
    case succeeded
    /// The job failed; `reason` is stored on the job and shown to users.
    case failed(reason: String)
    /// An update failed and the previous revision was restored (job and cluster status Rollback).
    case rolledBack(reason: String)
}
