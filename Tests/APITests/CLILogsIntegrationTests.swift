import Foundation
import Testing
@testable import CLI

/// `kubefate cluster logs` / `kubefate logs` against a real API reading a `kubesim` process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLILogsIntegrationTests {
    typealias Kube = LogsIntegrationTests.KubeSimProcess

    @Test func logsPrintTheTextAndFollowPrintsEachLineOnce() async throws {
        let kube = try await Kube.start()
        let api = try await APIProcess.start(environment: ["KUBECONFIG": kube.kubeconfig])
        let cli = try CLIRunner.against(api)
        defer { cli.remove() }
        do {
            try cli.write("name: fate-1\nnamespace: fate-ns\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n", to: "cluster.yaml")
            let install = try await cli.run("cluster", "install", "-f", "cluster.yaml")
            #expect(install.jobID != nil, "\(install.stdout)\(install.stderr)")
            let clusterID = try #require(try await cli.run("cluster", "list").rows.first { $0.count == 8 && $0[1] == "fate-1" }?.first)
            try await kube.post("/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"fate-ns"}}"#)
            try await kube.post("/api/v1/namespaces/fate-ns/pods", LogsIntegrationTests.pod("python-0", cluster: "fate-1", containers: ["python", "client"]))

            var all = CLIRunner.Output(status: -1, stdout: "", stderr: "")
            for _ in 0..<200 {
                all = try await cli.run("cluster", "logs", clusterID)
                if all.stdout.contains("[python-0 client] [kubesim] client is running") && all.stdout.contains("[python-0 python]") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(all.status == 0, "\(all.stderr)")
            #expect(all.stdout.contains("[python-0 python] [kubesim] python is running\n"))

            let one = try await cli.run("logs", clusterID, "client", "--tail", "1")
            #expect(one.stdout == "[kubesim] client is running\n\n", "the data, then the newline KubeFATE's Println adds")

            let follow = try cli.start(["logs", clusterID, "client", "--follow"])
            for _ in 0..<200 where !follow.stdout.contains("client is running") {
                try await Task.sleep(for: .milliseconds(100))
            }
            await follow.stop()
            let followed = follow.finish()
            #expect(followed.stdout.components(separatedBy: "[kubesim] client is running\n").count == 2, "once: \(followed.stdout)")
            #expect(!followed.stdout.contains("getClusterLog"), "the text, not the envelope")
        } catch {
            _ = try? await api.stop()
            await kube.stop()
            throw error
        }
        try await api.stop()
        await kube.stop()
    }
}
