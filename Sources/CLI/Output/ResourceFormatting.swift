import KFModels

/// Tables for charts, users, namespaces (KubeFATE's, §6.4) and tenants (ours, in the same layout).
enum ResourceFormatting {
    static func chartList(_ charts: [ChartInfo]) -> String {
        var table = Table()
        table.addRow("UUID", "NAME", "VERSION", "APPVERSION")
        for chart in charts { table.addRow(chart.uuid, chart.name, chart.version, chart.appVersion) }
        return table.render()
    }

    static func chartDescribe(_ chart: ChartInfo, maxColumnWidth: Int) -> String {
        var table = Table(maxColumnWidth: maxColumnWidth)
        table.addRow("UUID", chart.uuid)
        table.addRow("Name", chart.name)
        table.addRow("Version", chart.version)
        table.addRow("AppVersion", chart.appVersion)
        table.addRow("Chart", chart.chart)
        return table.render()
    }

    static func userList(_ users: [User]) -> String {
        var table = Table()
        table.addRow("UUID", "USERNAME", "EMAIL", "STATUS")
        for user in users { table.addRow(user.uuid, user.username, user.email, user.status.name) }
        return table.render()
    }

    /// KubeFATE labels the username and email rows `StartTime` and `EndTime` (a bug); these are
    /// labelled for what they hold.
    static func userDescribe(_ user: User) -> String {
        var table = Table()
        table.addRow("UUID", user.uuid)
        table.addRow("Username", user.username)
        table.addRow("Email", user.email)
        table.addRow("Status", user.status.name)
        table.addRow("Admin", user.isAdmin ? "true" : "false")
        return table.render()
    }

    static func namespaceList(_ namespaces: [NamespaceInfo]) -> String {
        var table = Table()
        table.addRow("NAME", "STATUS", "AGE")
        for namespace in namespaces { table.addRow(namespace.name, namespace.status, namespace.age) }
        return table.render()
    }

    static func tenantList(_ tenants: [TenantInfo], now: Timestamp = .now()) -> String {
        var table = Table()
        table.addRow("UUID", "NAME", "CLUSTERQUOTA", "JOBQUOTA", "AGE")
        for tenant in tenants {
            table.addRow(tenant.uuid, tenant.name, quota(tenant.clusterQuota), quota(tenant.jobQuota),
                         ClusterFormatting.age(tenant.createdAt, now: now))
        }
        return table.render()
    }

    static func tenantDescribe(_ tenant: TenantInfo, now: Timestamp = .now()) -> String {
        var table = Table()
        table.addRow("UUID", tenant.uuid)
        table.addRow("Name", tenant.name)
        table.addRow("ClusterQuota", quota(tenant.clusterQuota))
        table.addRow("JobQuota", quota(tenant.jobQuota))
        table.addRow("Age", ClusterFormatting.age(tenant.createdAt, now: now))
        return table.render()
    }

    static func quota(_ limit: Int?) -> String {
        limit.map(String.init) ?? "unlimited"
    }
}
