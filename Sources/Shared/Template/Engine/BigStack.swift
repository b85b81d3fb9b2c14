import Foundation

/// Runs template executions on a thread with a large stack: nested `include`/`template` calls
/// recurse (Helm allows 1000 nested includes of one name), deeper than default thread stacks allow.
enum BigStack {
    /// Reserved stack size (virtual memory; pages are committed only when used).
    static let stackSize = 1 << 29

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value!
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
