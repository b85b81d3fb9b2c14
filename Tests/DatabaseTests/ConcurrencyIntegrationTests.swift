import Foundation
import Testing
import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct ConcurrencyIntegrationTests {
    @Test func concurrentInstallsOfOneClusterHaveExactlyOneWinner() async throws {
        try await withTestDatabase(poolSize: 8) { db, _ async throws in
            let (winner, losers) = try await raceForOneWinner(16) { i in try await submitInstall(db, creator: "user\(i)") }
            for e in losers {
                #expect(e.code == .conflict)
                #expect(e[.job] == winner.uuid)
                #expect(e[.cluster] == winner.clusterID)
            }
            #expect(try await db.jobs.jobs().count == 1)
            #expect(try await db.jobs.clusters().count == 1)
            #expect(try await db.outbox.pending(limit: 100).count == 1)
        }
    }

    @Test func atMostOneActiveJobPerCluster() async throws {
        try await withTestDatabase(poolSize: 8) { db, _ async throws in
            let install = try await submitInstall(db)
            let claim = try #require(try await db.jobs.claim(jobID: install.uuid, owner: "w", lease: .seconds(30)))
            // While the install is active, updates and deletes are refused naming it.
            await #expect(throws: KubefateError.clusterBusy(cluster: install.clusterID, job: install.uuid)) {
                try await db.jobs.submit(JobSubmission(.delete(clusterID: install.clusterID), creator: "admin"))
            }
            #expect(try await db.jobs.finish(claim, status: .success, reason: nil))

            // Racing updates and deletes of the live cluster: exactly one becomes the active job.
            let (winner, losers) = try await raceForOneWinner(12) { i in
                let target: JobSubmission.Target = i.isMultiple(of: 2)
                    ? .update(installArgs(), spec: nil) : .delete(clusterID: install.clusterID)
                return try await db.jobs.submit(JobSubmission(target, creator: "admin"))
            }
            for e in losers {
                #expect(e.code == .conflict && e[.job] == winner.uuid)
            }
            #expect(try await db.jobs.activeJob(clusterID: install.clusterID) == winner.uuid)
        }
    }

    @Test func twoConcurrentReapersRequeueEachExpiredJobOnce() async throws {
        try await withTestDatabase(poolSize: 8) { db, _ async throws in
            var jobs: [Job] = []
            for i in 0..<10 { jobs.append(try await submitInstall(db, "fate-\(i)")) }
            for job in jobs { _ = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "dead", lease: .milliseconds(1))) }
            try await Task.sleep(for: .milliseconds(20))
            try await db.outbox.markPublished(ids: try await db.outbox.pending(limit: 100).map(\.id))

            async let a = db.jobs.reapExpired(maxAttempts: 3, limit: 100)
            async let b = db.jobs.reapExpired(maxAttempts: 3, limit: 100)
            let outcomes = try await a + b
            #expect(outcomes.count == 10)
            #expect(Set(outcomes.map(\.jobID)) == Set(jobs.map(\.uuid)))
            #expect(outcomes.allSatisfy { if case .requeued(_, 1) = $0 { true } else { false } })
            #expect(try await db.outbox.pending(limit: 100).count == 10)
            for job in jobs {
                let j = try #require(try await db.jobs.job(uuid: job.uuid))
                #expect(j.status == .pending && j.attempt == 1 && j.leaseOwner == nil)
            }
            #expect(try await db.jobs.reapExpired(maxAttempts: 3, limit: 100).isEmpty)
        }
    }

    @Test func reaperFailsJobsWhoseLeasesExpiredMaxAttemptsTimes() async throws {
        try await withTestDatabase(poolSize: 8) { db, _ async throws in
            let job = try await submitInstall(db)
            var reaped: [ReapOutcome] = []
            for _ in 0..<3 {
                _ = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "dead", lease: .milliseconds(1)))
                try await Task.sleep(for: .milliseconds(20))
                async let a = db.jobs.reapExpired(maxAttempts: 3, limit: 10)
                async let b = db.jobs.reapExpired(maxAttempts: 3, limit: 10)
                reaped += try await a + b
            }
            #expect(reaped == [.requeued(jobID: job.uuid, attempt: 1), .requeued(jobID: job.uuid, attempt: 2),
                               .failed(jobID: job.uuid, attempts: 3)])
            #expect(try await db.jobs.leaseExpiriesTotal() == 3)
            let failed = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(failed.status == .failed)
            #expect(failed.reason == "lease expired 3 times")
            #expect(!failed.endTime.isZero)
            // Nobody cleaned up: the cluster stays live as Failed (a delete job removes it) and is free for one.
            let cluster = try #require(try await db.jobs.cluster(uuid: job.clusterID))
            #expect(cluster.status == .failed)
            #expect(try await db.jobs.activeJob(clusterID: job.clusterID) == nil)
            #expect(try await db.jobs.claim(jobID: job.uuid, owner: "late", lease: .seconds(1)) == nil)
            _ = try await db.jobs.submit(JobSubmission(.delete(clusterID: job.clusterID), creator: "admin"))
        }
    }

    @Test func manyWorkersClaimingOneJobExactlyOneWins() async throws {
        try await withTestDatabase(poolSize: 8) { db, _ async throws in
            let job = try await submitInstall(db)
            let claims = try await withThrowingTaskGroup(of: JobClaim?.self) { group in
                for i in 0..<8 { group.addTask { try await db.jobs.claim(jobID: job.uuid, owner: "w\(i)", lease: .seconds(30)) } }
                return try await group.reduce(into: [JobClaim]()) { if let c = $1 { $0.append(c) } }
            }
            #expect(claims.count == 1)
            #expect(claims.first?.attempt == 1)
        }
    }

    @Test func gracefulReleasesDoNotCountAsExpiredLeases() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            for _ in 0..<3 {
                let c = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "restarting", lease: .seconds(30)))
                #expect(try await db.jobs.release(c))
            }
            _ = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "dead", lease: .milliseconds(1)))
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await db.jobs.reapExpired(maxAttempts: 3, limit: 10) == [.requeued(jobID: job.uuid, attempt: 4)])
            #expect(try await db.jobs.job(uuid: job.uuid)?.status == .pending)
            #expect(try await db.jobs.leaseExpiriesTotal() == 1)
        }
    }
}

/// Runs `count` submissions at once and expects exactly one to succeed: returns it and the errors
/// of the others (each must be a `KubefateError`).
private func raceForOneWinner(_ count: Int, _ submit: @escaping @Sendable (Int) async throws -> Job) async throws
    -> (winner: Job, losers: [KubefateError]) {
    let results = await withTaskGroup(of: Result<Job, any Error>.self) { group in
        for i in 0..<count {
            group.addTask {
                do { return .success(try await submit(i)) } catch { return .failure(error) }
            }
        }
        return await group.reduce(into: [Result<Job, any Error>]()) { $0.append($1) }
    }
    let winners = results.compactMap { try? $0.get() }
    #expect(winners.count == 1)
    let winner = try #require(winners.first)
    var losers: [KubefateError] = []
    for case .failure(let error) in results {
        losers.append(try #require(error as? KubefateError, "unexpected error \(error)"))
    }
    return (winner, losers)
}
