import Testing
@testable import KFQueue

@Suite struct DeliveryInboxTests {
    @Test func bufferedElementsComeOutInOrder() async {
        let inbox = DeliveryInbox<Int>()
        #expect(inbox.push(1))
        #expect(inbox.push(2))
        #expect(await inbox.next() == 1)
        #expect(await inbox.next() == 2)
    }

    @Test func aWaitingTaskReceivesThePushedElement() async {
        let inbox = DeliveryInbox<Int>()
        async let received = inbox.next()
        // The push may land before the waiter registers (then it is buffered) or after: either way it gets it.
        #expect(inbox.push(7))
        #expect(await received == 7)
    }

    @Test func closingReturnsUntakenElementsAndRefusesPushes() async {
        let inbox = DeliveryInbox<Int>()
        _ = inbox.push(1)
        _ = inbox.push(2)
        #expect(inbox.close() == [1, 2])
        #expect(!inbox.push(3))
        #expect(await inbox.next() == nil)
    }

    @Test func closingEndsWaitingTasks() async {
        let inbox = DeliveryInbox<Int>()
        let waiter = Task { await inbox.next() }
        await Task.yield()
        _ = inbox.close()
        #expect(await waiter.value == nil)
    }

    @Test func cancellingAWaiterEndsItWithoutLosingLaterElements() async {
        let inbox = DeliveryInbox<Int>()
        let waiter = Task { await inbox.next() }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(inbox.push(5))
        #expect(await inbox.next() == 5)
    }
}
