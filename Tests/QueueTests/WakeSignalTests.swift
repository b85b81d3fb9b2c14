import Testing
@testable import KFQueue

@Suite struct WakeSignalTests {
    @Test func aWakeBeforeWaitingIsRemembered() async {
        let signal = WakeSignal()
        signal.wake()
        // Returns at once despite the long timeout.
        await signal.wait(timeout: .seconds(3600))
    }

    @Test func wakeReleasesAWaitingTask() async {
        let signal = WakeSignal()
        let waiter = Task { await signal.wait(timeout: .seconds(3600)) }
        // Whether the wake lands before or after the waiter registers, the waiter must return.
        signal.wake()
        await waiter.value
    }

    @Test func waitReturnsAfterTheTimeoutWithoutAWake() async {
        let signal = WakeSignal()
        await signal.wait(timeout: .milliseconds(20))
    }

    @Test func cancellationEndsTheWait() async {
        let signal = WakeSignal()
        let waiter = Task { await signal.wait(timeout: .seconds(3600)) }
        waiter.cancel()
        await waiter.value
    }
}
