import Foundation
import Logging
import Testing
import KFDatabase
import KFDeploy
import KFKube
import KFModels
import KubeSimCore
@testable import Worker

/// A scratch database, a kubesim with one cluster's Deployment, and a refresher over both.
private struct HealthFixture {
    let database: MariaDBConfig
    let pool: MariaDBPool
    let server: KubeSimServer.Running
    let faults: FaultInjector
    let client: KubeClient
    let refresher: HealthRefresher
    let clusterID = UUID().uuidString.lowercased()
    let name = "party-9999"
    let namespace = "health-a"

    static func start() async throws -> HealthFixture {
        let database = MariaDBConfig(database: "kf_health_\(UUID().uuidString.prefix(8).lowercased())")
        try await Migrator.createDatabase(config: database)
        let pool = MariaDBPool(config: database)
        try await Migrator(pool: pool).migrate()
        let faults = FaultInjector()
        let server = try await KubeSimServer(sim: try KubeSim(clock: .wall(speed: 20), faults: faults)).start()
        let client = KubeClient(config: KubeConfig(server: server.url, credential: .bearer("kubesim")))
        // Every round re-checks (an interval of 1ms): the test drives rounds itself.
        let refresher = HealthRefresher(clusters: ClusterRepository(pool: pool), reader: ClusterInfoReader(client: client),
                                        interval: .milliseconds(1), logger: Logger(label: "test.health"))
        return HealthFixture(database: database, pool: pool, server: server, faults: faults, client: client, refresher: refresher)
    }

    func stop() async {
        await server.stop()
        await pool.shutdown()
        try? await Migrator.dropDatabase(config: database)
    }

    /// A Running cluster row, and its Deployment (labelled `name=<cluster>`, as the FATE charts do).
    func installCluster() async throws {
        try await pool.execute("""
            INSERT INTO clusters (uuid, name, namespace, chart_name, chart_version, `values`, status, created_at, updated_at)
            VALUES (?, ?, ?, 'fate', 'v1.11.2', '{}', ?, NOW(6), NOW(6))
            """, [.text(clusterID), .text(name), .text(namespace), .int(ClusterStatus.running.rawValue)])
        try await client.apply(.object(["apiVersion": "v1", "kind": "Namespace", "metadata": .object(["name": .string(namespace)])]), namespace: nil)
        let labels: KubeJSON = .object(["name": .string(name), "fateMoudle": "python"])
        try await client.apply(.object([
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": .object(["name": "python", "labels": labels]),
            "spec": .object([
                "replicas": 1,
                "selector": .object(["matchLabels": labels]),
                "template": .object([
                    "metadata": .object(["labels": labels]),
                    "spec": .object(["containers": .array([.object(["name": "python", "image": "federatedai/fateflow:1.11.2-release"])])]),
                ]),
            ]),
        ]), namespace: namespace)
    }

    func status() async throws -> ClusterStatus? {
        try await pool.query("SELECT status FROM clusters WHERE uuid = ?", [.text(clusterID)]).first
            .flatMap { ClusterStatus(rawValue: Int(try $0.int(0))) }
    }

    func info() async throws -> ClusterInfo? {
        try await ClusterRepository(pool: pool).info(clusterID: clusterID).map(ClusterInfo.init(jsonText:))
    }

    /// Deletes the cluster's pods, so the ReplicaSet starts new ones under the current faults.
    func restartPods() async throws {
        for pod in try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace, labelSelector: "name=\(name)").items {
            if let pod = pod[path: "metadata", "name"]?.string {
                try await client.delete(apiVersion: "v1", kind: "Pod", namespace: namespace, name: pod)
            }
        }
    }

    /// Runs refresh rounds until `done` holds (kubesim's controllers need a few rounds to react).
    func refreshUntil(_ what: String, _ done: (HealthFixture) async throws -> Bool) async throws {
        for _ in 0..<300 {
            _ = await refresher.refreshDue()
            if try await done(self) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("never reached: \(what)")
    }
}

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct HealthRefresherIntegrationTests {
    @Test func aRunningClusterTurnsUnavailableWhenItsDeploymentCrashLoopsAndRunningWhenItRecovers() async throws {
        let fixture = try await HealthFixture.start()
        do {
            try await fixture.installCluster()
            try await fixture.refreshUntil("info shows python Available") { try await $0.info()?.status.deployments["python"] == "Available" }
            #expect(try await fixture.status() == .running)
            let healthy = try #require(try await fixture.info())
            #expect(healthy.status.containers == ["python": "Running"])
            #expect(healthy.pods.count == 1)
            #expect(!healthy.ip.isEmpty)

            fixture.faults.add([FaultRule(effect: .crashLoop, namespace: fixture.namespace, labelSelector: "fateMoudle=python")])
            try await fixture.restartPods()
            try await fixture.refreshUntil("cluster Unavailable") { try await $0.status() == .unavailable }
            let broken = try #require(try await fixture.info())
            #expect(broken.status.deployments["python"] != "Available")
            #expect(!broken.isHealthy)

            fixture.faults.set([])
            try await fixture.restartPods()
            try await fixture.refreshUntil("cluster Running again") { try await $0.status() == .running }
            #expect(try await fixture.info()?.isHealthy == true)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func aClusterHeldByAJobKeepsItsStatusWhileTheInfoIsRefreshed() async throws {
        let fixture = try await HealthFixture.start()
        do {
            try await fixture.installCluster()
            try await fixture.pool.execute("UPDATE clusters SET status = ? WHERE uuid = ?",
                                           [.int(ClusterStatus.unavailable.rawValue), .text(fixture.clusterID)])
            // An update job is in flight: it owns the cluster's status.
            try await fixture.pool.execute("""
                INSERT INTO jobs (uuid, cluster_uuid, method, creator, status, time_limit_ns, start_time, active_key, created_at, updated_at)
                VALUES (?, ?, 'ClusterUpdate', 'admin', ?, 3600000000000, NOW(6), ?, NOW(6), NOW(6))
                """, [.text(UUID().uuidString.lowercased()), .text(fixture.clusterID), .int(JobStatus.running.rawValue), .text(fixture.clusterID)])
            try await fixture.refreshUntil("info shows python Available") { try await $0.info()?.isHealthy == true }
            #expect(try await fixture.status() == .unavailable)

            try await fixture.pool.execute("UPDATE jobs SET active_key = NULL WHERE cluster_uuid = ?", [.text(fixture.clusterID)])
            try await fixture.refreshUntil("cluster Running once no job holds it") { try await $0.status() == .running }
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    @Test func twoRefreshersNeverCheckTheSameClusterInOneInterval() async throws {
        let fixture = try await HealthFixture.start()
        do {
            try await fixture.installCluster()
            let repository = ClusterRepository(pool: fixture.pool)
            async let first = repository.claimHealthChecks(interval: .seconds(3600), limit: 10)
            async let second = repository.claimHealthChecks(interval: .seconds(3600), limit: 10)
            let claims = try await [first, second]
            #expect(claims.map(\.count).sorted() == [0, 1])
            #expect(try await repository.claimHealthChecks(interval: .seconds(3600), limit: 10).isEmpty)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }
}
