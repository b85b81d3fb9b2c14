import Foundation
import Testing
@testable import CLI

/// The real `kubefate` binary against a real `kubefate-api` (with the local MariaDB and RabbitMQ):
/// what scripts see — the exact lines, the table rows they grep, exit statuses.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KUBEFATE_TEST_INTEGRATION"] == "1"))
struct CLIIntegrationTests {
    static let spec = ChartTestSupport.demoSpec()

    /// An API with the demo chart in its chart store, and a CLI pointed at it as admin.
    static func withAPI(_ body: (APIProcess, CLIRunner) async throws -> Void) async throws {
        try await ChartTestSupport.withAPI(environment: ["KUBEFATE_CHARTS_DIR": try ChartTestSupport.demoChartsDirectory()]) { api in
            let cli = try CLIRunner.against(api)
            defer { cli.remove() }
            try await body(api, cli)
        }
    }

    @Test func versionPrintsBothLinesWithCRLF() async throws {
        try await Self.withAPI { _, cli in
            let out = try await cli.run("version")
            #expect(out.status == 0)
            #expect(out.stdout == "* kubefate commandLine version=v1.4.5\r\n* kubefate service version=v1.4.5\r\n")
        }
    }

    @Test func installPrintsTheJobLineAndJobCommandsShowThatJob() async throws {
        try await Self.withAPI { _, cli in
            try cli.write(Self.spec, to: "cluster.yaml")
            let install = try await cli.run("cluster", "install", "-f", "cluster.yaml")
            #expect(install.status == 0, "\(install.stderr)")
            let jobID = try #require(install.jobID, "stdout: \(install.stdout)")

            let list = try await cli.run("job", "list")
            #expect(list.status == 0)
            #expect(list.rows.first == ["UUID", "CREATOR", "METHOD", "STATUS", "STARTTIME", "CLUSTERID", "AGE"])
            let row = try #require(list.rows.first { $0.first == jobID })
            #expect(row[1] == "admin" && row[2] == "ClusterInstall" && row[3] == "Pending")

            let describe = try await cli.run("job", "describe", jobID)
            #expect(describe.rows.contains(["UUID", jobID]))
            #expect(describe.rows.contains(["Status", "Pending"]))
            #expect(describe.rows.contains(["Creator", "admin"]))

            let json = try await cli.run("job", "describe", jobID, "-o", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["uuid"] as? String == jobID && object["method"] as? String == "ClusterInstall")

            let yaml = try await cli.run("job", "list", "-o", "yaml")
            #expect(yaml.stdout.hasPrefix("- "))
            #expect(yaml.stdout.contains("uuid: \(jobID)\n"))

            let again = try await cli.run("cluster", "install", "-f", "cluster.yaml")
            #expect(again.status == 1)
            #expect(again.stdout.isEmpty)
            #expect(again.stderr.hasPrefix("resp.StatusCode=409, error: "))

            let stop = try await cli.run("job", "stop", jobID)
            #expect(stop.status == 0)
            #expect(stop.stdout == "Stop Job Success\n")
        }
    }

    @Test func clientSideSpecErrorsAreKubefatesMessages() async throws {
        try await Self.withAPI { _, cli in
            try cli.write("name: a\nnamespace: b\nchartName: fate\n", to: "cluster.yaml")
            let out = try await cli.run("cluster", "install", "-f", "cluster.yaml")
            #expect(out.status == 1)
            #expect(out.stderr == "chartVersion not found, check your cluster.yaml file\n")
            let notUUID = try await cli.run("job", "describe")
            #expect(notUUID.status == 1 && notUUID.stderr == "not uuid\n")
        }
    }

    @Test func configYAMLInTheWorkingDirectoryAndFatecloudOverrides() async throws {
        try await Self.withAPI { api, _ in
            let cli = try CLIRunner()
            defer { cli.remove() }
            let hostPort = String(api.baseURL.dropFirst("http://".count))
            try cli.write("serviceurl: \(hostPort)\nsafeconnect: false\nuser:\n  username: admin\n  password: \(api.adminPassword)\n",
                          to: "config.yaml")
            let version = try await cli.run("version")
            #expect(version.stdout.hasSuffix("* kubefate service version=v1.4.5\r\n"))

            let wrong = try await cli.run("job", "list", environment: ["FATECLOUD_USER_PASSWORD": "wrong"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr == "resp.StatusCode=401, error: incorrect Username or Password\n")

            try FileManager.default.removeItem(atPath: cli.directory + "/config.yaml")
            let missing = try await cli.run("job", "list")
            #expect(missing.status == 1)
            #expect(missing.stderr == "load config.yaml error, Config File \"config\" Not Found in \"[\(cli.directory)]\"\n")
        }
    }

    @Test func watchFollowsAStoppedJobToItsEndWithItsExitStatus() async throws {
        try await Self.withAPI { _, cli in
            try cli.write(Self.spec, to: "cluster.yaml")
            let jobID = try #require(try await cli.run("cluster", "install", "-f", "cluster.yaml").jobID)
            #expect(try await cli.run("job", "stop", jobID).status == 0)
            let watch = try await cli.run("job", "watch", jobID, "--interval", "0.2")
            let describe = try await cli.run("job", "describe", jobID)
            #expect(describe.rows.contains(["Status", "Canceled"]))
            #expect(watch.status == 3, "exit status 3 means Canceled")
            #expect(watch.stdout.split(separator: "\n").last?.hasSuffix("job \(jobID) Canceled: canceled before start") == true,
                    "\(watch.stdout)")
        }
    }

    @Test func doctorFindsNoProblemWithAHealthyServiceAndNamesBadCredentials() async throws {
        try await Self.withAPI { api, cli in
            let healthy = try await cli.run("doctor")
            #expect(healthy.status == 0, "\(healthy.stdout)")
            let checks = healthy.stdout.split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) ?? "" }
            #expect(checks == ["ok      config", "ok      dns", "ok      tcp", "ok      tls", "ok      service", "ok      auth", "ok      version",
                               "no problems found"])

            let refused = try await cli.run("doctor", environment: ["KUBEFATE_PASSWORD": "wrong"])
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("PROBLEM auth: login as admin refused (resp.StatusCode=401, error: incorrect Username or Password): "))
            #expect(refused.stdout.hasSuffix("1 problem found\n"))

            let port = try #require(URLComponents(string: api.baseURL)?.port)
            let notFound = try await cli.run("doctor", environment: ["KUBEFATE_URL": "http://127.0.0.1:\(port)/nothing-here"])
            #expect(notFound.status == 1)
            #expect(notFound.stdout.contains("PROBLEM service: http://127.0.0.1:\(port)/nothing-here/ answered 404 "))
        }
    }

    @Test func doctorNamesUnreachableAndUnresolvableServices() async throws {
        let cli = try CLIRunner(environment: ["KUBEFATE_PASSWORD": "x"])
        defer { cli.remove() }
        let closed = try await cli.run("doctor", environment: ["KUBEFATE_URL": "http://127.0.0.1:1"])
        #expect(closed.status == 1)
        #expect(closed.stdout.contains("PROBLEM tcp: cannot connect to 127.0.0.1:1 ("))
        let unknown = try await cli.run("doctor", environment: ["KUBEFATE_URL": "http://kubefate.invalid:8080"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("PROBLEM dns: cannot resolve kubefate.invalid ("))
    }
}
