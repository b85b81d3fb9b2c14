import Foundation
import KFDatabase
import KFModels

/// Whether integration tests run (`make test` sets `KUBEFATE_TEST_INTEGRATION=1`).
let integrationEnabled = ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"

/// A fresh database `kf_test_<uuid>` on the configured server, migrated, dropped afterwards.
func withTestDatabase<T: Sendable>(poolSize: Int = 4, _ body: @Sendable (Database, MariaDBConfig) async throws -> T) async throws -> T {
    var config = try MariaDBConfig.fromEnvironment()
    config.database = "kf_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    config.poolSize = poolSize
    config.lockWaitTimeout = .seconds(5)
    try await Migrator.createDatabase(config: config)
    let db = Database(config: config)
    do {
        try await db.migrate()
        let value = try await body(db, config)
        await db.shutdown()
        try await Migrator.dropDatabase(config: config)
        return value
    } catch {
        await db.shutdown()
        try? await Migrator.dropDatabase(config: config)
        throw error
    }
}

/// Install arguments for the cluster `namespace`/`name`.
func installArgs(_ name: String = "fate-9999", namespace: String = "fate-9999") -> ClusterArgs {
    ClusterArgs(name: name, namespace: namespace, chartName: "fate", chartVersion: "v1.11.2",
                data: Array("{\"chartName\":\"fate\",\"name\":\"\(name)\"}".utf8))
}

/// Submits an install of `name` and returns the job.
func submitInstall(_ db: Database, _ name: String = "fate-9999", creator: String = "admin") async throws -> Job {
    try await db.jobs.submit(JobSubmission(.install(installArgs(name, namespace: name), spec: .object(["chartName": .string("fate")])),
                                           creator: creator))
}
