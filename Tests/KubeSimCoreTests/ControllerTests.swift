import Testing
@testable import KubeSimCore

@Suite struct ControllerTests {
    func pods(_ s: Sim, _ selector: String = "") async -> [JSON] {
        (await s.get("/api/v1/namespaces/default/pods" + (selector.isEmpty ? "" : "?labelSelector=\(selector)"))["items"]?.array ?? [])
    }

    @Test func deploymentBecomesAvailableWithOwnedReplicaSetAndPods() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web"))
        s.advance(3)
        let d = await s.get("/apis/apps/v1/namespaces/default/deployments/web")
        #expect(d[path: ["status", "availableReplicas"]] == 2)
        #expect(d[path: ["status", "observedGeneration"]] == 1)
        let progressing = d[path: ["status", "conditions"]]?.array?.first { $0["type"] == "Progressing" }
        #expect(progressing?["reason"] == "NewReplicaSetAvailable")
        let rs = (await s.get("/apis/apps/v1/namespaces/default/replicasets"))["items"]?.array ?? []
        #expect(rs.count == 1)
        #expect(rs[0][path: ["metadata", "ownerReferences"]]?.array?.first?["kind"] == "Deployment")
        #expect(rs[0][path: ["metadata", "labels", "pod-template-hash"]] != nil)
        let ps = await pods(s)
        #expect(ps.count == 2)
        #expect(ps.allSatisfy { $0[path: ["status", "phase"]] == "Running" && $0[path: ["spec", "nodeName"]] != nil })
    }

    @Test func rollingUpdateReplacesPodsAndScalesOldReplicaSetToZero() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web", replicas: 3))
        s.advance(3)
        await s.request("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
                        ["spec": ["template": ["spec": ["containers": [["name": "c", "image": "nginx:1.28"]]]]]],
                        contentType: "application/strategic-merge-patch+json")
        s.advance(10)
        let d = await s.get("/apis/apps/v1/namespaces/default/deployments/web")
        #expect(d[path: ["metadata", "generation"]] == 2)
        #expect(d[path: ["status", "updatedReplicas"]] == 3)
        #expect(d[path: ["status", "availableReplicas"]] == 3)
        let rs = (await s.get("/apis/apps/v1/namespaces/default/replicasets"))["items"]?.array ?? []
        #expect(rs.compactMap { $0[path: ["spec", "replicas"]]?.int }.sorted() == [0, 3])
        let images = await pods(s).compactMap { $0[path: ["spec", "containers"]]?.array?.first?["image"]?.string }
        #expect(images == ["nginx:1.28", "nginx:1.28", "nginx:1.28"])
    }

    @Test func statefulSetCreatesOrdinalPodsInOrderWithClaims() async throws {
        let s = try Sim()
        let sts: JSON = ["apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "db"],
                         "spec": ["replicas": 2, "serviceName": "db", "selector": ["matchLabels": ["app": "db"]],
                                  "template": ["metadata": ["labels": ["app": "db"]], "spec": ["containers": [["name": "db", "image": "postgres:16"]]]],
                                  "volumeClaimTemplates": [["metadata": ["name": "data"],
                                                            "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]]]]]
        await s.request("POST", "/apis/apps/v1/namespaces/default/statefulsets", sts)
        s.sim.reconcile()
        #expect(await pods(s).compactMap { $0[path: ["metadata", "name"]]?.string } == ["db-0"])
        s.advance(5)
        #expect(await pods(s).compactMap { $0[path: ["metadata", "name"]]?.string } == ["db-0", "db-1"])
        let got = await s.get("/apis/apps/v1/namespaces/default/statefulsets/db")
        #expect(got[path: ["status", "readyReplicas"]] == 2)
        #expect(got[path: ["spec", "updateStrategy", "type"]] == "RollingUpdate")
        let claim = await s.get("/api/v1/namespaces/default/persistentvolumeclaims/data-db-0")
        #expect(claim[path: ["status", "phase"]] == "Bound")
    }

    @Test func jobRunsToCompletion() async throws {
        let s = try Sim()
        let job: JSON = ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "j"],
                         "spec": ["completions": 2, "template": ["spec": ["restartPolicy": "Never", "containers": [["name": "c", "image": "busybox:1"]]]]]]
        await s.request("POST", "/apis/batch/v1/namespaces/default/jobs", job)
        s.advance(10)
        let got = await s.get("/apis/batch/v1/namespaces/default/jobs/j")
        #expect(got[path: ["status", "succeeded"]] == 2)
        #expect(got[path: ["status", "conditions"]]?.array?.contains { $0["type"] == "Complete" && $0["status"] == "True" } == true)
    }

    @Test func daemonSetRunsOnePodPerNode() async throws {
        let s = try Sim(nodes: 3)
        let ds: JSON = ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent"],
                        "spec": ["selector": ["matchLabels": ["app": "agent"]],
                                 "template": ["metadata": ["labels": ["app": "agent"]], "spec": ["containers": [["name": "a", "image": "agent:1"]]]]]]
        await s.request("POST", "/apis/apps/v1/namespaces/default/daemonsets", ds)
        s.advance(3)
        let nodes = Set(await pods(s).compactMap { $0[path: ["spec", "nodeName"]]?.string })
        #expect(nodes.count == 3)
        #expect(await s.get("/apis/apps/v1/namespaces/default/daemonsets/agent")[path: ["status", "numberReady"]] == 3)
    }

    @Test func serviceGetsClusterIPNodePortAndEndpoints() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web"))
        let svc: JSON = ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                         "spec": ["type": "NodePort", "selector": ["app": "web"], "ports": [["port": 80]]]]
        let created = await s.request("POST", "/api/v1/namespaces/default/services", svc).body
        #expect(created[path: ["spec", "clusterIP"]]?.string?.hasPrefix("10.96.") == true)
        #expect((created[path: ["spec", "ports"]]?.array?.first?["nodePort"]?.int ?? 0) >= 30000)
        s.advance(3)
        let ep = await s.get("/api/v1/namespaces/default/endpoints/web")
        #expect(ep["subsets"]?.array?.first?["addresses"]?.array?.count == 2)
    }

    @Test func schedulerHonoursCapacityAndNodeSelector() async throws {
        let s = try Sim(nodes: 1, nodeCPU: "1")
        var d = Sim.deployment("big", replicas: 2)
        d[path: ["spec", "template", "spec", "containers"]] = [["name": "c", "image": "x:1", "resources": ["requests": ["cpu": "600m"]]]]
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", d)
        s.advance(2)
        let ps = await pods(s)
        let pending = ps.filter { $0[path: ["spec", "nodeName"]] == nil }
        #expect(pending.count == 1)
        let cond = pending.first?[path: ["status", "conditions"]]?.array?.first { $0["type"] == "PodScheduled" }
        #expect(cond?["reason"] == "Unschedulable")
        #expect(cond?["message"]?.string?.hasPrefix("0/1 nodes are available: 1 Insufficient cpu.") == true)
        var sel = Sim.deployment("picky", replicas: 1)
        sel[path: ["spec", "template", "spec", "nodeSelector"]] = ["disk": "ssd"]
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", sel)
        s.advance(1)
        #expect(await pods(s, "app%3Dpicky").first?[path: ["spec", "nodeName"]] == nil)
    }

    @Test func unpullableImageEndsInImagePullBackOff() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("bad", replicas: 1, image: "registry.invalid/bad:1"))
        s.advance(5)
        let st = await pods(s).first?[path: ["status", "containerStatuses"]]?.array?.first
        #expect(st?[path: ["state", "waiting", "reason"]] == "ImagePullBackOff")
        let d = await s.get("/apis/apps/v1/namespaces/default/deployments/bad")
        #expect(d[path: ["status", "availableReplicas"]] == nil)
    }

    @Test func crashLoopRuleRestartsWithBackOff() async throws {
        let s = try Sim(faults: [FaultRule(effect: .crashLoop, namePrefix: "crash")])
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("crash", replicas: 1))
        s.advance(30)
        let st = await pods(s).first?[path: ["status", "containerStatuses"]]?.array?.first
        #expect((st?["restartCount"]?.int ?? 0) >= 2)
        #expect(st?[path: ["lastState", "terminated", "exitCode"]] == 1)
    }

    @Test func oomKilledAndReadinessNeverRules() async throws {
        let s = try Sim(faults: [FaultRule(effect: .oomKilled, namePrefix: "oom"), FaultRule(effect: .readinessNever, namePrefix: "slow")])
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("oom", replicas: 1))
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("slow", replicas: 1))
        s.advance(5)
        let oom = await pods(s, "app%3Doom").first?[path: ["status", "containerStatuses"]]?.array?.first
        #expect(oom?[path: ["lastState", "terminated", "reason"]] == "OOMKilled")
        let slow = await pods(s, "app%3Dslow").first
        #expect(slow?[path: ["status", "phase"]] == "Running")
        #expect(slow?[path: ["status", "containerStatuses"]]?.array?.first?["ready"] == false)
    }

    @Test func podLogsAreServed() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web", replicas: 1))
        s.advance(3)
        let name = await pods(s).first?[path: ["metadata", "name"]]?.string ?? ""
        let r = await s.request("GET", "/api/v1/namespaces/default/pods/\(name)/log?tailLines=1")
        #expect(r.code == 200)
        #expect(r.body.string?.contains("is running") == true)
    }

    @Test func namespaceTerminationSweepsContentThenDisappears() async throws {
        let s = try Sim()
        await s.request("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "t"]])
        await s.request("POST", "/api/v1/namespaces/t/configmaps", Sim.configMap("a"))
        await s.request("DELETE", "/api/v1/namespaces/t")
        #expect(await s.get("/api/v1/namespaces/t")[path: ["status", "phase"]] == "Terminating")
        let denied = await s.request("POST", "/api/v1/namespaces/t/configmaps", Sim.configMap("b"))
        #expect(denied.code == 403)
        s.advance(5)
        #expect(await s.request("GET", "/api/v1/namespaces/t").code == 404)
        #expect(s.cluster.store.list("/configmaps", namespace: "t").items.isEmpty)
    }

    @Test func garbageCollectionFollowsPropagationPolicy() async throws {
        let s = try Sim()
        for name in ["bg", "fg", "orphan"] {
            await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment(name, replicas: 1))
        }
        s.advance(3)
        await s.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/bg", ["propagationPolicy": "Background"])
        let fg = await s.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/fg", ["propagationPolicy": "Foreground"])
        #expect(fg.body[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
        await s.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/orphan", ["propagationPolicy": "Orphan"])
        s.advance(5)
        let rs = (await s.get("/apis/apps/v1/namespaces/default/replicasets"))["items"]?.array ?? []
        #expect(rs.count == 1)
        #expect(rs.first?[path: ["metadata", "labels", "app"]] == "orphan")
        #expect(rs.first?[path: ["metadata", "ownerReferences"]] == nil)
        #expect(await s.request("GET", "/apis/apps/v1/namespaces/default/deployments/fg").code == 404)
        #expect(await pods(s).allSatisfy { $0[path: ["metadata", "labels", "app"]] == "orphan" })
    }

    @Test func foregroundDeletionOfAnOwnerOfUnscheduledPodsCompletes() async throws {
        let s = try Sim(faults: [FaultRule(effect: .unschedulable, labelSelector: "app=stuck")])
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("stuck", replicas: 1))
        s.advance(3)
        #expect(await pods(s).count == 1)
        await s.request("DELETE", "/apis/apps/v1/namespaces/default/deployments/stuck", ["propagationPolicy": "Foreground"])
        s.advance(5)
        #expect(await s.request("GET", "/apis/apps/v1/namespaces/default/deployments/stuck").code == 404)
        #expect(await pods(s).isEmpty)
    }

    @Test func claimsBindToProvisionedVolumes() async throws {
        let s = try Sim()
        let pvc: JSON = ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "c"],
                         "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "2Gi"]]]]
        await s.request("POST", "/api/v1/namespaces/default/persistentvolumeclaims", pvc)
        s.advance(1)
        let got = await s.get("/api/v1/namespaces/default/persistentvolumeclaims/c")
        #expect(got[path: ["status", "phase"]] == "Bound")
        let pv = await s.get("/api/v1/persistentvolumes/" + (got[path: ["spec", "volumeName"]]?.string ?? ""))
        #expect(pv[path: ["status", "phase"]] == "Bound")
        #expect(pv[path: ["spec", "capacity", "storage"]] == "2Gi")
    }
}

