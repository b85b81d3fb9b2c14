import Synchronization
import Testing
@testable import API

/// `GenerationBarrier`: every caller gets a read that began after its call, and concurrent
/// callers share reads instead of each making one.
struct GenerationBarrierTests {
    /// Counts the reads begun; each read answers its own number after a pause.
    final class Reads: Sendable {
        let begun = Mutex(0)

        func read() async throws -> [String: Int64] {
            let number = begun.withLock { n in
                n += 1
                return n
            }
            try await Task.sleep(for: .milliseconds(5))
            return ["read": Int64(number)]
        }
    }

    @Test func eachCallerSeesAReadBegunAfterItsCallAndCallersShareReads() async throws {
        let reads = Reads()
        let barrier = GenerationBarrier { try await reads.read() }
        let callers = 200
        let late = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<callers {
                group.addTask {
                    try await Task.sleep(for: .microseconds(100 * (i % 20)))
                    let begunBefore = reads.begun.withLock { $0 }
                    let seen = try await barrier.current()["read"] ?? 0
                    return seen > Int64(begunBefore)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(late.count == callers && late.allSatisfy { $0 }, "a caller got a read begun before its call")
        let total = reads.begun.withLock { $0 }
        #expect(total < callers / 2, "\(total) reads for \(callers) concurrent callers")
    }

    @Test func aFailedReadFailsItsCallersAndTheNextCallReadsAgain() async throws {
        let failing = Mutex(true)
        let barrier = GenerationBarrier {
            if failing.withLock({ $0 }) { throw CancellationError() }
            return ["t": 1]
        }
        await #expect(throws: CancellationError.self) { _ = try await barrier.current() }
        failing.withLock { $0 = false }
        #expect(try await barrier.current() == ["t": 1])
    }
}
