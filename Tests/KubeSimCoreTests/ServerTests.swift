import Foundation
import Testing
import KubeSimCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct ServerTests {
    @Test func serverStartsOnAFreeLoopbackPortAndAnswersOverHTTP() async throws {
        let sim = try KubeSim()
        let running = try await KubeSimServer(sim: sim).start()
        #expect(running.port > 0)
        let (data, response) = try await URLSession.shared.data(from: URL(string: running.url + "/version")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(try JSON.parse(data)["gitVersion"] == "v1.32.0")
        let kubeconfig = Kubeconfig.text(server: running.url)
        #expect(kubeconfig.contains("server: \(running.url)"))
        await running.stop()
    }
}
