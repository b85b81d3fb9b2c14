import ArgumentParser
import CCurl

/// Runs a command body with a logged-in client; a `CLIError` is printed to stderr and becomes the
/// exit status (KubeFATE's CLI exited 0 after printing server errors; this one does not).
func withClient(_ body: (KubefateClient) async throws(CLIError) -> Void) async throws {
    do throws(CLIError) {
        try await body(try makeClient())
    } catch {
        Terminal.writeError(error.message + "\n")
        throw ExitCode(error.exitCode)
    }
}

/// A client for the configured service.
func makeClient() throws(CLIError) -> KubefateClient {
    curl_global_init(3)  // CURL_GLOBAL_DEFAULT
    return try KubefateClient(config: try CLIConfig.load())
}

/// A uuid positional argument, checked like KubeFATE's CLI (`not uuid`).
func requireUUID(_ text: String?) throws(CLIError) -> String {
    guard let text, !text.isEmpty else { throw CLIError("not uuid") }
    guard text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw CLIError("not uuid: \(text)") }
    return text
}
