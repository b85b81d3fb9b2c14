import Foundation
@testable import CLI

/// Runs the real `kubefate` binary from `.build/debug` in a scratch directory with a controlled
/// environment (nothing inherited but PATH and HOME), capturing its output through files.
struct CLIRunner: Sendable {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The working directory (where a config.yaml would be read).
    let directory: String
    var environment: [String: String]

    /// Works in `directory`, or in a new scratch directory.
    init(environment: [String: String] = [:], directory: String? = nil) throws {
        if let directory {
            self.directory = directory
        } else {
            self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("kf-cli-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        }
        let inherited = ProcessInfo.processInfo.environment
        var env = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp"]
        env.merge(environment) { $1 }
        self.environment = env
    }

    /// A runner for the service an `APIProcess` started, logging in as its admin.
    static func against(_ api: APIProcess, password: String? = nil) throws -> CLIRunner {
        try CLIRunner(environment: ["KUBEFATE_URL": api.baseURL, "KUBEFATE_PASSWORD": password ?? api.adminPassword])
    }

    static var binary: URL { APIProcess.repositoryRoot.appendingPathComponent(".build/debug/kubefate") }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    func run(_ arguments: String..., environment extra: [String: String] = [:]) async throws -> Output {
        let running = try start(arguments, environment: extra)
        while running.process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return running.finish()
    }

    /// Starts the binary without waiting, for commands that run until stopped (`logs --follow`).
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Running {
        let id = UUID().uuidString.prefix(8)
        let running = Running(process: Process(), outPath: directory + "/.out-\(id)", errPath: directory + "/.err-\(id)")
        _ = FileManager.default.createFile(atPath: running.outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: running.errPath, contents: nil)
        let process = running.process
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment.merging(extra) { $1 }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: running.outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: running.errPath))
        try process.run()
        return running
    }

    /// A started CLI process whose output goes to files.
    final class Running: @unchecked Sendable {
        // @unchecked Sendable: the process is only started, polled and terminated.
        let process: Process
        let outPath: String
        let errPath: String

        init(process: Process, outPath: String, errPath: String) {
            self.process = process
            self.outPath = outPath
            self.errPath = errPath
        }

        /// What it has printed so far.
        var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

        /// Stops it (SIGTERM) and waits.
        func stop() async {
            if process.isRunning { process.terminate() }
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        }

        /// The output of the ended process; removes the files.
        func finish() -> Output {
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            return Output(status: process.terminationStatus, stdout: stdout,
                          stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension CLIRunner.Output {
    /// Rows of a table, cells trimmed (what `awk` sees).
    var rows: [[String]] {
        stdout.split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The job id after the last `=` of `create job Success, job id=<uuid>\r\n`.
    var jobID: String? {
        guard stdout.hasPrefix("create job Success, job id="), stdout.hasSuffix("\r\n") else { return nil }
        return stdout.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
