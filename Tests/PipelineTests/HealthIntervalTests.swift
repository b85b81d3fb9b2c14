import Logging
import Testing
import KFDatabase
@testable import Worker

@Suite struct HealthIntervalTests {
    @Test func intervalDefaultsToSixtySecondsAndReadsDurationText() throws {
        #expect(try HealthRefresher.interval([:]) == .seconds(60))
        #expect(try HealthRefresher.interval(["KUBEFATE_WORKER_HEALTH_INTERVAL": "5m"]) == .seconds(300))
        #expect(try HealthRefresher.interval(["KUBEFATE_WORKER_HEALTH_INTERVAL": "250ms"]) == .milliseconds(250))
    }

    @Test func badIntervalsAreRefusedNamingTheVariable() {
        for text in ["0", "-1s", "soon"] {
            #expect {
                try HealthRefresher.interval(["KUBEFATE_WORKER_HEALTH_INTERVAL": text])
            } throws: { error in
                "\(error)".contains("KUBEFATE_WORKER_HEALTH_INTERVAL") && "\(error)".contains(text)
            }
        }
    }

    @Test func workersWithoutKubernetesRunNoRefresher() throws {
        let pool = MariaDBPool(config: MariaDBConfig(database: "unused"))
        #expect(try HealthRefresher.make(environment: ["KUBEFATE_WORKER_EXECUTOR": "simulated"], pool: pool, logger: Logger(label: "test")) == nil)
        #expect(try HealthRefresher.make(environment: [:], pool: pool, logger: Logger(label: "test")) == nil)
    }
}
