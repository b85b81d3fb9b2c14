import Foundation
import Testing
@testable import CLI

/// `GET /v1/log/{clusterID}` through a real Kubernetes API: a `kubesim` process from
/// `.build/debug` whose kubeconfig the API reads from `KUBECONFIG`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct LogsIntegrationTests {
    /// A running `kubesim serve` and the kubeconfig it wrote.
    final class KubeSimProcess: @unchecked Sendable {
        // @unchecked Sendable: set once in `start`, then only read.
        let process: Process
        let kubeconfig: String
        let server: String
        let http: CurlHTTPClient

        init(process: Process, kubeconfig: String, server: String, http: CurlHTTPClient) {
            self.process = process
            self.kubeconfig = kubeconfig
            self.server = server
            self.http = http
        }

        static func start() async throws -> KubeSimProcess {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kf-kubesim-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let kubeconfig = dir.appendingPathComponent("kubeconfig").path
            let process = Process()
            process.executableURL = APIProcess.repositoryRoot.appendingPathComponent(".build/debug/kubesim")
            process.arguments = ["serve", "--listen", "127.0.0.1:0", "--kubeconfig-out", kubeconfig, "--no-schemas", "--speed", "20"]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            for _ in 0..<300 where process.isRunning {
                if let text = try? String(contentsOfFile: kubeconfig, encoding: .utf8),
                   let line = text.split(separator: "\n").first(where: { $0.contains("server:") }) {
                    let server = line.split(separator: " ").last.map(String.init) ?? ""
                    return KubeSimProcess(process: process, kubeconfig: kubeconfig, server: server, http: try CurlHTTPClient(timeout: 30))
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            process.terminate()
            throw WorldError("kubesim did not start")
        }

        func post(_ path: String, _ json: String) async throws {
            let result = try await http.send(method: "POST", url: server + path, headers: ["Content-Type: application/json", "Authorization: Bearer kubesim"],
                                       body: Array(json.utf8))
            guard (200..<300).contains(result.status) else { throw WorldError("POST \(path): \(result.status) \(String(decoding: result.body, as: UTF8.self))") }
        }

        func stop() async {
            process.terminate()
            while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }

    static func pod(_ name: String, cluster: String, containers: [String]) -> String {
        let list = containers.map { #"{"name":"\#($0)","image":"example/\#($0):1"}"# }.joined(separator: ",")
        return #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","labels":{"name":"\#(cluster)"}},"spec":{"containers":[\#(list)]}}"#
    }

    @Test func logsOfEveryPodAndContainerComeFromKubernetes() async throws {
        let kube = try await KubeSimProcess.start()
        let api = try await APIProcess.start(environment: ["KUBECONFIG": kube.kubeconfig])
        do {
            let token = try await api.token()
            let install = try await api.send("POST", "/v1/cluster", token: token, body: TenantWorld.installBody(name: "fate-1", namespace: "fate-ns"))
            #expect(install.status == 200)
            let job = try #require((try JSONSerialization.jsonObject(with: Data(install.body.utf8)) as? [String: Any])?["data"] as? [String: Any])
            let clusterID = try #require(job["cluster_id"] as? String)

            try await kube.post("/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"fate-ns"}}"#)
            try await kube.post("/api/v1/namespaces/fate-ns/pods", Self.pod("python-0", cluster: "fate-1", containers: ["python", "client"]))
            try await kube.post("/api/v1/namespaces/fate-ns/pods", Self.pod("python-1", cluster: "fate-1", containers: ["python"]))
            try await kube.post("/api/v1/namespaces/fate-ns/pods", Self.pod("other-0", cluster: "fate-2", containers: ["python"]))

            var text = ""
            for _ in 0..<200 {
                let answer = try await api.send("GET", "/v1/log/\(clusterID)?container=", token: token)
                #expect(answer.status == 200)
                let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
                #expect(object?["msg"] as? String == "getClusterLog Success")
                text = object?["data"] as? String ?? ""
                if text.contains("[python-1 python] [kubesim] python is running") && text.contains("[python-0 client] [kubesim] client is running") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(text.contains("[python-0 python] [kubesim] python is running"))
            #expect(text.contains("[python-0 client] [kubesim] client is running"))
            #expect(text.contains("[python-1 python] [kubesim] python is running"), "same-named containers of several pods are all shown")
            #expect(!text.contains("other-0"), "only pods labelled with the cluster's name")

            let one = try await api.send("GET", "/v1/log/\(clusterID)?container=client&tail=1", token: token)
            let single = (try JSONSerialization.jsonObject(with: Data(one.body.utf8)) as? [String: Any])?["data"] as? String
            #expect(single == "[kubesim] client is running\n", "one stream: no prefix; tail=1: the last line")
        } catch {
            _ = try? await api.stop()
            await kube.stop()
            throw error
        }
        #expect(try await api.stop() == 0)
        await kube.stop()
    }
}
