import ArgumentParser
import Foundation
import Testing
@testable import CLI

/// Configuration lookup (§6.1) beyond what CLIOutputTests pins: the missing-file error, env-only use
/// and the CA bundle.
@Suite struct CLIConfigLookupTests {
    private func tempDir(configYAML: String?) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfcli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let configYAML { try configYAML.write(toFile: dir + "/config.yaml", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func missingConfigYAMLIsKubefatesError() throws {
        let dir = try tempDir(configYAML: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try CLIConfig.load(environment: ["FATECLOUD_USER_PASSWORD": "pw"], currentDirectory: dir) } throws: { error in
            (error as? CLIError)?.message == "load config.yaml error, Config File \"config\" Not Found in \"[\(dir)]\""
        }
    }

    @Test func fatecloudEnvironmentAloneIsEnough() throws {
        let dir = try tempDir(configYAML: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["FATECLOUD_SERVICEURL": "kubefate.example.com/prefix", "FATECLOUD_SAFECONNECT": "true",
                   "FATECLOUD_USER_USERNAME": "bob", "FATECLOUD_USER_PASSWORD": "pw"]
        let config = try CLIConfig.load(environment: env, currentDirectory: dir)
        #expect(config.baseURL == "https://kubefate.example.com/prefix")
        #expect(config.username == "bob" && config.password == "pw" && config.source == "environment")
    }

    @Test func safeconnectOtherThanTrueMeansHTTP() throws {
        let dir = try tempDir(configYAML: "serviceurl: example.com\nsafeconnect: \"yes\"\nuser:\n  password: pw\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLIConfig.load(environment: [:], currentDirectory: dir).baseURL == "http://example.com")
    }

    @Test func caBundleComesFromTheFlagTheEnvironmentOrTheFileRelativeToIt() throws {
        let dir = try tempDir(configYAML: "serviceurl: example.com\nsafeconnect: true\ncacert: ca.pem\nuser:\n  password: pw\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "pem".write(toFile: dir + "/ca.pem", atomically: true, encoding: .utf8)
        try "pem".write(toFile: dir + "/other.pem", atomically: true, encoding: .utf8)
        #expect(try CLIConfig.load(environment: [:], currentDirectory: dir).caFile == dir + "/ca.pem")
        #expect(try CLIConfig.load(environment: ["FATECLOUD_CACERT": dir + "/other.pem"], currentDirectory: dir).caFile == dir + "/other.pem")
        #expect(try CLIConfig.load(environment: ["FATECLOUD_CACERT": "/nope"], currentDirectory: dir, caFile: dir + "/ca.pem").caFile
                == dir + "/ca.pem")
        #expect { try CLIConfig.load(environment: ["KUBEFATE_CACERT": dir + "/missing.pem"], currentDirectory: dir) } throws: { error in
            (error as? CLIError)?.message.contains("missing.pem does not exist") == true
        }
    }

    @Test func aServiceURLWithoutPasswordIsAnError() {
        #expect { try CLIConfig.load(environment: ["KUBEFATE_URL": "http://127.0.0.1:1"], currentDirectory: "/nonexistent") } throws: { error in
            (error as? CLIError)?.message.hasPrefix("no password configured") == true
        }
    }
}

@Suite struct ClusterSpecFileTests {
    @Test func updateReportsAMissingChartNameAsKubefateDoes() {
        #expect { try ClusterSpecFile.args(text: "name: a\nnamespace: b\nchartVersion: v1\n", file: "c.yaml", install: false, cover: false) } throws: { ($0 as? CLIError)?.message == "chartVersion not found, check your Cluster file" }
        #expect { try ClusterSpecFile.args(text: "namespace: b\n", file: "c.yaml", install: false, cover: false) } throws: { ($0 as? CLIError)?.message == "name not found, check your Cluster file" }
        #expect { try ClusterSpecFile.args(text: "name: a\n", file: "c.yaml", install: true, cover: false) } throws: { ($0 as? CLIError)?.message == "namespace not found, check your Cluster file" }
        #expect { try ClusterSpecFile.args(text: "name: a\nnamespace: b\nchartVersion: v1\nchartName: \"\"\n", file: "c.yaml", install: true, cover: false) } throws: { ($0 as? CLIError)?.message == "chartName not found, check your cluster.yaml file" }
    }

    @Test func nonStringKeysAndNonMappingsNameTheFile() {
        #expect { try ClusterSpecFile.args(text: "name: 5\nnamespace: b\n", file: "c.yaml", install: true, cover: false) } throws: { ($0 as? CLIError)?.message == "c.yaml: name must be a string" }
        #expect { try ClusterSpecFile.args(text: "- a\n", file: "c.yaml", install: true, cover: false) } throws: { ($0 as? CLIError)?.message == "c.yaml: the cluster spec must be a YAML mapping" }
    }

    @Test func requestBodyUsesKubefatesKeysAndBase64Data() throws {
        var args = try ClusterSpecFile.args(text: "name: a\nnamespace: b\nchartName: fate\nchartVersion: v1\n", file: "c.yaml",
                                            install: false, cover: false)
        args.keepUpgradeJob = true
        let body = String(decoding: KubefateClient.encode(args), as: UTF8.self)
        let data = Data("name: a\nnamespace: b\nchartName: fate\nchartVersion: v1\n".utf8).base64EncodedString()
        #expect(body == #"{"Keep_upgrade_job":true,"chart_name":"fate","chart_version":"v1","cover":false,"data":"\#(data)","name":"a","namespace":"b"}"#)
    }
}

@Suite struct ClusterLogsQueryTests {
    @Test func goDurationsParseLikeTimeParseDuration() {
        #expect(GoDuration.seconds("5m") == 300)
        #expect(GoDuration.seconds("1h30m") == 5400)
        #expect(GoDuration.seconds("1.5s") == 1.5)
        #expect(GoDuration.seconds("300ms") == 0.3)
        #expect(GoDuration.seconds("0") == 0)
        #expect(GoDuration.seconds("5") == nil)
        #expect(GoDuration.seconds("m") == nil)
        #expect(GoDuration.seconds("") == nil)
        #expect(GoDuration.format(300) == "300")
        #expect(GoDuration.format(1.5) == "1.5")
    }

    @Test func queryCarriesContainerAlwaysAndOtherFlagsOnlyWhenSet() throws {
        let plain = try ClusterLogsCommand.parse(["24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11"])
        #expect(try plain.query() == "container=")
        let full = try ClusterLogsCommand.parse(["24bb75ff", "python", "--previous", "--since", "5m", "--since-time", "2026-01-02T03:04:05",
                                                 "--timestamps", "--tail", "10", "--limit-bytes", "2048"])
        #expect(try full.query()
                == "container=python&previous=true&since=300&since-time=2026-01-02T03%3A04%3A05Z&timestamps=true&tail=10&limit-bytes=2048")
        let bad = try ClusterLogsCommand.parse(["24bb75ff", "--since", "five"])
        #expect(throws: CLIError.self) { try bad.query() }
    }
}

@Suite struct CommandParsingTests {
    @Test func kubefateAliasesAndFlagsParse() throws {
        #expect(try Kubefate.parseAsRoot(["cluster", "ls", "-A"]) is ClusterListCommand)
        #expect((try Kubefate.parseAsRoot(["cluster", "list", "--all", "-o", "yaml"]) as? ClusterListCommand)?.output.format == .yaml)
        #expect(try Kubefate.parseAsRoot(["cluster", "del", "u"]) is ClusterDeleteCommand)
        #expect(try Kubefate.parseAsRoot(["job", "del", "u"]) is JobDeleteCommand)
        #expect(try Kubefate.parseAsRoot(["chart", "ls"]) is ChartListCommand)
        #expect(try Kubefate.parseAsRoot(["user", "ls"]) is UserListCommand)
        #expect(try Kubefate.parseAsRoot(["namespace", "ls", "-o", "json"]) is NamespaceListCommand)
        #expect(try Kubefate.parseAsRoot(["logs", "u", "-f"]) is ClusterLogsCommand)
        let update = try #require(try Kubefate.parseAsRoot(["cluster", "update", "-f", "c.yaml", "--keepUpgradeJob", "--watch"])
                                  as? ClusterUpdateCommand)
        #expect(update.keepUpgradeJob && update.follow.watch)
        let install = try #require(try Kubefate.parseAsRoot(["cluster", "install", "-f", "c.yaml", "--cover", "--dry-run", "--cacert", "ca.pem"])
                                   as? ClusterInstallCommand)
        #expect(install.cover && install.dryRun && install.connection.cacert == "ca.pem")
        #expect(throws: (any Error).self) { try Kubefate.parseAsRoot(["cluster", "list", "-o", "xml"]) }
    }

    @Test func tenantQuotasTakeNumbersOrUnlimited() throws {
        let create = try #require(try Kubefate.parseAsRoot(["tenant", "create", "team-a", "--cluster-quota", "5"]) as? TenantCreateCommand)
        #expect(create.clusterQuota == .limit(5) && create.jobQuota == .unlimited)
        let set = try #require(try Kubefate.parseAsRoot(["tenant", "set-quota", "team-a", "--job-quota", "unlimited"]) as? TenantSetQuotaCommand)
        #expect(set.jobQuota == .unlimited && set.clusterQuota == nil)
        #expect(throws: (any Error).self) { try Kubefate.parseAsRoot(["tenant", "set-quota", "team-a"]) }
        #expect(throws: (any Error).self) { try Kubefate.parseAsRoot(["tenant", "create", "t", "--job-quota", "-1"]) }
        let member = try #require(try Kubefate.parseAsRoot(["tenant", "member", "add", "team-a", "bob", "--role", "operator"])
                                  as? TenantMemberAddCommand)
        #expect(member.role == .operator)
        #expect(throws: (any Error).self) { try Kubefate.parseAsRoot(["tenant", "member", "add", "t", "bob", "--role", "owner"]) }
    }

    @Test func multipartBodyHasOneFileFieldNamedFile() {
        let form = MultipartForm(fileField: "file", fileName: "fate-v1.11.2.tgz", content: Array("TGZ".utf8), boundary: "B")
        #expect(form.contentType == "multipart/form-data; boundary=B")
        #expect(String(decoding: form.body, as: UTF8.self) == "--B\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"fate-v1.11.2.tgz\"\r\nContent-Type: application/octet-stream\r\n\r\nTGZ\r\n--B--\r\n")
    }
}

