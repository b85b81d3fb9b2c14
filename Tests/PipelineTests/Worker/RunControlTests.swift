import KFModels
import Testing
@testable import Worker

@Suite struct RunControlTests {
    @Test func aHeldLeaseChangesNothing() {
        var control = RunControl()
        #expect(control.apply(.leaseHeld) == false)
        #expect(control.interruption == nil)
    }

    @Test func stopAndShutdownWaitForTheStepBoundary() {
        var control = RunControl()
        #expect(control.apply(.stopRequested) == false)
        #expect(control.interruption == .stopRequested)
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
        #expect(RunOutcome(result: .success(.succeeded), interruption: nil)
            == .finished(status: .success, reason: nil, state: "job run Success"))
    }

    @Test func failureKeepsItsReason() {
        #expect(RunOutcome(result: .success(.failed(reason: "boom")), interruption: nil)
            == .finished(status: .failed, reason: "boom", state: "job run Failed, boom"))
    }

    @Test func aLostLeaseWritesNothingWhateverTheResult() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .leaseLost) == .abandoned)
        #expect(RunOutcome(result: .failure(JobInterruption.timedOut), interruption: .leaseLost) == .abandoned)
    }

    @Test(arguments: [
        (JobInterruption.timedOut, JobStatus.timeout),
        (.stopRequested, .canceled),
    ])
    func interruptionsFinishWithTheirStatus(interruption: JobInterruption, status: JobStatus) {
        guard case .finished(let finished, _, _) = RunOutcome(result: .failure(interruption), interruption: interruption) else {
            Issue.record("expected a finish")
            return
        }
        #expect(finished == status)
    }

    @Test func shutdownAndBareCancellationReleaseTheLease() {
        #expect(RunOutcome(result: .failure(JobInterruption.shuttingDown), interruption: .shuttingDown) == .released)
        #expect(RunOutcome(result: .failure(CancellationError()), interruption: nil) == .released)
    }

    @Test func theMonitorsReasonBeatsTheThrownOne() {
        #expect(RunOutcome(result: .failure(CancellationError()), interruption: .timedOut)
            == .finished(status: .timeout, reason: "time limit exceeded", state: "checkout Cluster status timeOut!"))
    }

    @Test func otherErrorsFailTheJob() {
        struct Broken: Error, CustomStringConvertible { var description: String { "broken" } }
        #expect(RunOutcome(result: .failure(Broken()), interruption: nil)
            == .finished(status: .failed, reason: "broken", state: "job run Failed, broken"))
    }
}

@Suite struct RunOutcomeStopTests {
    @Test func aStopRequestWinsOverSuccess() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .stopRequested)
            == .finished(status: .canceled, reason: "stopped by user", state: "job stopped"))
    }

    @Test func successWinsOverALateTimeLimitOrShutdown() {
        #expect(RunOutcome(result: .success(.succeeded), interruption: .timedOut)
            == .finished(status: .success, reason: nil, state: "job run Success"))
        #expect(RunOutcome(result: .success(.succeeded), interruption: .shuttingDown)
            == .finished(status: .success, reason: nil, state: "job run Success"))
    }
}
