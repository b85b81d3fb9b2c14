import Testing
import KFKube
@testable import KFDeploy

private func object(_ json: String) throws -> KubeJSON { try KubeJSON.decode(Array(json.utf8)) }

@Suite struct ReadinessTests {
    @Test func deploymentIsCurrentOnlyWhenEveryReplicaCountAndAvailableHold() throws {
        let ready = try object("""
        {"kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":2},
         "status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
                   "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
        """)
        #expect(Readiness.of(ready) == .current)
        var stale = ready
        stale["metadata"] = .object(["generation": 3])
        #expect(Readiness.of(stale) == .inProgress("generation 3 not observed yet (observed 2)"))
        let halfAvailable = try object("""
        {"kind":"Deployment","spec":{"replicas":2},"status":{"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1}}
        """)
        #expect(Readiness.of(halfAvailable) == .inProgress("Available: 1/2"))
    }

    @Test func deploymentPastItsProgressDeadlineHasFailed() throws {
        let stuck = try object("""
        {"kind":"Deployment","spec":{"replicas":1},"status":{"conditions":[
          {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \\"x\\" has timed out progressing."}]}}
        """)
        guard case .failed(let message) = Readiness.of(stuck) else { Issue.record("expected failed"); return }
        #expect(message.contains("timed out progressing"))
    }

    @Test func statefulSetWaitsForReadyAndRevision() throws {
        let rolling = try object("""
        {"kind":"StatefulSet","spec":{"replicas":1},"status":{"replicas":1,"readyReplicas":1,"currentReplicas":0,"updatedReplicas":0,
         "currentRevision":"a","updateRevision":"b"}}
        """)
        #expect(!Readiness.of(rolling).isCurrent)
        let done = try object("""
        {"kind":"StatefulSet","spec":{"replicas":1},"status":{"replicas":1,"readyReplicas":1,"currentReplicas":1,"updatedReplicas":1,
         "currentRevision":"b","updateRevision":"b"}}
        """)
        #expect(Readiness.of(done) == .current)
    }

    @Test func jobsAndPodsFollowTheirConditions() throws {
        #expect(Readiness.of(try object(#"{"kind":"Job","status":{"conditions":[{"type":"Complete","status":"True"}]}}"#)) == .current)
        guard case .failed = Readiness.of(try object(#"{"kind":"Job","status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}}"#)) else {
            Issue.record("expected failed"); return
        }
        #expect(Readiness.of(try object(#"{"kind":"Pod","status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}"#)) == .current)
        #expect(Readiness.of(try object(#"{"kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}"#)) == .inProgress("PVC phase Pending"))
        #expect(Readiness.of(try object(#"{"kind":"ConfigMap"}"#)) == .current)
    }
}

@Suite struct PodDiagnosisTests {
    @Test func imagePullFailuresNameThePodAndContainer() throws {
        let pod = try object("""
        {"metadata":{"name":"python-0"},"status":{"containerStatuses":[{"name":"fateflow","state":{"waiting":{"reason":"ImagePullBackOff",
          "message":"Back-off pulling image \\"registry.invalid/fate\\""}}}]}}
        """)
        let diagnosis = PodDiagnosis.diagnose(pods: [pod])
        #expect(diagnosis?.cause == .imagePull)
        #expect(diagnosis?.message.hasPrefix("python-0/fateflow: ImagePullBackOff") == true)
    }

    @Test func unschedulablePodsCarryTheSchedulersMessage() throws {
        let pod = try object("""
        {"metadata":{"name":"mysql-0"},"status":{"conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
          "message":"0/1 nodes are available: 1 Insufficient cpu."}]}}
        """)
        #expect(PodDiagnosis.diagnose(pods: [pod]) == PodDiagnosis(cause: .unschedulable, message: "mysql-0: 0/1 nodes are available: 1 Insufficient cpu."))
    }

    @Test func crashLoopAfterOOMIsReportedAsOutOfMemory() throws {
        let pod = try object("""
        {"metadata":{"name":"nm-0"},"status":{"containerStatuses":[{"name":"nodemanager","state":{"waiting":{"reason":"CrashLoopBackOff"}},
          "lastState":{"terminated":{"reason":"OOMKilled"}}}]}}
        """)
        #expect(PodDiagnosis.diagnose(pods: [pod])?.cause == .outOfMemory)
        #expect(PodDiagnosis.diagnose(pods: []) == nil)
    }
}

@Suite struct ReadinessOfListItemsTests {
    @Test func aCrashLoopingContainerRunningBetweenBackOffsIsStillACrashLoop() throws {
        let pod = try object("""
        {"metadata":{"name":"python-0"},"status":{"phase":"Running","containerStatuses":[{"name":"python","ready":false,
          "restartCount":3,"state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}},
          "lastState":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}
        """)
        let diagnosis = PodDiagnosis.diagnose(pods: [pod])
        #expect(diagnosis?.cause == .crashLoop)
        #expect(diagnosis?.message.contains("restarted 3 times, last exit code 1") == true)
        var recovered = pod
        recovered["status"] = try object("""
        {"phase":"Running","containerStatuses":[{"name":"python","ready":true,"restartCount":3,"state":{"running":{}},
          "lastState":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
        """)
        #expect(PodDiagnosis.diagnose(pods: [recovered]) == nil)
    }

    @Test func listItemsWithoutKindAreJudgedByTheGivenKind() throws {
        let item = try object(#"{"spec":{"replicas":1},"status":{"replicas":1,"updatedReplicas":1}}"#)
        #expect(Readiness.of(item, kind: "Deployment") == .inProgress("Available: 0/1"))
    }
}
