import Foundation
import Testing
@testable import KFKube

@Suite struct KubeConfigTests {
    private let document = """
    apiVersion: v1
    kind: Config
    current-context: sim
    clusters:
    - name: sim
      cluster:
        server: https://127.0.0.1:6443/
        certificate-authority-data: Y2EtYnl0ZXM=
    - name: other
      cluster:
        server: http://127.0.0.1:8001
        insecure-skip-tls-verify: true
        certificate-authority: certs/ca.crt
    users:
    - name: admin
      user:
        token: "s3cret"
    - name: certs
      user:
        client-certificate: /etc/client.crt
        client-key: keys/client.key
        tokenFile: token
    contexts:
    - name: sim
      context: {cluster: sim, user: admin, namespace: fate-9999}
    - name: files
      context:
        cluster: other
        user: certs
    """

    @Test func currentContextResolvesServerCAAndToken() throws {
        let config = try KubeConfig.parse(document, file: "kubeconfig", folder: "/cfg", context: nil)
        #expect(config.server == "https://127.0.0.1:6443")
        #expect(config.namespace == "fate-9999")
        guard case .data(let ca)? = config.tls.certificateAuthority else { Issue.record("CA data expected"); return }
        #expect(String(decoding: ca, as: UTF8.self) == "ca-bytes")
        guard case .bearer(let token) = config.credential else { Issue.record("bearer token expected"); return }
        #expect(token == "s3cret")
    }

    @Test func relativeFilesResolveAgainstTheKubeconfigFolder() throws {
        let config = try KubeConfig.parse(document, file: "kubeconfig", folder: "/cfg", context: "files")
        #expect(config.tls.insecureSkipVerify)
        guard case .file(let ca)? = config.tls.certificateAuthority, case .file(let cert)? = config.tls.clientCertificate,
              case .file(let key)? = config.tls.clientKey, case .bearerFile(let token) = config.credential else {
            Issue.record("file sources expected"); return
        }
        #expect(ca == "/cfg/certs/ca.crt")
        #expect(cert == "/etc/client.crt")
        #expect(key == "/cfg/keys/client.key")
        #expect(token == "/cfg/token")
        #expect(config.namespace == "default")
    }

    @Test func unknownContextIsNamedInTheError() {
        #expect {
            try KubeConfig.parse(document, file: "kubeconfig", folder: "/cfg", context: "nope")
        } throws: { error in
            (error as? KubeError)?.message.contains("no context named nope") == true
        }
    }

    @Test func invalidYAMLReportsFileAndLine() {
        #expect {
            try KubeConfig.parse("clusters:\n  - name: [unclosed\n", file: "bad.yaml", folder: "/", context: nil)
        } throws: { error in
            (error as? KubeError)?.message.hasPrefix("bad.yaml:") == true
        }
    }

    @Test func inClusterConfigReadsTheServiceAccount() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sa-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "kube-fate\n".write(toFile: "\(folder)/namespace", atomically: true, encoding: .utf8)
        try "tok-1\n".write(toFile: "\(folder)/token", atomically: true, encoding: .utf8)
        let config = try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                                              accountFolder: folder)
        #expect(config.server == "https://10.0.0.1:443")
        #expect(config.namespace == "kube-fate")
        #expect(try config.authorization() == "Bearer tok-1")
    }

    @Test func outsideAClusterWithoutKubeconfigIsAConfigurationError() {
        #expect(throws: KubeError.self) { try KubeConfig.fromEnvironment([:]) }
    }
}

@Suite struct RetryPolicyTests {
    @Test func throttlingAndServerErrorsAreRetriedClientErrorsAreNot() {
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.delay(after: 1, error: KubeError(.server, "x", status: 429), retryAfterSeconds: nil) != nil)
        #expect(policy.delay(after: 1, error: KubeError(.server, "x", status: 503), retryAfterSeconds: nil) != nil)
        #expect(policy.delay(after: 1, error: KubeError(.timeout, "x"), retryAfterSeconds: nil) != nil)
        #expect(policy.delay(after: 1, error: KubeError(.server, "x", status: 409), retryAfterSeconds: nil) == nil)
        #expect(policy.delay(after: 3, error: KubeError(.server, "x", status: 500), retryAfterSeconds: nil) == nil)
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 20, initialBackoff: .milliseconds(100), maxBackoff: .seconds(2))
        let error = KubeError(.server, "x", status: 500)
        for attempt in 1..<20 {
            let pause = policy.delay(after: attempt, error: error, retryAfterSeconds: nil)!
            #expect(pause <= .seconds(2))
            #expect(pause >= .milliseconds(50))
        }
        #expect(policy.delay(after: 1, error: error, retryAfterSeconds: 1) == .seconds(1))
    }
}

@Suite struct APIResourceTests {
    @Test func pathsFollowGroupVersionAndScope() {
        let deployments = APIResource(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
        #expect(deployments.path(namespace: "fate-9999", name: "python") == "/apis/apps/v1/namespaces/fate-9999/deployments/python")
        let namespaces = APIResource(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
        #expect(namespaces.path(namespace: "ignored", name: "a b") == "/api/v1/namespaces/a%20b")
        #expect(namespaces.apiVersion == "v1")
    }
}
