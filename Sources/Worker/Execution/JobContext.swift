import KFDatabase
import KFModels
import Logging

/// What an executor sees of the job it runs: the claim (job, attempt, cluster, args), a logger,
/// fenced progress writes, and the checkpoint that says when to stop.
struct JobContext: Sendable {
    /// The claim this run holds; its `attempt` fences every write.
    let claim: JobClaim
    /// The id of this worker (the lease owner).
    let workerID: String
    /// Logger with `job.id`, `job.attempt` and `cluster.name` metadata.
    let logger: Logger
    let monitor: RunMonitor
    let writer: FencedWriter

    /// Throws when the job must stop before its next step (stop request, time limit, lost lease,
    /// worker shutdown). Call it at every step boundary.
    func checkpoint() throws(JobInterruption) {
        if let interruption = monitor.interruption { throw interruption }
    }

    /// Creates or updates the sub-job named `subJob.moduleName` (fenced by the claim's attempt).
    func report(_ subJob: SubJob) async throws {
        try await writer.perform("upsert sub-job \(subJob.moduleName)") { repository, claim in
            try await repository.upsertSubJob(claim, subJob)
        }
    }

    /// Appends a line to the job's `states` log (fenced by the claim's attempt).
    func appendState(_ text: String) async throws {
        try await writer.perform("append state") { repository, claim in
            try await repository.appendState(claim, text)
        }
    }

    /// Records the Helm release revision now deployed for the cluster (fenced by the claim's attempt).
    func recordHelmRevision(_ revision: Int) async throws {
        try await writer.perform("record helm revision") { repository, claim in
            try await repository.setHelmRevision(claim, revision)
        }
    }

    /// Waits for `duration`; a lost lease or the time limit ends the wait early by throwing the
    /// interruption.
    func sleep(for duration: Duration) async throws {
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw monitor.interruption ?? .leaseLost
        }
    }
}
