import Testing
import KFModels

@Suite struct JobLifecycleTests {
    private static let terminal: [JobStatus] = [.success, .failed, .rollback, .timeout, .canceled]

    private func next(_ s: JobStatus, _ e: JobEvent) -> JobStatus? { try? JobLifecycle.next(s, on: e) }

    @Test func claimTakesPendingJobsAndExpiredLeasesOnly() {
        #expect(next(.pending, .claim(leaseExpired: false)) == .running)
        #expect(next(.pending, .claim(leaseExpired: true)) == .running)
        #expect(next(.running, .claim(leaseExpired: true)) == .running)
        #expect(next(.stopping, .claim(leaseExpired: true)) == .stopping)
        #expect(next(.running, .claim(leaseExpired: false)) == nil)
        #expect(next(.stopping, .claim(leaseExpired: false)) == nil)
        for s in Self.terminal {
            #expect(next(s, .claim(leaseExpired: true)) == nil)
            #expect(next(s, .claim(leaseExpired: false)) == nil)
        }
    }

    @Test(arguments: JobStatus.allCases)
    func finishFromRunning(_ target: JobStatus) {
        let expected: JobStatus? = target.isTerminal && target != .canceled ? target : nil
        #expect(next(.running, .finish(target)) == expected)
    }

    @Test(arguments: JobStatus.allCases)
    func finishFromStoppingCannotSucceed(_ target: JobStatus) {
        let allowed: Set<JobStatus> = [.canceled, .failed, .timeout]
        #expect(next(.stopping, .finish(target)) == (allowed.contains(target) ? target : nil))
    }

    @Test(arguments: JobStatus.allCases)
    func finishFromPendingOrEndedIsRefused(_ target: JobStatus) {
        #expect(next(.pending, .finish(target)) == nil)
        for s in Self.terminal { #expect(next(s, .finish(target)) == nil) }
    }

    @Test func finishingWithANonTerminalStatusIsAnInvalidArgument() {
        #expect(throws: KubefateError(.invalidArgument, "Running is not a terminal job status", context: [.status: "Running"])) {
            try JobLifecycle.next(.running, on: .finish(.running))
        }
    }

    @Test func finishSourcesMatchTheTransitions() {
        for target in JobStatus.allCases {
            let sources = JobStatus.allCases.filter { next($0, .finish(target)) != nil }
            #expect(Set(JobLifecycle.finishSources(target)) == Set(sources))
        }
    }

    @Test func stopCancelsUnstartedJobsOfAnyMethod() {
        for m in JobMethod.allCases {
            #expect(next(.pending, .requestStop(method: m, started: false)) == .canceled)
        }
    }

    @Test func stopOfStartedWorkAppliesToInstallsOnly() {
        #expect(next(.running, .requestStop(method: .clusterInstall, started: true)) == .stopping)
        #expect(next(.pending, .requestStop(method: .clusterInstall, started: true)) == .stopping)
        #expect(next(.stopping, .requestStop(method: .clusterInstall, started: true)) == .stopping)
        for m in [JobMethod.clusterUpdate, .clusterDelete] {
            #expect(throws: KubefateError(.invalidState, "\(m) type jobs do not support stop", context: [.status: "Running"])) {
                try JobLifecycle.next(.running, on: .requestStop(method: m, started: true))
            }
            #expect(next(.pending, .requestStop(method: m, started: true)) == nil)
        }
    }

    @Test(arguments: [JobStatus.success, .failed, .rollback, .timeout, .canceled])
    func stopOfAnEndedJobIsRefusedWithKubefatesWording(_ s: JobStatus) {
        #expect(throws: KubefateError(.invalidState, "job status is \(s), not support stop", context: [.status: s.name])) {
            try JobLifecycle.next(s, on: .requestStop(method: .clusterInstall, started: true))
        }
    }

    @Test func leaseExpiryRequeuesUntilAttemptsAreExhausted() {
        #expect(next(.running, .leaseExpired(expiries: 1, maxAttempts: 3)) == .pending)
        #expect(next(.running, .leaseExpired(expiries: 2, maxAttempts: 3)) == .pending)
        #expect(next(.running, .leaseExpired(expiries: 3, maxAttempts: 3)) == .failed)
        #expect(next(.stopping, .leaseExpired(expiries: 1, maxAttempts: 3)) == .stopping)
        #expect(next(.stopping, .leaseExpired(expiries: 3, maxAttempts: 3)) == .failed)
        #expect(next(.pending, .leaseExpired(expiries: 1, maxAttempts: 3)) == nil)
        for s in Self.terminal { #expect(next(s, .leaseExpired(expiries: 1, maxAttempts: 3)) == nil) }
        #expect(JobLifecycle.exhaustedReason(expiries: 3) == "lease expired 3 times")
    }

    @Test func activeAndTerminalStatusesPartitionTheEnum() {
        #expect(JobStatus.allCases.filter(\.isActive) == [.pending, .running, .stopping])
        #expect(JobStatus.allCases.filter(\.isTerminal) == Self.terminal)
    }
}
