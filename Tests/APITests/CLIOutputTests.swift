import Foundation
import KFModels
import Testing
@testable import CLI

@Suite struct TableTests {
    @Test func cellsArePaddedTabSeparatedAndEndWithAnEmptyRow() {
        var table = Table()
        table.addRow("UUID", "NAME")
        table.addRow("a", "longer")
        #expect(table.render() == "UUID\tNAME  \na   \tlonger\n    \n")
    }

    @Test func multiLineCellsContinueUnderTheirColumn() {
        var table = Table()
        table.addRow("States", "- a\n- bb")
        table.addRow("Status", "Success")
        #expect(table.render() == "States\t- a    \n      \t- bb   \nStatus\tSuccess\n      \n")
    }

    @Test func longCellsWrapAtTheMaximumWidth() {
        var table = Table(maxColumnWidth: 10)
        table.addRow("Key", "one two three four")
        #expect(table.render() == "Key\tone two   \n   \tthree four\n   \n")
    }

    @Test func ansiEscapesDoNotCountTowardsWidth() {
        #expect(Table.displayWidth("\u{1b}[33mwarn\u{1b}[0m") == 4)
    }
}

@Suite struct HumanDurationTests {
    static let cases: [(Double, String)] = [
        (-2, "<invalid>"), (-0.5, "0s"), (0.532, "532m"), (5, "5s"), (119, "119s"), (120, "2m"), (150, "2m30s"),
        (600, "10m"), (10_800, "3h"), (11_100, "3h5m"), (36_000, "10h"), (180_000, "2d2h"),
        (864_000, "10d"), (69_120_000, "2y70d"), (283_824_000, "9y"),
    ]

    @Test(arguments: cases)
    func matchesKubernetesHumanDuration(seconds: Double, text: String) {
        #expect(HumanDuration.format(seconds: seconds) == text)
    }
}

@Suite struct JobFormattingTests {
    let start = Timestamp(rfc3339: "2026-01-02T03:04:05Z")!
    let end = Timestamp(rfc3339: "2026-01-02T03:04:35Z")!

    private func job(status: JobStatus = .success, subJobs: [String: SubJob] = [:], states: [String] = []) -> Job {
        Job(uuid: "6a3e8f1e-0000-4000-8000-000000000001", startTime: start, endTime: end, method: .clusterInstall,
            clusterID: "c1", creator: "admin", subJobs: subJobs, status: status, metadata: nil, states: states,
            createdAt: start, updatedAt: end)
    }

    @Test func listHasKubefateColumnsAndDuration() {
        let text = JobFormatting.listTable([job()], now: end)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                == ["UUID", "CREATOR", "METHOD", "STATUS", "STARTTIME", "CLUSTERID", "AGE"])
        #expect(lines[1].contains("2026-01-02 03:04:05"))
        #expect(lines[1].hasSuffix("30s"))
    }

    @Test func describeRowsCanBeGreppedLikeKubefate() {
        let sub = SubJob(moduleName: "python", status: .success, modulesStatus: .available, startTime: start, endTime: end)
        let text = JobFormatting.describeTable(job(subJobs: ["python": sub], states: ["job run Success"]), maxColumnWidth: 200, now: end)
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.contains(["Status", "Success"]))
        #expect(rows.contains(["ClusterId", "c1"]))
        #expect(rows.contains(["States", "- job run Success"]))
        #expect(text.contains("python               ModuleStatus: Available, SubJobStatus: Success, Duration:    30s"))
    }

    @Test func statesNeedingQuotesAreQuoted() {
        #expect(JobFormatting.yamlScalar("helm install Success") == "helm install Success")
        #expect(JobFormatting.yamlScalar("error: boom") == "'error: boom'")
        #expect(JobFormatting.yamlScalar("true") == "'true'")
        #expect(JobFormatting.yamlScalar("it's") == "it's")
    }
}

@Suite struct WatchRendererTests {
    let start = Timestamp(rfc3339: "2026-01-02T03:04:05Z")!