@Suite struct FaultRuleTests {
    @Test func slowStartDelaysReadinessAndUnschedulableRuleKeepsPodsPending() async throws {
        let s = try Sim(faults: [FaultRule(effect: .slowStart, namePrefix: "slow", seconds: 20),
                                 FaultRule(effect: .unschedulable, labelSelector: "app=stuck")])
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("slow", replicas: 1))
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("stuck", replicas: 1))
        s.advance(5)
        let slow = await s.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dslow")["items"]?.array?.first
        #expect(slow?[path: ["status", "containerStatuses"]]?.array?.first?[path: ["state", "waiting", "reason"]] == "ContainerCreating")
        s.advance(20)
        let later = await s.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dslow")["items"]?.array?.first
        #expect(later?[path: ["status", "phase"]] == "Running")
        let stuck = await s.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dstuck")["items"]?.array?.first
        #expect(stuck?[path: ["spec", "nodeName"]] == nil)
        #expect(stuck?[path: ["status", "conditions"]]?.array?.first?["reason"] == "Unschedulable")
    }

    @Test func faultRulesDecodeFromAFile() throws {
        let json = #"{"rules": [{"effect": "CrashLoop", "namespace": "demo", "seconds": 2}, {"effect": "APIError", "verbs": ["list"], "code": 500, "probability": 0.5}]}"#
        let rules = try FaultRule.decode(Data(json.utf8), source: "faults.json")
        #expect(rules.map(\.effect) == [.crashLoop, .apiError])
        #expect(throws: KubeError.self) { try FaultRule.decode(Data("{\"rules\": [{\"effect\": \"Nope\"}]}".utf8), source: "bad.json") }
    }
}

import Foundation
