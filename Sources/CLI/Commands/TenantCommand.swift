import ArgumentParser

/// `kubefate tenant …`: teams that own namespaces, their quotas and members.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Manage tenants, their quotas and members.",
        subcommands: [TenantCreateCommand.self, TenantListCommand.self, TenantDescribeCommand.self, TenantDeleteCommand.self,
                      TenantSetQuotaCommand.self, TenantMemberCommand.self]
    )
}

/// A quota on the command line: a number, or `unlimited`.
enum QuotaArgument: ExpressibleByArgument, Equatable, Sendable {
    case limit(Int)
    case unlimited

    init?(argument: String) {
        if argument == "unlimited" || argument == "none" {
            self = .unlimited
        } else if let number = Int(argument), number >= 0 {
            self = .limit(number)
        } else {
            return nil
        }
    }

    var value: Int? {
        switch self {
        case .limit(let number): number
        case .unlimited: nil
        }
    }
}

/// `{"name","clusterQuota","jobQuota"}`; nil quotas are sent as JSON null (unlimited).
private struct TenantBody: Encodable {
    var name: String
    var clusterQuota: Int?
    var jobQuota: Int?

    enum CodingKeys: String, CodingKey { case name, clusterQuota, jobQuota }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(clusterQuota, forKey: .clusterQuota)
        try c.encode(jobQuota, forKey: .jobQuota)
    }
}

struct TenantCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a tenant (platform admin).")

    @Argument(help: "The tenant's name.")
    var name: String

    @Option(name: .customLong("cluster-quota"), help: "Live clusters the tenant may have (a number or unlimited).")
    var clusterQuota: QuotaArgument = .unlimited

    @Option(name: .customLong("job-quota"), help: "Jobs the tenant may have pending or running at once (a number or unlimited).")
    var jobQuota: QuotaArgument = .unlimited

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let body = KubefateClient.encode(TenantBody(name: name, clusterQuota: clusterQuota.value, jobQuota: jobQuota.value))
            let answer = try await client.request("POST", "tenant", body: body, as: APIEnvelope<TenantInfo>.self)
            Terminal.write(Messages.tenantCreated(answer.data.uuid))
        }
    }
}

struct TenantListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tenants (yours, or all for a platform admin).",
                                                    aliases: ["ls"])

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("tenant/", as: [TenantInfo].self, format: output.format) { ResourceFormatting.tenantList($0) }
    }
}

struct TenantDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one tenant.")

    @Argument(help: "The tenant (uuid or name).")
    var tenant: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.show("tenant/\(escaped(tenant))", what: "tenant/\(tenant)", as: TenantInfo.self,
                                  format: output.format) { ResourceFormatting.tenantDescribe($0) }
    }
}

struct TenantDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a tenant that owns no namespace (platform admin).",
                                                    aliases: ["del"])

    @Argument(help: "The tenant (uuid or name).")
    var tenant: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let result = try await client.raw("DELETE", "tenant/\(escaped(tenant))")
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.tenantDeleted(tenant))
        }
    }
}

struct TenantSetQuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-quota", abstract: "Change a tenant's quotas (platform admin).",
                                                    discussion: "A quota not given keeps its current value.")

    @Argument(help: "The tenant (uuid or name).")
    var tenant: String

    @Option(name: .customLong("cluster-quota"), help: "Live clusters (a number or unlimited).")
    var clusterQuota: QuotaArgument?

    @Option(name: .customLong("job-quota"), help: "Jobs pending or running at once (a number or unlimited).")
    var jobQuota: QuotaArgument?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if clusterQuota == nil && jobQuota == nil { throw ValidationError("give --cluster-quota, --job-quota or both") }
    }

    /// Only the quotas given: a number sets, null (`unlimited`) removes the limit, an absent key keeps it.
    struct Body: Encodable {
        var clusterQuota: QuotaArgument?
        var jobQuota: QuotaArgument?

        enum CodingKeys: String, CodingKey { case clusterQuota, jobQuota }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            for (key, quota) in [(CodingKeys.clusterQuota, clusterQuota), (.jobQuota, jobQuota)] {
                switch quota {
                case .limit(let number)?: try c.encode(number, forKey: key)
                case .unlimited?: try c.encodeNil(forKey: key)
                case nil: break
                }
            }
        }
    }

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let body = KubefateClient.encode(Body(clusterQuota: clusterQuota, jobQuota: jobQuota))
            let updated = try await client.request("PUT", "tenant/\(escaped(tenant))", body: body, as: APIEnvelope<TenantInfo>.self)
            Terminal.write(Messages.quotaSet(updated.data))
        }
    }
}

/// `kubefate tenant member add|remove`.
struct TenantMemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "member", abstract: "Add or remove a tenant's members.",
                                                    subcommands: [TenantMemberAddCommand.self, TenantMemberRemoveCommand.self])
}

/// A role in a tenant.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case viewer, `operator`, admin
}

struct TenantMemberAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Give a user a role in a tenant (or change it).")

    @Argument(help: "The tenant (uuid or name).")
    var tenant: String

    @Argument(help: "The user's name.")
    var username: String

    @Option(help: "viewer, operator or admin.")
    var role: RoleArgument = .viewer

    @OptionGroup var connection: ConnectionOptions

    private struct Body: Encodable { var role: String }

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let result = try await client.raw("PUT", "tenant/\(escaped(tenant))/member/\(escaped(username))",
                                              body: KubefateClient.encode(Body(role: role.rawValue)))
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.memberAdded(username, role: role.rawValue, tenant: tenant))
        }
    }
}

struct TenantMemberRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a user out of a tenant.", aliases: ["rm"])

    @Argument(help: "The tenant (uuid or name).")
    var tenant: String

    @Argument(help: "The user's name.")
    var username: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withClient { client throws(CLIError) in
            let result = try await client.raw("DELETE", "tenant/\(escaped(tenant))/member/\(escaped(username))")
            guard result.status == 200 else { throw KubefateClient.failure(result) }
            Terminal.write(Messages.memberRemoved(username, tenant: tenant))
        }
    }
}
