import Foundation

/// Closes particular client connections from the broker side with `rabbitmqctl` (RabbitMQ 3.10:
/// `list_connections pid client_properties`, `close_connection <pid> <reason>`). Only connections
/// whose `connection_name` starts with the test's own prefix are touched; the broker keeps running.
enum BrokerControl {
    static let rabbitmqctl = ["/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether `rabbitmqctl` can talk to the node: it exists and we can read the Erlang cookie
    /// (root, or a user with `~/.erlang.cookie`).
    static var available: Bool {
        guard rabbitmqctl != nil else { return false }
        let cookie = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".erlang.cookie").path
        return geteuid() == 0 || FileManager.default.isReadableFile(atPath: cookie)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Erlang pids of the connections whose `connection_name` starts with `prefix`.
    static func connectionPIDs(namePrefix prefix: String) throws -> [String] {
        // One connection per line: `<rabbit@host.N.N.N>\t[{"product","…"},…,{"connection_name","…"}]`
        // (the JSON formatter prints short pids that close_connection does not accept).
        let output = try run(["-q", "list_connections", "pid", "client_properties"])
        let marker = "{\"connection_name\",\""
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, fields[0].hasPrefix("<"), let start = fields[1].range(of: marker) else { return nil }
            let name = fields[1][start.upperBound...].prefix { $0 != "\"" }
            return name.hasPrefix(prefix) ? String(fields[0]) : nil
        }
    }

    /// Asks the broker to close every connection whose name starts with `prefix`; returns how many.
    @discardableResult
    static func closeConnections(namePrefix prefix: String) throws -> Int {
        let pids = try connectionPIDs(namePrefix: prefix)
        for pid in pids {
            _ = try run(["-q", "close_connection", pid, "closed by kubefate-swift QueueTests"])
        }
        return pids.count
    }

    private static func run(_ arguments: [String]) throws -> String {
        guard let rabbitmqctl else { throw Failure(description: "rabbitmqctl not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rabbitmqctl)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "rabbitmqctl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
