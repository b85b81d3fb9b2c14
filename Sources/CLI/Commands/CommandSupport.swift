import ArgumentParser
import Foundation

/// Options every command that talks to the service accepts.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "PEM file of CA certificates to trust for https (else KUBEFATE_CACERT, FATECLOUD_CACERT or cacert in config.yaml).")
    var cacert: String?

    /// The configuration (config.yaml and environment) with this command's overrides.
    func config() throws(CLIError) -> CLIConfig {
        try CLIConfig.load(caFile: cacert)
    }

    /// A client for the configured service.
    func makeClient() throws(CLIError) -> KubefateClient {
        return try KubefateClient(config: try config())
    }

    /// Runs a command body with a client; a `CLIError` is printed to stderr and becomes the exit
    /// status (KubeFATE's CLI exited 0 after printing server errors; this one does not).
    func withClient(_ body: (KubefateClient) async throws(CLIError) -> Void) async throws {
        do throws(CLIError) {
            try await body(try makeClient())
        } catch {
            Terminal.writeError(error.message + "\n")
            throw ExitCode(error.exitCode)
        }
    }

    /// `GET /v1/<path>` printed as `T` (`-o json|yaml`, else `table`); `what` names the request
    /// in errors when it differs from the path (a query, an escaped segment).
    func show<T: Decodable & Sendable>(_ path: String, what: String? = nil, as type: T.Type, format: OutputFormat,
                                       table: (T) -> String) async throws {
        try await withClient { client throws(CLIError) in
            let body = try await client.fetch("GET", path)
            try printAnswer(body, format: format, as: T.self, what: "GET /v1/\(what ?? path)", table: table)
        }
    }

    /// `kubefate <kind> describe <uuid>`: the uuid checked like KubeFATE's CLI, then `show`.
    func describe<T: Decodable & Sendable>(_ kind: String, uuid: String?, as type: T.Type, format: OutputFormat,
                                           table: (T) -> String) async throws {
        try await withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let body = try await client.fetch("GET", "\(kind)/\(id)")
            try printAnswer(body, format: format, as: T.self, what: "GET /v1/\(kind)/\(id)", table: table)
        }
    }

    /// `kubefate <kind> delete <uuid>`: prints the service's message.
    func delete(_ kind: String, uuid: String?) async throws {
        try await withClient { client throws(CLIError) in
            let id = try requireUUID(uuid)
            let answer = try await client.request("DELETE", "\(kind)/\(id)", as: MessageEnvelope.self)
            Terminal.write(Messages.fromService(answer))
        }
    }
}

/// A uuid positional argument, checked like KubeFATE's CLI (`not uuid`).
func requireUUID(_ text: String?) throws(CLIError) -> String {
    guard let text, !text.isEmpty else { throw CLIError("not uuid") }
    guard text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw CLIError("not uuid: \(text)") }
    return text
}

/// A path segment or query value, percent-encoded.
func escaped(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// Lists and describes: `-o json|yaml` prints the answer's `data`, else `table` formats it.
func printAnswer<T: Decodable & Sendable>(_ body: [UInt8], format: OutputFormat, as type: T.Type, what: String,
                               table: (T) -> String) throws(CLIError) {
    if format != .table {
        Terminal.write(try format.render(answer: body))
        return
    }
    let envelope = try KubefateClient.decode(APIEnvelope<T>.self, body, what: what)
    Terminal.write(table(envelope.data))
}
