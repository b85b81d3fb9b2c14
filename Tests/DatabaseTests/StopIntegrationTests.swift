import Foundation
import Testing
import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct StopIntegrationTests {
    @Test func stoppingAnUnclaimedJobCancelsItAndDeletesTheNewCluster() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            let stopped = try #require(try await db.jobs.requestStop(jobID: job.uuid))
            #expect(stopped.status == .canceled)
            #expect(!stopped.endTime.isZero)
            #expect(try await db.jobs.cluster(uuid: job.clusterID)?.status == .deleted)
            #expect(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)) == nil)
            // Stopping again: the job has ended.
            await #expect(throws: KubefateError(.invalidState, "job status is Canceled, not support stop", context: [.status: "Canceled"])) {
                try await db.jobs.requestStop(jobID: job.uuid)
            }
            _ = try await submitInstall(db)
        }
    }

    @Test func stoppingARunningInstallMakesItStoppingUntilTheWorkerCancels() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)))
            #expect(try await db.jobs.requestStop(jobID: job.uuid)?.status == .stopping)
            #expect(try await db.jobs.requestStop(jobID: job.uuid)?.status == .stopping)
            #expect(try await db.jobs.heartbeat(claim, lease: .seconds(30)) == .stopRequested)
            // A stop request wins over success.
            #expect(try await !db.jobs.finish(claim, status: .success, reason: nil))
            try await db.jobs.appendState(claim, "job stopped")
            #expect(try await db.jobs.finish(claim, status: .canceled, reason: "stopped by user"))
            let job2 = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(job2.status == .canceled && job2.reason == "stopped by user" && job2.states == ["job stopped"])
            #expect(try await db.jobs.cluster(uuid: job.clusterID)?.status == .deleted)
        }
    }

    @Test func aStoppingJobWhoseWorkerDiedIsReclaimedStillStopping() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            _ = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "dead", lease: .milliseconds(1)))
            #expect(try await db.jobs.requestStop(jobID: job.uuid)?.status == .stopping)
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await db.jobs.reapExpired(maxAttempts: 3, limit: 10) == [.requeued(jobID: job.uuid, attempt: 1)])
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)))
            #expect(claim.stopRequested && claim.attempt == 2)
            #expect(try await db.jobs.finish(claim, status: .canceled, reason: nil))
        }
    }

    @Test func stoppingARequeuedInstallLeavesTheCleanupToAWorker() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            _ = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "dead", lease: .milliseconds(1)))
            try await Task.sleep(for: .milliseconds(20))
            _ = try await db.jobs.reapExpired(maxAttempts: 3, limit: 10)
            #expect(try await db.jobs.job(uuid: job.uuid)?.status == .pending)
            #expect(try await db.jobs.requestStop(jobID: job.uuid)?.status == .stopping)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)))
            #expect(claim.stopRequested)
        }
    }

    @Test func runningUpdatesCannotBeStoppedButPendingOnesCanAndUnknownJobsAreNil() async throws {
        try await withTestDatabase { db, _ async throws in
            let install = try await submitInstall(db)
            let c1 = try #require(try await db.jobs.claim(jobID: install.uuid, owner: "w", lease: .seconds(30)))
            #expect(try await db.jobs.finish(c1, status: .success, reason: nil))

            let update = try await db.jobs.submit(JobSubmission(.update(installArgs(), spec: nil), creator: "admin"))
            _ = try #require(try await db.jobs.claim(jobID: update.uuid, owner: "w", lease: .seconds(30)))
            await #expect(throws: KubefateError(.invalidState, "ClusterUpdate type jobs do not support stop", context: [.status: "Running"])) {
                try await db.jobs.requestStop(jobID: update.uuid)
            }
            #expect(try await db.jobs.requestStop(jobID: UUID().uuidString.lowercased()) == nil)

            #expect(try await db.jobs.claim(jobID: update.uuid, owner: "w2", lease: .seconds(30)) == nil)
        }
    }

    @Test func cancelingAPendingUpdateLeavesTheClusterAlone() async throws {
        try await withTestDatabase { db, _ async throws in
            let install = try await submitInstall(db)
            let c1 = try #require(try await db.jobs.claim(jobID: install.uuid, owner: "w", lease: .seconds(30)))
            #expect(try await db.jobs.finish(c1, status: .success, reason: nil))
            let update = try await db.jobs.submit(JobSubmission(.update(installArgs(), spec: nil), creator: "admin"))
            #expect(try await db.jobs.requestStop(jobID: update.uuid)?.status == .canceled)
            #expect(try await db.jobs.cluster(uuid: install.clusterID)?.status == .running)
            #expect(try await db.jobs.activeJob(clusterID: install.clusterID) == nil)
        }
    }
}
