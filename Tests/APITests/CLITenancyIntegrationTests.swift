import Foundation
import KFDatabase
import Testing
@testable import CLI

/// Tenants, members, namespace ownership, quotas and the cluster/job/user commands, through the
/// real `kubefate` binary against a real `kubefate-api`: a platform admin sets up a team, a member
/// of it works with clusters.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLITenancyIntegrationTests {
    typealias S = ChartTestSupport

    @Test func adminSetsUpATeamAndAnOperatorManagesItsClusters() async throws {
        try await CLIIntegrationTests.withAPI { api, admin in
            let created = try await admin.run("tenant", "create", "team-a", "--cluster-quota", "1")
            #expect(created.status == 0, "\(created.stderr)")
            let tenantID = try #require(created.stdout.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(created.stdout == "create tenant Success, tenant id=\(tenantID)\n")

            let tenants = try await admin.run("tenant", "list")
            #expect(tenants.rows.first == ["UUID", "NAME", "CLUSTERQUOTA", "JOBQUOTA", "AGE"])
            #expect(tenants.rows.contains { $0.count == 5 && $0[0] == tenantID && $0[1] == "team-a" && $0[2] == "1" && $0[3] == "unlimited" })
            let described = try await admin.run("tenant", "describe", "team-a")
            #expect(described.rows.contains(["UUID", tenantID]) && described.rows.contains(["ClusterQuota", "1"]))
            let quota = try await admin.run("tenant", "set-quota", "team-a", "--job-quota", "4")
            #expect(quota.stdout == "set quota Success, tenant team-a: clusters 1, jobs 4\n", "\(quota.stderr)")

            let user = try await admin.run("user", "create", "--username", "bob", "--password", "bob-password-1", "--email", "bob@example.com")
            #expect(user.status == 0, "\(user.stderr)")
            let userID = try #require(user.stdout.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines))
            let users = try await admin.run("user", "ls")
            #expect(users.rows.first == ["UUID", "USERNAME", "EMAIL", "STATUS"])
            #expect(users.rows.contains { $0.first == userID && $0.dropFirst().first == "bob" && $0.contains("bob@example.com") })
            let bobRow = try await admin.run("user", "describe", userID)
            #expect(bobRow.rows.contains(["Username", "bob"]) && bobRow.rows.contains(["Email", "bob@example.com"]))
            #expect(!(try await admin.run("user", "list", "-o", "json").stdout.contains("password")), "no hash ever reaches the CLI")

            let member = try await admin.run("tenant", "member", "add", "team-a", "bob", "--role", "operator")
            #expect(member.stdout == "add member Success, bob is operator in tenant team-a\n", "\(member.stderr)")
            let grant = try await admin.run("namespace", "grant", "demo-1", "--tenant", "team-a")
            #expect(grant.stdout == "grant namespace Success, demo-1 belongs to tenant team-a\n", "\(grant.stderr)")
            let namespaces = try await admin.run("namespace", "list")
            #expect(namespaces.rows.first == ["NAME", "STATUS", "AGE"])
            #expect(namespaces.rows.contains { $0.first == "demo-1" })

            // bob, an operator of team-a, installs into the team's namespace.
            let bob = try CLIRunner(environment: ["KUBEFATE_URL": api.baseURL, "KUBEFATE_USER": "bob", "KUBEFATE_PASSWORD": "bob-password-1"])
            defer { bob.remove() }
            try bob.write(S.demoSpec(), to: "cluster.yaml")
            let install = try await bob.run("cluster", "install", "-f", "cluster.yaml")
            let jobID = try #require(install.jobID, "\(install.stdout)\(install.stderr)")

            let clusters = try await bob.run("cluster", "list")
            #expect(clusters.rows.first == ["UUID", "NAME", "NAMESPACE", "REVISION", "STATUS", "CHART", "ChartVERSION", "AGE"])
            let row = try #require(clusters.rows.first { $0.count == 8 && $0[1] == "demo-1" }, "\(clusters.stdout)")
            #expect(row[2] == "demo-1" && row[3] == "0" && row[5] == "demo" && row[6] == "0.1.0")
            let clusterID = row[0]
            let describe = try await bob.run("cluster", "describe", clusterID)
            #expect(describe.rows.contains(["UUID", clusterID]) && describe.rows.contains(["NameSpace", "demo-1"]))
            #expect(describe.rows.contains(["Spec", "chartName: demo"]))
            let json = try await bob.run("cluster", "ls", "-A", "-o", "json")
            #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first?["uuid"] as? String == clusterID)

            // The quota of one live cluster is reached.
            try bob.write(S.demoSpec(name: "demo-2").replacingOccurrences(of: "namespace: demo-2", with: "namespace: demo-1"), to: "second.yaml")
            let over = try await bob.run("cluster", "install", "-f", "second.yaml")
            #expect(over.status == 1)
            #expect(over.stderr.hasPrefix("resp.StatusCode=429, error: tenant team-a has 1 of 1 clusters"), "\(over.stderr)")

            // Namespace and tenant removal are refused while they are in use.
            let revoke = try await admin.run("namespace", "revoke", "demo-1")
            #expect(revoke.status == 1 && revoke.stderr.hasPrefix("resp.StatusCode=409, error: "), "\(revoke.stderr)")
            let dropTenant = try await admin.run("tenant", "delete", "team-a")
            #expect(dropTenant.status == 1 && dropTenant.stderr.hasPrefix("resp.StatusCode=409, error: "), "\(dropTenant.stderr)")

            // Stop the install, delete its job record, then delete the cluster (a new delete job).
            #expect(try await bob.run("job", "stop", jobID).stdout == "Stop Job Success\n")
            let deleteJob = try await bob.run("job", "delete", jobID)
            #expect(deleteJob.stdout == "delete Job Success\n", "\(deleteJob.stderr)")

            let removed = try await admin.run("tenant", "member", "remove", "team-a", "bob")
            #expect(removed.stdout == "remove member Success, bob left tenant team-a\n", "\(removed.stderr)")
            let hidden = try await bob.run("cluster", "describe", clusterID)
            #expect(hidden.status == 1 && hidden.stderr.hasPrefix("resp.StatusCode=404, error: "), "a former member sees nothing: \(hidden.stderr)")
            let gone = try await admin.run("user", "delete", userID)
            #expect(gone.stdout == "deleteUser Success\n", "\(gone.stderr)")
        }
    }

    @Test func deleteOfARunningClusterPrintsTheDeleteJob() async throws {
        try await CLIIntegrationTests.withAPI { api, admin in
            try admin.write(S.demoSpec(), to: "cluster.yaml")
            let installJob = try #require(try await admin.run("cluster", "install", "-f", "cluster.yaml").jobID)
            // Play the worker: the install succeeds, the cluster runs.
            let database = Database(config: try api.databaseConfig)
            let claim = try #require(try await database.jobs.claim(jobID: installJob, owner: "test-worker", lease: .seconds(60)))
            #expect(try await database.jobs.finish(claim, status: .success, reason: nil, clusterStatus: .running))
            await database.shutdown()

            let clusters = try await admin.run("cluster", "list")
            let row = try #require(clusters.rows.first { $0.count == 8 && $0[1] == "demo-1" }, "\(clusters.stdout)")
            #expect(row[4] == "Running")
            let delete = try await admin.run("cluster", "del", row[0])
            let deleteJob = try #require(delete.jobID, "\(delete.stdout)\(delete.stderr)")
            let jobs = try await admin.run("job", "list")
            #expect(jobs.rows.contains { $0.first == deleteJob && $0.count == 7 && $0[2] == "ClusterDelete" && $0[5] == row[0] })
        }
    }
}
