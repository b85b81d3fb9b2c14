import Foundation

/// A `kubefate-api` or `kubefate-worker` process started by a test, with its output in a log file.
final class ManagedProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is only started in init; later calls only signal or read it.
    let name: String
    let logPath: String
    private let process: Process

    /// Starts `executable` with exactly `environment`, stdout and stderr appended to `logPath`.
    init(name: String, executable: URL, arguments: [String] = [], environment: [String: String], logPath: String) throws {
        self.name = name
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw PipelineError("cannot open \(logPath)")
        }
        log.seekToEndOfFile()
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    /// The exit status once the process has exited normally (nil while running or when killed by a signal).
    var exitStatus: Int32? {
        guard !process.isRunning, process.terminationReason == .exit else { return nil }
        return process.terminationStatus
    }

    /// Sends `signal` (SIGTERM, SIGKILL, …) when the process still runs.
    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits until the process has exited, polling; false when it still runs after `timeout`.
    @discardableResult
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// SIGTERM, then SIGKILL when it has not exited after `grace`.
    func stop(grace: Duration = .seconds(10)) async {
        signal(SIGTERM)
        if await !waitForExit(timeout: grace) {
            signal(SIGKILL)
            await waitForExit(timeout: .seconds(5))
        }
    }

    /// The last `lines` lines of the process's output, for failure messages.
    func logTail(lines: Int = 40) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return "--- \(name) (\(logPath)) ---\n" + text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// A failure of the test harness (not of the code under test).
struct PipelineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
