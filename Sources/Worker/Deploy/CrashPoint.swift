import Foundation
import KFDeploy

/// Test hook: `KUBEFATE_WORKER_CRASH_AT=after-render|after-record|mid-apply|mid-wait|mid-uninstall` makes the
/// worker kill itself with SIGKILL when a job's first attempt reaches that step boundary, so tests
/// can prove another worker finishes the job from whatever state the crash left. Read once at
/// start; never set it in production.
enum CrashPoint: String, Sendable, CaseIterable {
    case afterRender = "after-render"
    case releaseRecorded = "after-record"
    case midApply = "mid-apply"
    case midWait = "mid-wait"
    /// Inside an uninstall (a delete job, or the cleanup of a failed, stopped or timed-out
    /// install): objects deleted, records still present.
    case midUninstall = "mid-uninstall"

    init?(_ boundary: DeployBoundary) {
        switch boundary {
        case .releaseRecorded: self = .releaseRecorded
        case .midApply: self = .midApply
        case .midWait: self = .midWait
        case .midUninstall: self = .midUninstall
        }
    }

    /// The point named by `KUBEFATE_WORKER_CRASH_AT`, nil when unset; an unknown name is an error.
    static func fromEnvironment(_ environment: [String: String]) throws -> CrashPoint? {
        guard let text = environment["KUBEFATE_WORKER_CRASH_AT"], !text.isEmpty else { return nil }
        guard let point = CrashPoint(rawValue: text) else {
            throw WorkerError(message: "KUBEFATE_WORKER_CRASH_AT must be one of "
                + allCases.map(\.rawValue).joined(separator: ", ") + ", not \(text)")
        }
        return point
    }

    /// Kills this process (no cleanup, like a power cut) when `reached` is this point and the job
    /// runs its first attempt.
    func crashIfReached(_ reached: CrashPoint, attempt: Int) {
        guard reached == self, attempt == 1 else { return }
        FileHandle.standardError.write(Data("kubefate-worker: test crash point \(rawValue) reached: SIGKILL\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
