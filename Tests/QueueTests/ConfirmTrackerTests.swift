import Testing
@testable import KFQueue

@Suite struct ConfirmTrackerTests {
    private func tracker(published count: Int) -> ConfirmTracker {
        var tracker = ConfirmTracker()
        for _ in 0..<count { _ = tracker.recordPublish() }
        return tracker
    }

    @Test func sequenceNumbersStartAtOneAndIncrease() {
        var tracker = ConfirmTracker()
        #expect(tracker.recordPublish() == 1)
        #expect(tracker.recordPublish() == 2)
        #expect(tracker.outstanding == [1, 2])
        #expect(!tracker.isSettled)
    }

    @Test func singleAcksSettleOneMessageInAnyOrder() {
        var tracker = tracker(published: 3)
        tracker.ack(2, multiple: false)
        #expect(tracker.outstanding == [1, 3])
        tracker.ack(3, multiple: false)
        tracker.ack(1, multiple: false)
        #expect(tracker.isSettled)
        #expect(tracker.nacked == 0)
    }

    @Test func multipleAckSettlesEverythingUpToTheTag() {
        var tracker = tracker(published: 5)
        tracker.ack(3, multiple: true)
        #expect(tracker.outstanding == [4, 5])
        tracker.ack(5, multiple: true)
        #expect(tracker.isSettled)
    }

    @Test func multipleAckAfterOutOfOrderSingleAcks() {
        var tracker = tracker(published: 5)
        tracker.ack(4, multiple: false)
        tracker.ack(3, multiple: true)
        #expect(tracker.outstanding == [5])
    }

    @Test func lateAndDuplicateAcksAreIgnored() {
        var tracker = tracker(published: 2)
        tracker.ack(1, multiple: false)
        tracker.ack(1, multiple: false)
        tracker.ack(9, multiple: false)
        #expect(tracker.outstanding == [2])
    }

    @Test func nacksCountAsFailuresAndSettle() {
        var tracker = tracker(published: 4)
        tracker.nack(2, multiple: true)
        #expect(tracker.nacked == 2)
        tracker.nack(4, multiple: false)
        #expect(tracker.nacked == 3)
        tracker.ack(3, multiple: false)
        #expect(tracker.isSettled)
    }

    @Test func beginWindowClearsFailuresButKeepsNumbering() {
        var tracker = tracker(published: 2)
        tracker.nack(2, multiple: true)
        tracker.recordReturn()
        tracker.beginWindow()
        #expect(tracker.nacked == 0)
        #expect(tracker.returned == 0)
        #expect(tracker.recordPublish() == 3)
    }
}
