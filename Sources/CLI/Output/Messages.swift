/// The one-line answers of commands that change something (beyond KubeFATE's own texts, which the
/// commands print from the service's `msg`).
enum Messages {
    /// KubeFATE's CLI prints the service's `msg` as is (`deleteChart Success`, `delete Job Success`).
    static func fromService(_ answer: MessageEnvelope) -> String { answer.msg + "\n" }

    /// `kubefate version`'s first line, then the service's (or the connection error).
    static func cliVersion(_ version: String) -> String { "* kubefate commandLine version=\(version)\r\n" }
    static func serviceVersion(_ version: String) -> String { "* kubefate service version=\(version)\r\n" }
    static func serviceConnectionError(_ message: String) -> String { "* kubefate service connection error, \(message)\n" }

    /// `chart upload` (printed only when the service accepted the chart).
    static let chartUploaded = "Upload file Success\n"

    static func userCreated(_ uuid: String) -> String { "create user Success, user id=\(uuid)\n" }
    static func tenantCreated(_ uuid: String) -> String { "create tenant Success, tenant id=\(uuid)\n" }
    static func tenantDeleted(_ tenant: String) -> String { "delete tenant Success, tenant \(tenant)\n" }

    static func quotaSet(_ tenant: TenantInfo) -> String {
        "set quota Success, tenant \(tenant.name): clusters \(ResourceFormatting.quota(tenant.clusterQuota)), "
            + "jobs \(ResourceFormatting.quota(tenant.jobQuota))\n"
    }

    static func memberAdded(_ username: String, role: String, tenant: String) -> String {
        "add member Success, \(username) is \(role) in tenant \(tenant)\n"
    }

    static func memberRemoved(_ username: String, tenant: String) -> String {
        "remove member Success, \(username) left tenant \(tenant)\n"
    }

    static func namespaceGranted(_ namespace: String, tenant: String) -> String {
        "grant namespace Success, \(namespace) belongs to tenant \(tenant)\n"
    }

    static func namespaceRevoked(_ namespace: String) -> String {
        "revoke namespace Success, \(namespace) belongs to no tenant\n"
    }
}
