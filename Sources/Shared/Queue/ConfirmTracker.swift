/// Publisher-confirm bookkeeping for one channel in confirm mode, as a value.
///
/// Every publish takes the next sequence number (starting at 1 after `confirm.select`); the broker
/// answers with `basic.ack`/`basic.nack` carrying a delivery tag and a `multiple` flag that settles
/// every outstanding number up to the tag. Acks may settle numbers in any order.
struct ConfirmTracker: Sendable, Equatable {
    /// Sequence number the next publish gets.
    private(set) var nextSequence: UInt64 = 1
    /// Published, not yet settled, ascending.
    private(set) var outstanding: [UInt64] = []
    /// Settled negatively since the last `beginWindow()`.
    private(set) var nacked: Int = 0
    /// Returned as unroutable since the last `beginWindow()`.
    private(set) var returned: Int = 0

    /// Whether every published message has been acked or nacked.
    var isSettled: Bool { outstanding.isEmpty }

    /// Records a publish and returns its sequence number.
    mutating func recordPublish() -> UInt64 {
        let sequence = nextSequence
        nextSequence += 1
        outstanding.append(sequence)
        return sequence
    }

    /// Applies a `basic.ack`. Tags that are not outstanding (late or duplicate) are ignored.
    mutating func ack(_ tag: UInt64, multiple: Bool) {
        settle(tag, multiple: multiple)
    }

    /// Applies a `basic.nack`; the settled messages count as failed.
    mutating func nack(_ tag: UInt64, multiple: Bool) {
        nacked += settle(tag, multiple: multiple)
    }

    /// Records a `basic.return` (the matching ack follows it).
    mutating func recordReturn() {
        returned += 1
    }

    /// Clears the failure counters before a new window; outstanding numbers stay.
    mutating func beginWindow() {
        nacked = 0
        returned = 0
    }

    /// Removes the settled numbers and returns how many there were.
    @discardableResult
    private mutating func settle(_ tag: UInt64, multiple: Bool) -> Int {
        if multiple {
            let end = outstanding.partitioningIndex { $0 > tag }
            outstanding.removeFirst(end)
            return end
        }
        let index = outstanding.partitioningIndex { $0 >= tag }
        guard index < outstanding.count, outstanding[index] == tag else { return 0 }
        outstanding.remove(at: index)
        return 1
    }
}

extension Array where Element == UInt64 {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it
    /// (all non-matching elements first), found by binary search.
    fileprivate func partitioningIndex(where predicate: (UInt64) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
