import Foundation
import Testing
import KFDatabase
import KFModels

@Suite(.enabled(if: integrationEnabled, "set KUBEFATE_TEST_INTEGRATION=1"))
struct JobLifecycleIntegrationTests {
    @Test func submitWritesPendingJobClusterAndOutboxRow() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            #expect(job.status == .pending)
            #expect(job.attempt == 0)
            #expect(job.method == .clusterInstall)
            #expect(job.creator == "admin")
            #expect(job.endTime.isZero)
            #expect(job.metadata == installArgs())
            #expect(job.timeLimit == .seconds(3600))
            let cluster = try #require(try await db.jobs.cluster(uuid: job.clusterID))
            #expect(cluster.status == .pending)
            #expect(cluster.name == "fate-9999" && cluster.namespace == "fate-9999")
            #expect(cluster.spec == .object(["chartName": .string("fate")]))
            #expect(try await db.outbox.pending(limit: 10).map(\.jobID) == [job.uuid])
            #expect(try await db.jobs.activeJob(clusterID: job.clusterID) == job.uuid)
        }
    }

    @Test func claimHeartbeatSubJobsAndFinishRunAnInstallToSuccess() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w1", lease: .seconds(30)))
            #expect(claim.attempt == 1)
            #expect(claim.status == .running)
            #expect(claim.cluster.status == .creating)
            #expect(claim.args == installArgs())
            #expect(claim.spec == .object(["chartName": .string("fate")]))
            #expect(claim.leaseUntil > Timestamp.now().adding(.seconds(20)))
            // A second claim while the lease is live gets nothing.
            #expect(try await db.jobs.claim(jobID: job.uuid, owner: "w2", lease: .seconds(30)) == nil)
            #expect(try await db.jobs.heartbeat(claim, lease: .seconds(30)) == .held)

            let start = Timestamp(microseconds: 1_700_000_000_123_456)
            try await db.jobs.upsertSubJob(claim, SubJob(moduleName: "python", status: .running, modulesStatus: .progressing,
                                                         podStatus: "ContainerCreating", startTime: start))
            try await db.jobs.upsertSubJob(claim, SubJob(moduleName: "python", status: .success, modulesStatus: .available,
                                                         podStatus: "Running", startTime: start, endTime: start.adding(.seconds(5))))
            try await db.jobs.upsertSubJob(claim, SubJob(moduleName: "mysql", status: .running, startTime: start))
            try await db.jobs.appendState(claim, "helm install Success")
            try await db.jobs.appendState(claim, "job run Success")
            #expect(try await db.jobs.finish(claim, status: .success, reason: nil))

            let done = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(done.status == .success)
            #expect(!done.endTime.isZero)
            #expect(done.leaseOwner == nil && done.leaseUntil == nil)
            #expect(done.states == ["helm install Success", "job run Success"])
            #expect(done.subJobs.keys.sorted() == ["mysql", "python"])
            let python = try #require(done.subJobs["python"])
            #expect(python.status == .success && python.modulesStatus == .available && python.podStatus == "Running")
            #expect(python.startTime == start && python.endTime == start.adding(.seconds(5)))
            #expect(python.duration == .seconds(5))
            #expect(try await db.jobs.subJobs(jobID: job.uuid).map(\.moduleName) == ["mysql", "python"])
            let cluster = try #require(try await db.jobs.cluster(uuid: job.clusterID))
            #expect(cluster.status == .running)
            #expect(cluster.revision == 1)
            #expect(try await db.jobs.activeJob(clusterID: job.clusterID) == nil)
            // The heartbeat of an ended job reports the lease lost; a finished job cannot be claimed.
            #expect(try await db.jobs.heartbeat(claim, lease: .seconds(30)) == .lost)
            #expect(try await db.jobs.claim(jobID: job.uuid, owner: "w2", lease: .seconds(30)) == nil)
            #expect(try await db.jobs.jobCountsByStatus() == [.success: 1])
        }
    }

    @Test func staleAttemptWritesAreRejected() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            let first = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w1", lease: .milliseconds(1)))
            try await Task.sleep(for: .milliseconds(20))
            let second = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w2", lease: .seconds(30)))
            #expect(second.attempt == first.attempt + 1)

            #expect(try await db.jobs.heartbeat(first, lease: .seconds(30)) == .lost)
            await #expect(throws: KubefateError.self) { try await db.jobs.appendState(first, "stale") }
            await #expect(throws: KubefateError.self) { try await db.jobs.upsertSubJob(first, SubJob(moduleName: "python")) }
            await #expect(throws: KubefateError.self) { try await db.jobs.setHelmRevision(first, 9) }
            #expect(try await !db.jobs.finish(first, status: .failed, reason: "stale"))
            #expect(try await !db.jobs.release(first))

            let current = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(current.status == .running && current.attempt == 2 && current.leaseOwner == "w2")
            #expect(current.states.isEmpty && current.subJobs.isEmpty)
            #expect(try await db.jobs.finish(second, status: .failed, reason: "boom"))
            let ended = try #require(try await db.jobs.job(uuid: job.uuid))
            #expect(ended.status == .failed && ended.reason == "boom")
            // An install that failed leaves its (cleaned-up) cluster deleted, freeing the name.
            #expect(try await db.jobs.cluster(uuid: job.clusterID)?.status == .deleted)
            #expect(try await db.jobs.liveCluster(namespace: "fate-9999", name: "fate-9999") == nil)
            _ = try await submitInstall(db)
        }
    }

    @Test func updateAndDeleteJobsMoveTheLiveCluster() async throws {
        try await withTestDatabase { db, _ async throws in
            let install = try await submitInstall(db)
            let c1 = try #require(try await db.jobs.claim(jobID: install.uuid, owner: "w", lease: .seconds(30)))
            #expect(try await db.jobs.finish(c1, status: .success, reason: nil))

            var newArgs = installArgs()
            newArgs.chartVersion = "v1.11.3"
            newArgs.data = Array("{\"chartVersion\":\"v1.11.3\"}".utf8)
            let update = try await db.jobs.submit(JobSubmission(.update(newArgs, spec: .object(["chartVersion": .string("v1.11.3")])),
                                                                creator: "admin"))
            #expect(update.clusterID == install.clusterID && update.method == .clusterUpdate)
            let c2 = try #require(try await db.jobs.claim(jobID: update.uuid, owner: "w", lease: .seconds(30)))
            #expect(c2.cluster.status == .updating)
            try await db.jobs.setHelmRevision(c2, 2)
            #expect(try await db.jobs.finish(c2, status: .success, reason: nil))
            let updated = try #require(try await db.jobs.cluster(uuid: install.clusterID))
            #expect(updated.status == .running && updated.revision == 2 && updated.helmRevision == 2)
            #expect(updated.chartVersion == "v1.11.3" && updated.values == "{\"chartVersion\":\"v1.11.3\"}")
            #expect(updated.spec == .object(["chartVersion": .string("v1.11.3")]))

            let delete = try await db.jobs.submit(JobSubmission(.delete(clusterID: install.clusterID), creator: "admin"))
            #expect(delete.metadata == nil)
            let c3 = try #require(try await db.jobs.claim(jobID: delete.uuid, owner: "w", lease: .seconds(30)))
            #expect(c3.cluster.status == .deleting && c3.args == nil)
            #expect(try await db.jobs.finish(c3, status: .success, reason: nil))
            let deleted = try #require(try await db.jobs.cluster(uuid: install.clusterID))
            #expect(deleted.status == .deleted && deleted.deletedAt != nil)
            #expect(try await db.jobs.clusters().isEmpty)
            #expect(try await db.jobs.clusters(ClusterFilter(includeDeleted: true)).count == 1)

            await #expect(throws: KubefateError.self) {
                try await db.jobs.submit(JobSubmission(.delete(clusterID: install.clusterID), creator: "admin"))
            }
            await #expect(throws: KubefateError.self) {
                try await db.jobs.submit(JobSubmission(.update(newArgs, spec: nil), creator: "admin"))
            }
            #expect(try await db.jobs.jobs().map(\.uuid) == [delete.uuid, update.uuid, install.uuid])
            #expect(try await db.jobs.jobs(JobFilter(clusterID: install.clusterID, limit: 2)).count == 2)
            #expect(try await db.jobs.jobs(JobFilter(statuses: [.pending])).isEmpty)
        }
    }

    @Test func releasedJobIsClaimableAtOnceWithAnOutboxRow() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            let ids = try await db.outbox.pending(limit: 10).map(\.id)
            try await db.outbox.markPublished(ids: ids)
            #expect(try await db.outbox.pending(limit: 10).isEmpty)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w1", lease: .seconds(60)))
            #expect(try await db.jobs.release(claim))
            #expect(try await db.outbox.pending(limit: 10).map(\.jobID) == [job.uuid])
            let next = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w2", lease: .seconds(60)))
            #expect(next.attempt == 2 && next.owner == "w2")
        }
    }

    @Test func longValuesRoundTripThroughTheDatabase() async throws {
        try await withTestDatabase { db, _ async throws in
            var args = installArgs()
            args.data = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let spec = JSONValue.object(["blob": .string(String(repeating: "é", count: 50_000))])
            let job = try await db.jobs.submit(JobSubmission(.install(args, spec: spec), creator: "admin"))
            #expect(job.metadata?.data == args.data)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)))
            #expect(claim.args?.data == args.data)
            #expect(claim.spec == spec)
            let reason = String(repeating: "x", count: 5_000)
            try await db.jobs.upsertSubJob(claim, SubJob(moduleName: "python", reason: reason))
            #expect(try await db.jobs.subJobs(jobID: job.uuid).first?.reason == reason)
        }
    }

    @Test func tooLongValuesAreRejectedNamingTheField() async throws {
        try await withTestDatabase { db, _ async throws in
            let long = String(repeating: "n", count: 300)
            await #expect(throws: KubefateError.invalid("name", "name is too long")) {
                try await db.jobs.submit(JobSubmission(.install(installArgs(long, namespace: "ns"), spec: nil), creator: "admin"))
            }
            await #expect(throws: KubefateError.invalid("username", "username is too long")) {
                try await db.users.createUser(username: long, passwordHash: "h", salt: "s")
            }
            #expect(try await db.jobs.jobs().isEmpty)
            #expect(try await db.jobs.clusters().isEmpty)
        }
    }

    @Test func healthChecksMoveOnlyIdleLiveClusters() async throws {
        try await withTestDatabase { db, _ async throws in
            let job = try await submitInstall(db)
            #expect(try await db.jobs.setClusterHealth(clusterID: job.clusterID, ready: false) == nil)
            let claim = try #require(try await db.jobs.claim(jobID: job.uuid, owner: "w", lease: .seconds(30)))
            #expect(try await db.jobs.finish(claim, status: .success, reason: nil))
            #expect(try await db.jobs.setClusterHealth(clusterID: job.clusterID, ready: false) == .unavailable)
            #expect(try await db.jobs.cluster(uuid: job.clusterID)?.status == .unavailable)
            #expect(try await db.jobs.setClusterHealth(clusterID: job.clusterID, ready: true) == .running)
            _ = try await db.jobs.submit(JobSubmission(.update(installArgs(), spec: nil), creator: "admin"))
            #expect(try await db.jobs.setClusterHealth(clusterID: job.clusterID, ready: false) == nil)
        }
    }

    @Test func listingFiltersByTenantCreatorStatusAndPage() async throws {
        try await withTestDatabase { db, _ async throws in
            var red: [Job] = []
            for i in 0..<3 {
                red.append(try await db.jobs.submit(JobSubmission(.install(installArgs("red-\(i)", namespace: "red"), spec: nil),
                                                                  creator: "alice", tenant: "t-red")))
            }
            let blue = try await db.jobs.submit(JobSubmission(.install(installArgs("blue-0", namespace: "blue"), spec: nil),
                                                              creator: "bob", tenant: "t-blue"))
            #expect(try await db.jobs.jobs(JobFilter(tenants: ["t-red"])).map(\.uuid) == red.reversed().map(\.uuid))
            #expect(try await db.jobs.jobs(JobFilter(tenants: [])).isEmpty)
            #expect(try await db.jobs.jobs(JobFilter(creator: "bob")).map(\.uuid) == [blue.uuid])
            #expect(try await db.jobs.jobs(JobFilter(tenants: ["t-red", "t-blue"])).count == 4)
            let page1 = try await db.jobs.jobs(JobFilter(limit: 2))
            let page2 = try await db.jobs.jobs(JobFilter(beforeID: page1.last?.id, limit: 2))
            #expect((page1 + page2).map(\.uuid) == ([blue] + red.reversed()).map(\.uuid))
            #expect(try await db.jobs.clusters(ClusterFilter(tenants: ["t-blue"])).map(\.name) == ["blue-0"])
            #expect(try await db.jobs.clusters(ClusterFilter(tenants: ["t-red"])).map(\.tenant) == ["t-red", "t-red", "t-red"])
            #expect(try await db.jobs.liveCluster(namespace: "red", name: "red-1")?.uuid == red[1].clusterID)
            #expect(red.allSatisfy { $0.tenant == "t-red" })
        }
    }
}
