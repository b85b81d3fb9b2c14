import Foundation
import Logging

/// Everything `kubefate-worker` reads from its environment (`KUBEFATE_WORKER_*`), apart from the
/// database and broker settings, which `MariaDBConfig` and `AMQPConfig` read themselves, and the
/// executor's settings, which `ExecutorChoice` reads: `KUBEFATE_WORKER_EXECUTOR`, `KUBECONFIG`,
/// `KUBEFATE_WORKER_FAILURE_GRACE`, and the test hook
/// `KUBEFATE_WORKER_CRASH_AT` (see `CrashPoint`; never set it in production).
struct WorkerConfig: Sendable {
    /// Lease owner name written to claimed jobs (`KUBEFATE_WORKER_ID`, default `<hostname>-<pid>`).
    var workerID: String
    /// How long a claim stays valid without a heartbeat (`KUBEFATE_WORKER_LEASE`, default 30s).
    var lease: Duration
    /// How often a running job renews its lease and looks for a stop request
    /// (`KUBEFATE_WORKER_HEARTBEAT`, default 2s; must be shorter than the lease).
    var heartbeatInterval: Duration
    /// Claims a job may use before the reaper fails it (`KUBEFATE_WORKER_MAX_ATTEMPTS`, default 3).
    var maxAttempts: Int
    /// How often this worker looks for expired leases (`KUBEFATE_WORKER_REAPER_INTERVAL`, default 5s).
    var reaperInterval: Duration
    /// How long a job may wait Pending, with no unpublished outbox row, before the reaper
    /// republishes it because its queue message was lost (`KUBEFATE_WORKER_REPUBLISH_AFTER`, default 2m).
    var republishAfter: Duration
    /// Jobs run at the same time by this process (`KUBEFATE_WORKER_CONCURRENCY`, default 8).
    var concurrency: Int
    /// Unacknowledged deliveries the broker may push ahead (`KUBEFATE_WORKER_PREFETCH`, default = concurrency).
    var prefetch: Int
    /// The longest a job may run on this worker (`KUBEFATE_WORKER_TIME_LIMIT`, default 1h): a job's
    /// own `time_limit` applies when it is shorter, this one when the job has none or a longer one.
    var maxTimeLimit: Duration
    /// `host:port` for `/metrics` and `/healthz` (`KUBEFATE_WORKER_METRICS_LISTEN`; off when unset).
    var metricsListen: (host: String, port: Int)?
    /// File the simulated executor appends one line per execution start and end to
    /// (`KUBEFATE_SIMULATE_LOG`; off when unset). Used by tests and the benchmark.
    var simulationLogPath: String?
    /// Whether this worker also relays the outbox to the queue (`KUBEFATE_WORKER_RELAY`, default 1).
    /// The API relays too; a relay in the worker publishes jobs the reaper requeued without waiting
    /// for an API replica.
    var relayOutbox: Bool
    /// `KUBEFATE_LOG_LEVEL` (trace … critical, default info).
    var logLevel: Logger.Level

    /// Reads the configuration from `environment`, naming the variable in every error.
    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkerConfigError) {
        let reader = EnvironmentReader(environment: environment)
        workerID = reader.string("KUBEFATE_WORKER_ID") ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        lease = try reader.duration("KUBEFATE_WORKER_LEASE", default: .seconds(30))
        heartbeatInterval = try reader.duration("KUBEFATE_WORKER_HEARTBEAT", default: .seconds(2))
        maxAttempts = try reader.integer("KUBEFATE_WORKER_MAX_ATTEMPTS", default: 3, range: 1...100)
        reaperInterval = try reader.duration("KUBEFATE_WORKER_REAPER_INTERVAL", default: .seconds(5))
        republishAfter = try reader.duration("KUBEFATE_WORKER_REPUBLISH_AFTER", default: .seconds(120))
        concurrency = try reader.integer("KUBEFATE_WORKER_CONCURRENCY", default: 8, range: 1...1024)
        prefetch = try reader.integer("KUBEFATE_WORKER_PREFETCH", default: concurrency, range: 1...65_535)
        maxTimeLimit = try reader.duration("KUBEFATE_WORKER_TIME_LIMIT", default: .seconds(3600))
        metricsListen = try reader.hostPort("KUBEFATE_WORKER_METRICS_LISTEN")
        simulationLogPath = reader.string("KUBEFATE_SIMULATE_LOG")
        relayOutbox = try reader.flag("KUBEFATE_WORKER_RELAY", default: true)
        logLevel = try reader.logLevel("KUBEFATE_LOG_LEVEL")
        guard lease > heartbeatInterval, heartbeatInterval > .zero else {
            throw WorkerConfigError(
                variable: "KUBEFATE_WORKER_HEARTBEAT", value: environment["KUBEFATE_WORKER_HEARTBEAT"] ?? "2s",
                message: "must be above zero and shorter than KUBEFATE_WORKER_LEASE")
        }
        guard republishAfter > .zero else {
            throw WorkerConfigError(
                variable: "KUBEFATE_WORKER_REPUBLISH_AFTER", value: environment["KUBEFATE_WORKER_REPUBLISH_AFTER"] ?? "",
                message: "must be above zero")
        }
        guard reaperInterval > .zero else {
            throw WorkerConfigError(
                variable: "KUBEFATE_WORKER_REAPER_INTERVAL", value: environment["KUBEFATE_WORKER_REAPER_INTERVAL"] ?? "",
                message: "must be above zero")
        }
    }
}

/// A worker setting that cannot be used.
struct WorkerConfigError: Error, Sendable, CustomStringConvertible {
    var variable: String
    var value: String
    var message: String

    var description: String { "\(variable)=\"\(value)\": \(message)" }
}

/// Typed access to environment variables; empty values count as unset.
private struct EnvironmentReader {
    var environment: [String: String]

    func string(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func duration(_ name: String, default value: Duration) throws(WorkerConfigError) -> Duration {
        guard let text = string(name) else { return value }
        guard let parsed = DurationText.parse(text) else {
            throw WorkerConfigError(variable: name, value: text, message: "not a duration (e.g. 30s, 500ms, 2m, 1h)")
        }
        return parsed
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(WorkerConfigError) -> Int {
        guard let text = string(name) else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw WorkerConfigError(
                variable: name, value: text, message: "not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }

    func flag(_ name: String, default value: Bool) throws(WorkerConfigError) -> Bool {
        guard let text = string(name) else { return value }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw WorkerConfigError(variable: name, value: text, message: "expected 1 or 0")
        }
    }

    func hostPort(_ name: String) throws(WorkerConfigError) -> (host: String, port: Int)? {
        guard let text = string(name) else { return nil }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else {
            throw WorkerConfigError(variable: name, value: text, message: "expected host:port, e.g. 127.0.0.1:9101")
        }
        let host = String(text[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    func logLevel(_ name: String) throws(WorkerConfigError) -> Logger.Level {
        guard let text = string(name) else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw WorkerConfigError(
                variable: name, value: text, message: "expected trace, debug, info, notice, warning, error or critical")
        }
        return level
    }
}
