import KFModels
import Testing
@testable import Worker

@Suite struct RunControlTests {
    @Test func aHeldLeaseChangesNothing() {
        var control = RunControl()
        #expect(control.apply(.leaseHeld) == false)
        #expect(control.interruption == nil)
    }

    @Test func aStopCutsTheStepShortOnce() {
        var control = RunControl()
        #expect(control.apply(.stopRequested) == true)
        #expect(control.apply(.stopRequested) == false)
        #expect(control.interruption == .stopRequested)
    }

    @Test func aStopAfterTheTimeLimitDoesNotAbortAgain() {
        var control = RunControl()
        _ = control.apply(.timeLimitReached)
        #expect(control.apply(.stopRequested) == false)
        #expect(control.interruption == .timedOut)
    }

    @Test func shutdownWaitsForTheStepBoundary() {
        var shutdown = RunControl()
        #expect(shutdown.apply(.shutdownRequested) == false)
        #expect(shutdown.interruption == .shuttingDown)
    }

    @Test func leaseLossAndTimeLimitCutTheStepShortOnce() {
        var control = RunControl()
        #expect(control.apply(.timeLimitReached) == true)
        #expect(control.apply(.timeLimitReached) == false)
        #expect(control.interruption == .timedOut)
        #expect(control.apply(.leaseLost) == true)
        #expect(control.apply(.leaseLost) == false)
        #expect(control.interruption == .leaseLost)
    }

    @Test func theMostSevereReasonWins() {
        var control = RunControl()
        _ = control.apply(.shutdownRequested)
        _ = control.apply(.stopRequested)
        #expect(control.interruption == .stopRequested)
        _ = control.apply(.timeLimitReached)
        #expect(control.interruption == .timedOut)
        _ = control.apply(.leaseLost)
        #expect(control.interruption == .leaseLost)
    }

    @Test func theTimeLimitAfterALostLeaseDoesNotAbortAgain() {
        var control = RunControl()
        _ = control.apply(.leaseLost)
        #expect(control.apply(.timeLimitReached) == false)
    }
}

@Suite struct RunOutcomeTests {
    @Test func successFinishesTheJob() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: nil, method: .clusterUpdate)
            == .finished(status: .success, reason: nil, state: "job run Success"))
    }

    @Test func failureKeepsItsReason() {
        #expect(RunOutcome(result: .success(.failed(reason: "boom")), interruption: nil, method: .clusterUpdate)
            == .finished(status: .failed, reason: "boom", state: "job run Failed, boom"))
    }

    @Test func aLostLeaseWritesNothingWhateverTheResult() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .leaseLost, method: .clusterUpdate) == .abandoned)
        #expect(RunOutcome(result: .failure(JobInterruption.timedOut), interruption: .leaseLost, method: .clusterUpdate) == .abandoned)
    }

    @Test(arguments: [
        (JobInterruption.timedOut, JobStatus.timeout),
        (.stopRequested, .canceled),
    ])
    func interruptionsFinishWithTheirStatus(interruption: JobInterruption, status: JobStatus) {
        guard case .finished(let finished, _, _) = RunOutcome(result: .failure(interruption), interruption: interruption, method: .clusterDelete) else {
            Issue.record("expected a finish")
            return
        }
        #expect(finished == status)
    }

    @Test func shutdownAndBareCancellationReleaseTheLease() {
        #expect(RunOutcome(result: .failure(JobInterruption.shuttingDown), interruption: .shuttingDown, method: .clusterUpdate) == .released)
        #expect(RunOutcome(result: .failure(CancellationError()), interruption: nil, method: .clusterUpdate) == .released)
    }

    @Test func theMonitorsReasonBeatsTheThrownOne() {
        #expect(RunOutcome(result: .failure(CancellationError()), interruption: .timedOut, method: .clusterDelete)
            == .finished(status: .timeout, reason: "time limit exceeded", state: "checkout Cluster status timeOut!"))
    }

    @Test func otherErrorsFailTheJob() {
        struct Broken: Error, CustomStringConvertible { var description: String { "broken" } }
        #expect(RunOutcome(result: .failure(Broken()), interruption: nil, method: .clusterUpdate)
            == .finished(status: .failed, reason: "broken", state: "job run Failed, broken"))
    }
}

@Suite struct RunOutcomeStopTests {
    @Test func aStopRequestWinsOverSuccess() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .stopRequested, method: .clusterUpdate)
            == .finished(status: .canceled, reason: "stopped by user", state: "job stopped"))
    }

    @Test func successWinsOverALateTimeLimitOrShutdown() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .timedOut, method: .clusterUpdate)
            == .finished(status: .success, reason: nil, state: "job run Success"))
        #expect(RunOutcome(result: .success(.succeeded), interruption: .shuttingDown, method: .clusterUpdate)
            == .finished(status: .success, reason: nil, state: "job run Success"))
    }
}

@Suite struct RunOutcomeInstallTests {
    @Test func aTimedOutInstallFailsWithKubeFATEsTimeoutState() {
        #expect(RunOutcome(result: .failure(JobInterruption.timedOut), interruption: .timedOut, method: .clusterInstall)
            == .finished(status: .failed, reason: "time limit exceeded", state: "checkout Cluster status timeOut!"))
    }

    @Test func aStoppedInstallIsCanceled() {
        #expect(RunOutcome(result: .failure(JobInterruption.stopRequested), interruption: .stopRequested, method: .clusterInstall)
            == .finished(status: .canceled, reason: "stopped by user", state: "job stopped"))
    }

    @Test func whatACutShortStepReturnsIsBlamedOnTheInterruption() {
        // A request cancelled by the stop or the time limit surfaces as a failed apply.
        #expect(RunOutcome(result: .success(.failed(reason: "apply: cancelled")), interruption: .stopRequested, method: .clusterInstall)
            == .finished(status: .canceled, reason: "stopped by user", state: "job stopped"))
        struct Cancelled: Error {}
        #expect(RunOutcome(result: .failure(Cancelled()), interruption: .timedOut, method: .clusterInstall)
            == .finished(status: .failed, reason: "time limit exceeded", state: "checkout Cluster status timeOut!"))
    }

    @Test func aTimedOutUpdateFailsWithKubeFATEsUpdateWordingBeforeItsRollback() {
        #expect(RunOutcome(result: .failure(JobInterruption.timedOut), interruption: .timedOut, method: .clusterUpdate)
            == .finished(status: .failed, reason: "time limit exceeded", state: "Checkout Cluster status timeOut!"))
    }
}
