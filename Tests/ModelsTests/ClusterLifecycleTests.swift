import Testing
import KFModels

@Suite struct ClusterLifecycleTests {
    private func next(_ s: ClusterStatus, _ e: ClusterEvent) -> ClusterStatus? { try? ClusterLifecycle.next(s, on: e) }

    private static let live: [ClusterStatus] = ClusterStatus.allCases.filter { $0 != .deleted }

    @Test func installClaimCreatesOnlyANewCluster() {
        #expect(next(.pending, .jobClaimed(.clusterInstall)) == .creating)
        #expect(next(.creating, .jobClaimed(.clusterInstall)) == .creating)
        for s in ClusterStatus.allCases where s != .pending && s != .creating {
            #expect(next(s, .jobClaimed(.clusterInstall)) == nil)
        }
    }

    @Test(arguments: ClusterStatus.allCases)
    func updateAndDeleteClaimsApplyToEveryLiveCluster(_ s: ClusterStatus) {
        #expect(next(s, .jobClaimed(.clusterUpdate)) == (s == .deleted ? nil : .updating))
        #expect(next(s, .jobClaimed(.clusterDelete)) == (s == .deleted ? nil : .deleting))
    }

    @Test func jobOutcomesSetTheClusterStatus() {
        let cases: [(JobMethod, JobStatus, ClusterStatus)] = [
            (.clusterInstall, .success, .running), (.clusterInstall, .failed, .deleted), (.clusterInstall, .timeout, .deleted),
            (.clusterInstall, .canceled, .deleted), (.clusterInstall, .rollback, .deleted),
            (.clusterUpdate, .success, .running), (.clusterUpdate, .rollback, .rollback), (.clusterUpdate, .failed, .failed),
            (.clusterUpdate, .timeout, .failed), (.clusterUpdate, .canceled, .failed),
            (.clusterDelete, .success, .deleted), (.clusterDelete, .failed, .failed), (.clusterDelete, .timeout, .failed),
            (.clusterDelete, .canceled, .failed), (.clusterDelete, .rollback, .failed),
        ]
        for (method, job, expected) in cases {
            #expect(ClusterLifecycle.status(after: method, endedWith: job) == expected, "\(method) \(job)")
            #expect(next(.creating, .jobFinished(method, job)) == expected)
        }
        for method in JobMethod.allCases {
            for job in JobStatus.allCases where !job.isTerminal { #expect(next(.creating, .jobFinished(method, job)) == nil) }
        }
    }

    @Test(arguments: JobMethod.allCases)
    func abandonedJobsLeaveTheClusterFailed(_ method: JobMethod) {
        #expect(next(.updating, .jobAbandoned(method)) == .failed)
        #expect(ClusterLifecycle.status(abandonedBy: method) == .failed)
    }

    @Test func cancelingBeforeStartDeletesOnlyANewCluster() {
        #expect(next(.pending, .jobCanceledBeforeStart(.clusterInstall)) == .deleted)
        #expect(next(.running, .jobCanceledBeforeStart(.clusterUpdate)) == .running)
        #expect(next(.failed, .jobCanceledBeforeStart(.clusterDelete)) == .failed)
    }

    @Test(arguments: ClusterStatus.allCases)
    func healthMovesBetweenRunningAndUnavailableOnly(_ s: ClusterStatus) {
        let eligible = s == .running || s == .unavailable
        #expect(next(s, .health(ready: true)) == (eligible ? .running : nil))
        #expect(next(s, .health(ready: false)) == (eligible ? .unavailable : nil))
    }

    @Test func aDeletedClusterAcceptsNoEvent() {
        let events: [ClusterEvent] = [.jobClaimed(.clusterUpdate), .jobFinished(.clusterDelete, .success), .jobAbandoned(.clusterInstall),
                                      .jobCanceledBeforeStart(.clusterUpdate), .health(ready: true)]
        for e in events { #expect(next(.deleted, e) == nil) }
        #expect(Self.live.count == ClusterStatus.allCases.count - 1)
    }
}