@Suite struct DoctorReportTests {
    @Test func oneLinePerCheckAndASummary() {
        var report = DoctorReport()
        report.ok("config", "environment -> http://h:1 as admin")
        report.problem("dns", "cannot resolve h (Name or service not known): check serviceurl")
        #expect(report.problems == 1)
        #expect(report.text == "ok      config: environment -> http://h:1 as admin\n"
                + "PROBLEM dns: cannot resolve h (Name or service not known): check serviceurl\n1 problem found\n")
        #expect(DoctorReport().text == "no problems found\n")
    }

    @Test func versionSkewIsMajorOrMinor() {
        var report = DoctorReport()
        Doctor().checkVersion(service: "v1.4.7", cli: "v1.4.5", report: &report)
        Doctor().checkVersion(service: "v1.5.0", cli: "v1.4.5", report: &report)
        #expect(report.lines.map(\.outcome) == [.ok, .problem])
        #expect(report.lines[1].text == "service v1.5.0 but this CLI speaks v1.4.5: use the kubefate CLI released with the service")
    }

    @Test func aMissingConfigIsTheOnlyProblemReported() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfdoc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = await Doctor(cacert: nil, environment: [:], currentDirectory: dir).run()
        #expect(report.lines.count == 1 && report.problems == 1)
        #expect(report.lines[0].text.hasPrefix("load config.yaml error, Config File \"config\" Not Found"))
    }
}
