import KFDeploy
import KFModels

/// Turns what the deploy engine sees into sub-job rows and `states` lines, fenced by the claim,
/// and stops the engine at the next report when the job must stop.
actor SubJobReporter: DeployProgressReporter {
    private let context: JobContext
    private let crashPoint: CrashPoint?
    /// False while undoing an interrupted install: the interruption that caused the cleanup must
    /// not stop it (a lost lease still does, through the fenced writes).
    private let stopsAtCheckpoints: Bool
    private var started: [String: Timestamp] = [:]

    init(context: JobContext, crashPoint: CrashPoint? = nil, stopsAtCheckpoints: Bool = true) {
        self.context = context
        self.crashPoint = crashPoint
        self.stopsAtCheckpoints = stopsAtCheckpoints
    }

    func reached(_ boundary: DeployBoundary) async throws {
        if let crashPoint, let point = CrashPoint(boundary) { crashPoint.crashIfReached(point, attempt: context.claim.attempt) }
    }

    func step(_ text: String) async throws {
        if stopsAtCheckpoints { try context.checkpoint() }
        try await context.appendState(text)
    }

    func component(_ progress: ComponentProgress) async throws {
        if stopsAtCheckpoints { try context.checkpoint() }
        let start = started[progress.name] ?? .now()
        started[progress.name] = start
        var subJob = SubJob(moduleName: progress.name, status: .running, modulesStatus: .progressing,
                            podStatus: progress.podStatus, startTime: start)
        switch progress.readiness {
        case .current:
            subJob.status = .success
            subJob.modulesStatus = .available
            subJob.endTime = .now()
        case .inProgress(let message):
            subJob.reason = progress.diagnosis?.message ?? message
            if progress.diagnosis != nil { subJob.modulesStatus = .replicaFailure }
        case .failed(let message):
            subJob.status = .failed
            subJob.modulesStatus = .replicaFailure
            subJob.reason = message
            subJob.endTime = .now()
        }
        try await context.report(subJob)
    }
}
