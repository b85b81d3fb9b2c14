import Foundation
import Testing
import KubeSimCore
@testable import KFKube

/// A kubesim on a loopback port and a client for it.
private struct Simulator {
    let server: KubeSimServer.Running
    let client: KubeClient
    let faults: FaultInjector

    static func start(retry: RetryPolicy = RetryPolicy()) async throws -> Simulator {
        let faults = FaultInjector()
        let sim = try KubeSim(clock: .wall(speed: 20), faults: faults)
        let server = try await KubeSimServer(sim: sim).start()
        let client = KubeClient(config: KubeConfig(server: server.url, credential: .bearer("kubesim")), retry: retry)
        return Simulator(server: server, client: client, faults: faults)
    }

    func configMap(_ name: String, namespace: String = "default", data: [String: KubeJSON] = [:], labels: [String: KubeJSON] = [:]) -> KubeJSON {
        .object(["apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": .object(["name": .string(name), "namespace": .string(namespace), "labels": .object(labels)]),
                 "data": .object(data)])
    }
}

@Suite(.serialized) struct KubeClientTests {
    @Test func applyGetListAndDeleteRoundTrip() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        let stored = try await sim.client.apply(sim.configMap("a", data: ["k": "v"]), namespace: nil)
        #expect(stored[path: "metadata", "resourceVersion"]?.string?.isEmpty == false)
        #expect(stored[path: "metadata", "managedFields"]?.array?.first?["manager"]?.string == "kubefate")
        let read = try await sim.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a")
        #expect(read?[path: "data", "k"]?.string == "v")
        #expect(try await sim.client.delete(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a"))
        #expect(try await sim.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a") == nil)
        #expect(try await !sim.client.delete(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "a"))
    }

    @Test func listAllFollowsContinueTokensAndSelectors() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        for i in 0..<25 {
            try await sim.client.apply(sim.configMap("cm-\(i)", labels: ["parity": .string(i % 2 == 0 ? "even" : "odd")]), namespace: nil)
        }
        let page = try await sim.client.list(apiVersion: "v1", kind: "ConfigMap", namespace: "default", labelSelector: "parity", limit: 10)
        #expect(page.items.count == 10)
        #expect(page.continueToken != nil)
        let all = try await sim.client.listAll(apiVersion: "v1", kind: "ConfigMap", namespace: "default", labelSelector: "parity=even", pageSize: 4)
        #expect(all.items.count == 13)
    }

    @Test func unknownKindsAreNamed() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        await #expect {
            try await sim.client.get(apiVersion: "v1", kind: "Gizmo", namespace: "default", name: "x")
        } throws: { error in
            (error as? KFKube.KubeError)?.code == .unknownKind
        }
    }

    @Test func watchStreamsChangesFromAResourceVersion() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        let first = try await sim.client.apply(sim.configMap("w1"), namespace: nil)
        let version = try #require(first[path: "metadata", "resourceVersion"]?.string)
        let events = try await sim.client.watch(apiVersion: "v1", kind: "ConfigMap", namespace: "default", resourceVersion: version, timeoutSeconds: 30)
        try await sim.client.apply(sim.configMap("w2"), namespace: nil)
        try await sim.client.delete(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "w1")
        var seen: [String] = []
        for try await event in events {
            seen.append("\(event.kind.rawValue) \(event.object[path: "metadata", "name"]?.string ?? "?")")
            if seen.count == 2 { break }
        }
        #expect(seen == ["ADDED w2", "DELETED w1"])
    }

    @Test func observeStartsWithASnapshotThenFollowsEvents() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        try await sim.client.apply(sim.configMap("before"), namespace: nil)
        var snapshot: [String]?
        var added: String?
        for try await change in sim.client.observe(apiVersion: "v1", kind: "ConfigMap", namespace: "default") {
            switch change {
            case .snapshot(let items):
                snapshot = items.compactMap { $0[path: "metadata", "name"]?.string }
                try await sim.client.apply(sim.configMap("after"), namespace: nil)
            case .event(let event):
                added = event.object[path: "metadata", "name"]?.string
            }
            if added != nil { break }
        }
        #expect(snapshot?.contains("before") == true)
        #expect(added == "after")
    }

    @Test func injectedThrottlingAndServerErrorsAreRetried() async throws {
        let sim = try await Simulator.start(retry: RetryPolicy(maxAttempts: 30, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50)))
        defer { Task { await sim.server.stop() } }
        sim.faults.add([
            FaultRule(effect: .apiError, verbs: ["patch", "get"], resources: ["configmaps"], code: 429, probability: 0.3),
            FaultRule(effect: .apiError, verbs: ["patch", "get"], resources: ["configmaps"], code: 500, probability: 0.3),
        ])
        for i in 0..<20 {
            try await sim.client.apply(sim.configMap("r-\(i)"), namespace: nil)
            #expect(try await sim.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "r-\(i)") != nil)
        }
        #expect(sim.client.requestsSent > 40)
    }

    @Test func aServerThatKeepsFailingSurfacesTheStatus() async throws {
        let sim = try await Simulator.start(retry: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(1)))
        defer { Task { await sim.server.stop() } }
        sim.faults.add([FaultRule(effect: .apiError, verbs: ["get"], resources: ["configmaps"], code: 500)])
        await #expect {
            try await sim.client.get(apiVersion: "v1", kind: "ConfigMap", namespace: "default", name: "x")
        } throws: { error in
            (error as? KFKube.KubeError)?.status == 500
        }
    }

    @Test func podLogsAreRead() async throws {
        let sim = try await Simulator.start()
        defer { Task { await sim.server.stop() } }
        let pod: KubeJSON = .object([
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(["name": "p", "namespace": "default"]),
            "spec": .object(["containers": .array([.object(["name": "c", "image": "busybox"])])]),
        ])
        try await sim.client.apply(pod, namespace: nil)
        var text = ""
        for _ in 0..<100 {
            if let logs = try? await sim.client.logs(namespace: "default", pod: "p", container: "c"), !logs.isEmpty {
                text = logs
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!text.isEmpty)
    }
}
