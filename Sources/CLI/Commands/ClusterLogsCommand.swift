import ArgumentParser
import Foundation

/// `kubefate cluster logs <uuid> [container]` (also `kubefate logs`): the cluster's container logs.
/// KubeFATE follows over a websocket; this CLI follows by polling `GET /v1/log/<uuid>` with
/// timestamps and `since-time` from the newest line seen, printing only lines not shown yet.
struct ClusterLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print the logs of a cluster's containers.")

    @Argument(help: "The cluster uuid.")
    var uuid: String?

    @Argument(help: "Only this container (default: all).")
    var container: String?

    @Flag(name: [.short, .long], help: "Keep printing new lines until the service closes the stream.")
    var follow = false

    @Flag(help: "The previous instance of each container.")
    var previous = false

    @Option(help: "Only lines newer than this duration, e.g. 5m or 1h30m.")
    var since: String?

    @Option(name: .customLong("since-time"), help: "Only lines after this time (2006-01-02T15:04:05, UTC).")
    var sinceTime: String?

    @Flag(help: "Prefix every line with its timestamp.")
    var timestamps = false

    @Option(help: "Only the last N lines (-1: all).")
    var tail = -1

    @Option(name: .customLong("limit-bytes"), help: "At most this many bytes per container (0: no limit).")
    var limitBytes = 0

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            if follow {
                try await followLogs(id, client: client)
            } else {
                let answer = try await client.request("GET", "log/\(id)?" + (try query()), as: APIEnvelope<String>.self)
                Terminal.write(answer.data + "\n")
            }
        }
    }

    /// Polls until interrupted, riding out a briefly unreachable service like `job watch`.
    private func followLogs(_ id: String, client: KubefateClient) async throws(CLIError) {
        var follower = LogFollower(showTimestamps: timestamps)
        var failures = 0
        let patience = 30
        while true {
            do throws(CLIError) {
                let path = "log/\(id)?" + (try query(sinceTime: follower.sinceTime, forceTimestamps: true))
                let answer = try await client.request("GET", path, as: APIEnvelope<String>.self)
                failures = 0
                Terminal.write(follower.take(answer.data))
            } catch where error.isTransient && failures < patience {
                failures += 1
                Terminal.writeError("\(error.message) (retrying, \(failures)/\(patience))\n")
            }
            do {
                try await Task.sleep(for: .seconds(2))
            } catch {
                throw CLIError("interrupted")
            }
        }
    }

    /// KubeFATE's query: `container` always, the others only when set. Following, after the first
    /// poll, `sinceTime` replaces `--since`, `--since-time` and `--tail`.
    func query(sinceTime resumeAt: String? = nil, forceTimestamps: Bool = false) throws(CLIError) -> String {
        var items = ["container=" + escaped(container ?? "")]
        if previous { items.append("previous=true") }
        if let since, resumeAt == nil {
            guard let seconds = GoDuration.seconds(since) else {
                throw CLIError("invalid value \"\(since)\" for flag -since: parse error (use e.g. 30s, 5m, 1h30m)")
            }
            items.append("since=" + GoDuration.format(seconds))
        }
        if let resumeAt {
            items.append("since-time=" + escaped(resumeAt))
        } else if let sinceTime {
            guard let rfc3339 = GoDuration.rfc3339(sinceTime) else {
                throw CLIError("--since-time \"\(sinceTime)\" is not in the form 2006-01-02T15:04:05")
            }
            items.append("since-time=" + escaped(rfc3339))
        }
        if timestamps || forceTimestamps { items.append("timestamps=true") }
        if tail != -1, resumeAt == nil { items.append("tail=\(tail)") }
        if limitBytes != 0 { items.append("limit-bytes=\(limitBytes)") }
        return items.joined(separator: "&")
    }
}

/// Go's `time.ParseDuration` for the `--since` flag, and the formats KubeFATE sends.
enum GoDuration {
    /// Seconds in a Go duration text (`300ms`, `1.5h`, `1h30m`, `-5s`), or nil when malformed.
    static func seconds(_ text: String) -> Double? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return sign * total
    }

    /// Seconds as Go prints a float64 with `%v` for the values this flag takes.
    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e21 { return String(Int64(seconds)) }
        return String(seconds)
    }

    /// `2006-01-02T15:04:05` (UTC) as RFC 3339.
    static func rfc3339(_ text: String) -> String? {
        let parts = text.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, time.count == 3, (1...12).contains(date[1]), (1...31).contains(date[2]),
              (0..<24).contains(time[0]), (0..<60).contains(time[1]), (0..<60).contains(time[2]) else { return nil }
        return text + "Z"
    }
}
