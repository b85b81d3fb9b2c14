import KFDatabase
import KFModels
import KFQueue
import Logging
import ServiceLifecycle

/// Takes job ids from the queue, claims each job in the database and runs it.
///
/// Per delivery: claim with one conditional UPDATE (`JobRepository.claim`), ack only after the claim
/// committed, then run. A delivery for a job that cannot be claimed (terminal, unknown, or held by a
/// live lease) is acked and dropped. When the database cannot be asked, the delivery is rejected
/// with requeue after a growing backoff, so no message is lost while the database is down.
/// At most `concurrency` jobs run at once; deliveries wait in the consumer's prefetch window.
///
/// On graceful shutdown (SIGTERM) the service stops taking deliveries (unprocessed ones go back to
/// the queue), tells every run to stop after its current step and release its lease, waits for
/// them, then closes the consumer.
struct JobIntakeService: Service {
    let consumer: JobConsumer
    let repository: JobRepository
    let runner: JobRunner
    let config: WorkerConfig
    let metrics: WorkerMetrics
    let logger: Logger

    func run() async throws {
        let runs = ActiveRuns()
        let databaseBackoff = SharedBackoff(Backoff(initial: .milliseconds(250), maximum: .seconds(10)))
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                var deliveries = consumer.deliveries().makeAsyncIterator()
                while true {
                    while running >= config.concurrency {
                        await group.next()
                        running -= 1
                    }
                    let delivery: JobDelivery
                    do {
                        guard let next = try await deliveries.next() else { break }
                        delivery = next
                    } catch {
                        logger.error("delivery stream failed", metadata: ["error": "\(error)"])
                        break
                    }
                    running += 1
                    group.addTask {
                        await handle(delivery, runs: runs, databaseBackoff: databaseBackoff)
                    }
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            logger.notice("shutting down: no new jobs; running jobs stop after their current step")
            runs.shutdown()
            Task { await consumer.stop() }
        }
        await consumer.close()
        guard runs.isShuttingDown else {
            // The consumer reconnects by itself; its stream ends only when stopped.
            throw WorkerError(message: "the delivery stream ended unexpectedly")
        }
    }

    /// Claims, acks and runs one delivery.
    private func handle(_ delivery: JobDelivery, runs: ActiveRuns, databaseBackoff: SharedBackoff) async {
        var logger = logger
        logger[metadataKey: "job.id"] = "\(delivery.jobID)"
        let claim: JobClaim?
        do {
            claim = try await repository.claim(jobID: delivery.jobID, owner: config.workerID, lease: config.lease)
            databaseBackoff.reset()
        } catch {
            let delay = databaseBackoff.next()
            logger.warning("claim failed; requeueing the delivery", metadata: ["error": "\(error)", "retry.in": "\(delay)"])
            try? await Task.sleep(for: delay)
            do {
                try await delivery.reject(requeue: true)
            } catch {
                logger.warning("reject failed; the broker redelivers the message", metadata: ["error": "\(error)"])
            }
            metrics.delivery(.requeued)
            return
        }
        do {
            try await delivery.ack()
        } catch {
            // The claim stands; the redelivered message will find the job held and be dropped.
            logger.warning("ack failed after the claim", metadata: ["error": "\(error)"])
        }
        guard let claim else {
            logger.debug("not claimable (ended, unknown, or held by a live lease); dropped")
            metrics.delivery(.dropped)
            return
        }
        metrics.delivery(.claimed)
        metrics.claimLatency.record(duration: Timestamp.now().since(claim.startTime))
        let monitor = RunMonitor()
        if claim.stopRequested { monitor.record(.stopRequested) }
        runs.add(monitor)
        metrics.running.increment()
        logger.info("claimed", metadata: ["job.attempt": "\(claim.attempt)"])
        await runner.run(claim, monitor: monitor)
        metrics.running.decrement()
        runs.remove(monitor)
    }
}
