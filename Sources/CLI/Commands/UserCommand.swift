import ArgumentParser
import KFModels

/// `kubefate user …`: KubeFATE's `list` and `describe`, plus `create` and `delete`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users.",
        subcommands: [UserListCommand.self, UserDescribeCommand.self, UserCreateCommand.self, UserDeleteCommand.self]
    )
}

struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.", aliases: ["ls"])

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("user/", as: [User].self, format: output.format) { ResourceFormatting.userList($0) }
    }
}

struct UserDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one user.")

    @Argument(help: "The user uuid.")
    var uuid: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.describe("user", uuid: uuid, as: User.self, format: output.format) { ResourceFormatting.userDescribe($0) }
    }
}

struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a user (platform admin).")

    @Option(help: "The new user's name.")
    var username: String

    @Option(help: "The new user's password.")
    var password: String

    @Option(help: "The new user's e-mail address.")
    var email = ""

    @OptionGroup var connection: ConnectionOptions

    private struct Body: Encodable {
        var username: String
        var password: String
        var email: String
    }

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let body = KubefateClient.encode(Body(username: username, password: password, email: email))
            let answer = try await client.request("POST", "user", body: body, as: APIEnvelope<User>.self)
            Terminal.write(Messages.userCreated(answer.data.uuid))
        }
    }
}

struct UserDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a user (platform admin).", aliases: ["del"])

    @Argument(help: "The user uuid.")
    var uuid: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.delete("user", uuid: uuid)
    }
}
