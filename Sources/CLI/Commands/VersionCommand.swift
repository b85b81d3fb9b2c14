import ArgumentParser

/// `kubefate version`: the CLI's and the service's versions.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the CLI and service versions.")

    /// The KubeFATE API version this CLI speaks.
    static let cliVersion = "v1.4.5"

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        Terminal.write(Messages.cliVersion(Self.cliVersion))
        do throws(CLIError) {
            let answer = try await connection.makeClient().request("GET", "version", as: VersionEnvelope.self)
            Terminal.write(Messages.serviceVersion(answer.version))
        } catch {
            Terminal.write(Messages.serviceConnectionError(error.message))
            throw ExitCode(error.exitCode)
        }
    }
}

/// `kubefate login`: checks the configured credentials and shows when the token expires.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login", abstract: "Check the configured credentials against the service.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let answer = try await client.login()
            Terminal.write("login Success, user=\(client.config.username), token expires \(answer.expire ?? "-")\n")
        }
    }
}
