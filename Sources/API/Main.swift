import ArgumentParser
import Foundation
import KFDatabase
import Logging
import NIOCore
import NIOPosix

/// `kubefate-api`: the KubeFATE-compatible HTTP API (`serve`, the default) and `migrate`.
/// Configuration comes from `KUBEFATE_*` environment variables (see `APIConfig`).
@main
struct KubefateAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubefate-api",
        abstract: "The KubeFATE API service.",
        subcommands: [ServeCommand.self, MigrateCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the API (default).")

    func run() async throws {
        let environment = try loadEnvironment()
        let config: APIConfig
        do {
            config = try APIConfig(environment: environment)
        } catch {
            throw ValidationError("configuration: \(error)")
        }
        if !config.swiftPool {
            // Swift tasks run on the HTTP server's event loops instead of a separate cooperative
            // pool, so a request no longer crosses threads between reading, handling and writing
            // (blocking C calls stay on their own threads, as everywhere). Before the server starts.
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        let logger = makeLogger(level: config.logLevel)
        try await APIServer.run(config: config, environment: environment, logger: logger)
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create the database if needed and apply migrations, then exit.")

    func run() async throws {
        let environment = try loadEnvironment()
        let logger = makeLogger(level: environment.string("KUBEFATE_LOG_LEVEL", default: "info"))
        try await APIServer.migrate(try MariaDBConfig.fromEnvironment(environment.all), logger: logger)
    }
}

func loadEnvironment() throws -> Environment {
    do {
        return try Environment.load()
    } catch {
        throw ValidationError("configuration: \(error)")
    }
}

func makeLogger(level: String) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = Logger.Level(rawValue: level) ?? .info
        return handler
    }
    return Logger(label: "kubefate-api")
}
