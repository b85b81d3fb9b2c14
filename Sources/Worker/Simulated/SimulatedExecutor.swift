import KFModels

/// Runs a job without Kubernetes: each component of the spec's `simulate:` section (see
/// `SimulationSpec`) becomes a sub-job that turns Available after its duration, or fails.
///
/// It stands in for the deploy engine in tests, the demo and the benchmark, and exercises
/// everything around it: claims, sub-job progress, stop, time limit, heartbeats, crash recovery.
struct SimulatedExecutor: JobExecutor {
    /// Where to record execution starts and ends, when configured.
    let log: ExecutionLog?

    func execute(_ context: JobContext) async throws -> JobResult {
        let claim = context.claim
        let cluster = "\(claim.cluster.namespace)/\(claim.cluster.name)"
        log?.record(.start, jobID: claim.jobID, attempt: claim.attempt, cluster: cluster, worker: context.workerID)
        let result: Result<JobResult, any Error>
        do {
            result = .success(try await steps(context))
        } catch {
            result = .failure(error)
        }
        log?.record(
            .end, jobID: claim.jobID, attempt: claim.attempt, cluster: cluster, worker: context.workerID,
            outcome: Self.outcomeName(result))
        return try result.get()
    }

    /// Nothing to undo: a simulated install creates only sub-job rows, which stay as its record.
    func undoInstall(_ context: JobContext) async throws -> String? { nil }

    /// Nothing to restore: a simulated update changes nothing outside the job's rows.
    func rollBackUpdate(_ context: JobContext) async throws -> String? { nil }

    private func steps(_ context: JobContext) async throws -> JobResult {
        let spec: SimulationSpec
        do {
            spec = try SimulationSpec.parse(data: context.claim.args?.data ?? [])
        } catch {
            return .failed(reason: error.description)
        }
        try context.checkpoint()
        try await context.appendState("simulated install of \(spec.components.count) component(s)")
        for component in spec.components {
            try context.checkpoint()
            var subJob = SubJob(
                moduleName: component.name, status: .running, modulesStatus: .progressing,
                podStatus: "ContainerCreating", startTime: .now())
            try await context.report(subJob)
            try await context.sleep(for: component.duration)
            subJob.endTime = .now()
            if let failure = component.failure {
                subJob.status = .failed
                subJob.modulesStatus = .replicaFailure
                subJob.podStatus = "CrashLoopBackOff"
                subJob.reason = failure
                try await context.report(subJob)
                return .failed(reason: "\(component.name): \(failure)")
            }
            subJob.status = .success
            subJob.modulesStatus = .available
            subJob.podStatus = "Running"
            try await context.report(subJob)
            try await context.appendState("\(component.name) Available")
        }
        return .succeeded
    }

    private static func outcomeName(_ result: Result<JobResult, any Error>) -> String {
        switch result {
        case .success(.succeeded): "success"
        case .success(.failed): "failed"
        case .success(.rolledBack): "rolledBack"
        case .failure(let interruption as JobInterruption): "\(interruption)"
        case .failure(is CancellationError): "canceled"
        case .failure: "error"
        }
    }
}
