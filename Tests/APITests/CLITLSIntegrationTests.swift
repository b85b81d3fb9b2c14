#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import CLI

/// libcurl's certificate verification through the CLI against a real TLS server (`openssl
/// s_server`) whose certificate a throw-away CA signed: untrusted without the CA, trusted with
/// `--cacert`, `FATECLOUD_CACERT` or `cacert` in config.yaml.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLITLSIntegrationTests {
    /// Runs openssl with `arguments` in `directory`; throws with its output when it fails.
    private static func openssl(_ arguments: [String], in directory: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        if process.terminationStatus != 0 { throw CLIError("openssl \(arguments.joined(separator: " ")) failed") }
    }

    /// A port nothing listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CLIError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func doctorTrustsTheServerOnlyWithTheCustomCA() async throws {
        let cli = try CLIRunner(environment: ["KUBEFATE_PASSWORD": "x"])
        defer { cli.remove() }
        let dir = cli.directory
        try await Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
                                "-subj", "/CN=kubefate-test-ca"], in: dir)
        try await Self.openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                                "-subj", "/CN=localhost"], in: dir)
        try cli.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n", to: "san.ext")
        try await Self.openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                                "-out", "server.pem", "-days", "1", "-extfile", "san.ext"], in: dir)
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem", "-key", "server.key", "-www", "-quiet"]
        server.currentDirectoryURL = URL(fileURLWithPath: dir)
        server.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer { server.terminate() }
        let http = try CurlHTTPClient(timeout: 5)
        for _ in 0..<100 where await http.connect(url: "http://127.0.0.1:\(port)/") != nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        let url = ["KUBEFATE_URL": "https://127.0.0.1:\(port)"]

        let untrusted = try await cli.run("doctor", environment: url)
        #expect(untrusted.status == 1)
        #expect(untrusted.stdout.contains("ok      tcp: connected to 127.0.0.1:\(port)\n"))
        #expect(untrusted.stdout.contains("PROBLEM tls: the certificate of 127.0.0.1:\(port) is not trusted ("))
        #expect(untrusted.stdout.contains("pass --cacert <ca.pem>"))

        let trusted = try await cli.run("doctor", "--cacert", dir + "/ca.pem", environment: url)
        #expect(trusted.stdout.contains("ok      tls: handshake with 127.0.0.1:\(port) succeeded, certificate trusted\n"), "\(trusted.stdout)")
        // s_server is no kubefate service: the run ends at its greeting, past TLS.
        #expect(trusted.stdout.contains("PROBLEM service: https://127.0.0.1:\(port)/ answered 200 \"<HTML>"))

        let fromEnvironment = try await cli.run("doctor", environment: url.merging(["FATECLOUD_CACERT": dir + "/ca.pem"]) { $1 })
        #expect(fromEnvironment.stdout.contains("ok      tls: handshake"))

        // A request through the normal client path also verifies against the CA.
        let login = try await cli.run("job", "list", environment: url)
        #expect(login.status == 1)
        #expect(login.stderr.contains("SSL certificate problem"), "\(login.stderr)")

        try cli.write("serviceurl: 127.0.0.1:\(port)\nsafeconnect: true\ncacert: ca.pem\nuser:\n  password: x\n", to: "config.yaml")
        let fromFile = try await CLIRunner(directory: dir).run("doctor")
        #expect(fromFile.stdout.contains("ok      config: \(dir)/config.yaml -> https://127.0.0.1:\(port) as admin, CA bundle \(dir)/ca.pem\n"))
        #expect(fromFile.stdout.contains("ok      tls: handshake"))
    }
}
