import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process entry point. It does what `AsyncParsableCommand.main()` does, without making `main`
/// itself `async`: an async main hands the main thread to dispatch, which ends it with a forced
/// unwind (reading the whole unwind table) and moves all work onto pool threads. Commands that need
/// no concurrency (`chart render`, `--help`, `version`) therefore run right here on the main
/// thread; async commands run as a task while the main thread waits for it.
@main
enum KubefateMain {
    static func main() {
        acceptSignals()
        let parsed: any ParsableCommand
        do {
            parsed = try Kubefate.parseAsRoot()
        } catch {
            Kubefate.exit(withError: error)
        }
        if let command = parsed as? any AsyncParsableCommand {
            if let error = waitFor(AsyncCommandBox(command)) { Kubefate.exit(withError: error) }
        } else {
            var command = parsed
            do {
                try command.run()
            } catch {
                Kubefate.exit(withError: error)
            }
        }
    }

    /// Unblocks every signal on the main thread, as the async main's dispatch loop did: a parent that
    /// spawns us from a thread blocking signals (Foundation's `Process` on a dispatch thread) would
    /// otherwise leave SIGTERM and SIGINT pending forever, since dispatch's own threads block them.
    private static func acceptSignals() {
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
    }

    /// Runs the command as a task on the global executor and blocks until it ends; its error, if any.
    private static func waitFor(_ box: AsyncCommandBox) -> (any Error)? {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await box.run()
            done.signal()
        }
        done.wait()
        return box.error
    }
}

/// Hands a parsed async command to the task that runs it and its error back to `main`.
private final class AsyncCommandBox: @unchecked Sendable {
    // @unchecked Sendable: the task is the only user until it signals `main`, which reads `error` after.
    private var command: any AsyncParsableCommand
    private(set) var error: (any Error)?

    init(_ command: any AsyncParsableCommand) {
        self.command = command
    }

    func run() async {
        do {
            try await command.run()
        } catch {
            self.error = error
        }
    }
}
