import Metrics

/// The worker's metrics (swift-metrics, exported for Prometheus at `/metrics`).
struct WorkerMetrics: Sendable {
    /// Deliveries by what became of them.
    enum Delivery: String, Sendable {
        /// Claimed and acknowledged.
        case claimed
        /// Acknowledged and dropped: the job is terminal, unknown, or held by a live lease.
        case dropped
        /// Rejected with requeue because the database could not be asked.
        case requeued
    }

    let heartbeatFailures = Counter(label: "kubefate_worker_heartbeat_failures_total")
    let running = Meter(label: "kubefate_worker_jobs_running")
    /// From the job's creation to this worker's claim.
    let claimLatency = Metrics.Timer(label: "kubefate_worker_claim_latency_seconds", preferredDisplayUnit: .seconds)

    /// Counts one delivery.
    func delivery(_ outcome: Delivery) {
        Counter(label: "kubefate_worker_deliveries_total", dimensions: [("outcome", outcome.rawValue)]).increment()
    }

    /// Counts one finished run.
    func finished(_ outcome: RunOutcome) {
        let name = switch outcome {
        case .abandoned: "abandoned"
        case .released: "released"
        case .finished(let status, _, _): status.name
        }
        Counter(label: "kubefate_worker_runs_total", dimensions: [("outcome", name)]).increment()
    }

    /// Counts leases the reaper found expired, by what it did (`requeued` or `failed`).
    func leaseExpired(_ outcome: String) {
        Counter(label: "kubefate_worker_lease_expiries_total", dimensions: [("outcome", outcome)]).increment()
    }
}