    private func job(_ status: JobStatus, _ subs: [SubJob]) -> Job {
        Job(uuid: "j1", startTime: start, method: .clusterInstall, clusterID: "c1", creator: "admin",
            subJobs: Dictionary(uniqueKeysWithValues: subs.map { ($0.moduleName, $0) }), status: status, metadata: nil,
            createdAt: start, updatedAt: start)
    }

    @Test func plainModePrintsOnlyChanges() {
        var renderer = WatchRenderer(live: false)
        let mysql = SubJob(moduleName: "mysql", startTime: start)
        let first = renderer.update(job(.running, [mysql]), now: start)
        #expect(first.split(separator: "\n").count == 2)
        #expect(renderer.update(job(.running, [mysql]), now: start).isEmpty)
        var done = mysql
        done.status = .success
        done.modulesStatus = .available
        let last = renderer.update(job(.success, [done]), now: start).split(separator: "\n")
        #expect(last.count == 2)
        #expect(last[0].hasSuffix("mysql: Success Available"))
        #expect(last[1].hasSuffix("job j1 Success"))
    }

    @Test func liveModeErasesThePreviousFrame() {
        var renderer = WatchRenderer(live: true)
        let first = renderer.update(job(.running, []), now: start)
        #expect(!first.contains("\u{1b}["))
        let second = renderer.update(job(.running, []), now: start)
        let lines = first.filter { $0 == "\n" }.count
        #expect(second.hasPrefix("\u{1b}[\(lines)F\u{1b}[J"))
    }

    @Test func exitCodesDistinguishOutcomes() {
        #expect(JobWatcher.exitCode(.success) == 0)
        #expect(JobWatcher.exitCode(.failed) == 2)
        #expect(JobWatcher.exitCode(.canceled) == 3)
        #expect(JobWatcher.exitCode(.timeout) == 4)
        #expect(JobWatcher.exitCode(.rollback) == 5)
    }
}

@Suite struct CLIConfigTests {
    private func tempDir(configYAML: String?) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kfcli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let configYAML { try configYAML.write(toFile: dir + "/config.yaml", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func kubefateConfigYAMLIsRead() throws {
        let dir = try tempDir(configYAML: "serviceurl: example.com:8080\nsafeconnect: true\nuser:\n  username: bob\n  password: pw\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try CLIConfig.load(environment: [:], currentDirectory: dir)
        #expect(config == CLIConfig(baseURL: "https://example.com:8080", username: "bob", password: "pw", source: dir + "/config.yaml"))
    }

    @Test func environmentOverridesTheFileAndKubefateURLWins() throws {
        let dir = try tempDir(configYAML: "serviceurl: example.com\nuser:\n  username: bob\n  password: pw\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["FATECLOUD_SERVICEURL": "other:1", "FATECLOUD_USER_PASSWORD": "pw2", "KUBEFATE_URL": "http://127.0.0.1:9/", "KUBEFATE_USER": "carol"]
        let config = try CLIConfig.load(environment: env, currentDirectory: dir)
        #expect(config == CLIConfig(baseURL: "http://127.0.0.1:9", username: "carol", password: "pw2", source: dir + "/config.yaml"))
    }

    @Test func missingPasswordIsAnErrorNotAdminAdmin() throws {
        let dir = try tempDir(configYAML: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: CLIError.self) { try CLIConfig.load(environment: [:], currentDirectory: dir) }
    }

    @Test func clusterFileMustNameTheCluster() throws {
        let dir = try tempDir(configYAML: nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/cluster.yaml"
        try "name: a\nnamespace: b\nchartName: fate\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect { try ClusterSpecFile.args(file: file, install: true, cover: false) } throws: { error in
            (error as? CLIError)?.message == "chartVersion not found, check your cluster.yaml file"
        }
        try "name: a\nnamespace: b\nchartName: fate\nchartVersion: v1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let args = try ClusterSpecFile.args(file: file, install: true, cover: true)
        #expect(args.name == "a" && args.namespace == "b" && args.cover)
        #expect(args.data == Array("name: a\nnamespace: b\nchartName: fate\nchartVersion: v1\n".utf8))
    }
}
