import KFDatabase
import KFModels
import Logging
import Metrics
import ServiceLifecycle

/// Refreshes the metrics that live in the database, every `interval`:
/// `kubefate_jobs{status}` (jobs per status, from `jobCountsByStatus()`, 0 for empty statuses) and
/// `kubefate_lease_expiries` (jobs the reapers have taken back from dead workers so far).
/// Every API replica reports the same values; they describe the shared database, not the replica.
struct DatabaseGauges: Service {
    let jobs: JobRepository
    let interval: Duration
    let logger: Logger
    private let byStatus: [JobStatus: Gauge]
    private let leaseExpiries: Gauge

    init(jobs: JobRepository, interval: Duration, logger: Logger) {
        self.jobs = jobs
        self.interval = interval
        self.logger = logger
        byStatus = Dictionary(uniqueKeysWithValues: JobStatus.allCases.map {
            ($0, Gauge(label: "kubefate_jobs", dimensions: [("status", $0.name)]))
        })
        leaseExpiries = Gauge(label: "kubefate_lease_expiries")
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await refresh()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One refresh; failures are logged and the previous values stay.
    func refresh() async {
        do {
            let counts = try await jobs.jobCountsByStatus()
            for (status, gauge) in byStatus { gauge.record(counts[status] ?? 0) }
            leaseExpiries.record(try await jobs.leaseExpiriesTotal())
        } catch {
            logger.warning("cannot refresh job metrics", metadata: ["error": "\(error)"])
        }
    }
}
