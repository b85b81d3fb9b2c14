import ArgumentParser

/// `kubefate namespace …`: KubeFATE's `list`, plus `grant` and `revoke` of tenant ownership.
struct NamespaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace",
        abstract: "List namespaces; grant them to tenants.",
        subcommands: [NamespaceListCommand.self, NamespaceGrantCommand.self, NamespaceRevokeCommand.self]
    )
}

struct NamespaceListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the namespaces you may use.", aliases: ["ls"])

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("namespace/", as: [NamespaceInfo].self, format: output.format) { ResourceFormatting.namespaceList($0) }
    }
}

struct NamespaceGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "Make a tenant the owner of a namespace (platform admin).")

    @Argument(help: "The namespace.")
    var name: String

    @Option(help: "The tenant (uuid or name).")
    var tenant: String

    @OptionGroup var connection: ConnectionOptions

    private struct Body: Encodable {
        var name: String
        var tenant: String
    }

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let result = try await client.raw("POST", "namespace", body: KubefateClient.encode(Body(name: name, tenant: tenant)))
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.namespaceGranted(name, tenant: tenant))
        }
    }
}

struct NamespaceRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Take a namespace from its tenant (platform admin).")

    @Argument(help: "The namespace.")
    var name: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let result = try await client.raw("DELETE", "namespace/\(escaped(name))")
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.namespaceRevoked(name))
        }
    }
}
