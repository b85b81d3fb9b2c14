import Foundation
import KFModels
import Testing
@testable import CLI

/// The exact text of every table and message (kubefate-api.md §6.3/§6.4), from JSON fixtures
/// shaped like the service's answers (§2). Expected lines are built from literal cells and the
/// column widths they must be padded to, so every byte (padding, TAB, trailing row) is pinned.
enum Golden {
    /// One table line: each cell right-padded to its width, joined by TAB.
    static func line(_ cells: (String, Int)...) -> String {
        cells.map { $0.0 + String(repeating: " ", count: max(0, $0.1 - $0.0.count)) }.joined(separator: "\t")
    }

    /// Lines joined by newlines, then the closing row (one empty cell padded to the first column) and the final newline.
    static func table(_ lines: [String], firstWidth: Int) -> String {
        (lines + [String(repeating: " ", count: firstWidth)]).joined(separator: "\n") + "\n"
    }

    static func decode<T: Decodable & Sendable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(APIEnvelope<T>.self, from: Data(json.utf8)).data
    }

    static let clusterA = #"""
        {"uuid":"24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11","name":"fate-9999","namespaces":"fate-9999","chart_name":"fate",
         "chart_version":"v1.11.2","values":"{\"chartName\":\"fate\"}",
         "Spec":{"chartName":"fate","chartVersion":"v1.11.2","modules":["python","mysql"],"name":"fate-9999",
                 "namespace":"fate-9999","partyId":9999},
         "revision":1,"helm_revision":0,"chart_values":null,"status":"Running",
         "Info":{"dashboard":["party9999.notebook.example.com"],"ip":"192.168.9.1",
                 "status":{"containers":{"python":"Running"},"deployments":{"python":"Available"},
                           "statefulSets":{"mysql":"Available"}}},
         "ID":3,"CreatedAt":"2026-01-02T03:04:05Z","UpdatedAt":"2026-01-02T03:10:00Z","DeletedAt":null}
        """#

    static let clusterB = #"""
        {"uuid":"5d1c0e2a-7b3f-4c8d-9e6a-1f2b3c4d5e6f","name":"fate-exchange","namespaces":"fate-exchange",
         "chart_name":"fate-exchange","chart_version":"v1.11.2","values":"","revision":0,"helm_revision":0,
         "chart_values":null,"status":"Creating","ID":4,"CreatedAt":"2026-01-02T05:03:35Z",
         "UpdatedAt":"2026-01-02T05:03:35Z","DeletedAt":null}
        """#

    static let job = #"""
        {"uuid":"d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01","start_time":"2022-04-12T07:34:09.123Z",
         "end_time":"2022-04-12T07:48:14.456Z","method":"ClusterInstall","cluster_id":"24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11",
         "creator":"admin",
         "sub_jobs":{"python":{"ModuleName":"python","Status":"Success","ModulesStatus":"Available",
                               "StartTime":"2022-04-12T07:34:09.123Z","EndTime":"2022-04-12T07:48:14.001Z"},
                     "mysql":{"ModuleName":"mysql","Status":"Running","ModulesStatus":"Progressing",
                              "StartTime":"2022-04-12T07:34:09.123Z","EndTime":"0001-01-01T00:00:00Z"}},
         "status":"Success","time_limit":3600000000000,
         "meta_data":{"name":"fate-9999","namespace":"fate-9999","chart_name":"fate","chart_version":"v1.11.2",
                      "cover":false,"data":"bmFtZTogZmF0ZS05OTk5Cg==","Keep_upgrade_job":false},
         "states":["update job status to Running","create Cluster in DB Success","helm install Success",
                   "checkout Cluster status [794]","job run Success"],
         "ID":7,"CreatedAt":"2022-04-12T07:34:09.123Z","UpdatedAt":"2022-04-12T07:48:14.456Z","DeletedAt":null}
        """#

    static let now = Timestamp(rfc3339: "2026-01-02T05:04:05Z")!
}

@Suite struct ClusterGoldenTests {
    @Test func clusterListTable() throws {
        let clusters = try Golden.decode([Cluster].self, #"{"msg":"getClusterList Success","data":[\#(Golden.clusterA),\#(Golden.clusterB)]}"#)
        let w = [36, 13, 13, 8, 8, 13, 12, 4]
        let expected = Golden.table([
            Golden.line(("UUID", w[0]), ("NAME", w[1]), ("NAMESPACE", w[2]), ("REVISION", w[3]), ("STATUS", w[4]), ("CHART", w[5]),
                        ("ChartVERSION", w[6]), ("AGE", w[7])),
            Golden.line(("24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11", w[0]), ("fate-9999", w[1]), ("fate-9999", w[2]), ("1", w[3]),
                        ("Running", w[4]), ("fate", w[5]), ("v1.11.2", w[6]), ("120m", w[7])),
            Golden.line(("5d1c0e2a-7b3f-4c8d-9e6a-1f2b3c4d5e6f", w[0]), ("fate-exchange", w[1]), ("fate-exchange", w[2]), ("0", w[3]),
                        ("Creating", w[4]), ("fate-exchange", w[5]), ("v1.11.2", w[6]), ("30s", w[7])),
        ], firstWidth: 36)
        #expect(ClusterFormatting.listTable(clusters, now: Golden.now) == expected)
    }

    @Test func emptyClusterListIsTheHeaderAndTheClosingRow() throws {
        let clusters = try Golden.decode([Cluster].self, #"{"msg":"getClusterList Success","data":[]}"#)
        #expect(ClusterFormatting.listTable(clusters, now: Golden.now)
                == "UUID\tNAME\tNAMESPACE\tREVISION\tSTATUS\tCHART\tChartVERSION\tAGE\n    \n")
    }

    @Test func clusterDescribeRowsWithSortedYAMLSpecAndInfo() throws {
        let cluster = try Golden.decode(Cluster.self, #"{"msg":"getCluster Success","data":\#(Golden.clusterA)}"#)
        let v = 36
        func row(_ label: String, _ value: String) -> String { Golden.line((label, 12), (value, v)) }
        let expected = Golden.table([
            row("UUID", "24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11"),
            row("Name", "fate-9999"),
            row("NameSpace", "fate-9999"),
            row("ChartName", "fate"),
            row("ChartVersion", "v1.11.2"),
            row("Revision", "1"),
            row("Age", "120m"),
            row("Status", "Running"),
            row("Spec", "chartName: fate"), row("", "chartVersion: v1.11.2"), row("", "modules:"), row("", "- python"),
            row("", "- mysql"), row("", "name: fate-9999"), row("", "namespace: fate-9999"), row("", "partyId: 9999"), row("", ""),
            row("Info", "dashboard:"), row("", "- party9999.notebook.example.com"), row("", "ip: 192.168.9.1"), row("", "status:"),
            row("", "  containers:"), row("", "    python: Running"), row("", "  deployments:"), row("", "    python: Available"),
            row("", "  statefulSets:"), row("", "    mysql: Available"), row("", ""),
        ], firstWidth: 12)
        #expect(ClusterFormatting.describeTable(cluster, maxColumnWidth: 120, now: Golden.now) == expected)
    }

    @Test func describeWithoutSpecOrInfoPrintsNull() throws {
        let cluster = try Golden.decode(Cluster.self, #"{"msg":"getCluster Success","data":\#(Golden.clusterB)}"#)
        let text = ClusterFormatting.describeTable(cluster, maxColumnWidth: 120, now: Golden.now)
        #expect(text.contains(Golden.line(("Spec", 12), ("null", 36)) + "\n"))
        #expect(text.contains(Golden.line(("Info", 12), ("null", 36)) + "\n"))
    }

    @Test func jobCreatingCommandsPrintKubefatesLineWithCRLF() {
        let text = ClusterFormatting.jobCreated("d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01")
        #expect(text == "create job Success, job id=d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01\r\n")
        // What CI scripts do: the text after the last `=`, carriage return removed.
        #expect(text.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines) == "d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01")
    }

    @Test func dryRunPrintsTheDiffOrSaysThereIsNone() throws {
        let withDiff = try Golden.decode(DryRunResult.self, #"{"msg":"dry run","data":{"manifest":"a","diff":"--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y","values":"v"}}"#)
        #expect(ClusterSpecFile.dryRunText(withDiff) == "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n")
        let none = try Golden.decode(DryRunResult.self, #"{"msg":"dry run","data":{"manifest":"a","diff":"","values":"v"}}"#)
        #expect(ClusterSpecFile.dryRunText(none) == "no changes\n")
    }
}

@Suite struct JobGoldenTests {
    @Test func jobListTable() throws {
        let jobs = try Golden.decode([Job].self, #"{"data":[\#(Golden.job)],"msg":"getJobList Success"}"#)
        let w = [36, 7, 14, 7, 19, 36, 3]
        let expected = Golden.table([
            Golden.line(("UUID", w[0]), ("CREATOR", w[1]), ("METHOD", w[2]), ("STATUS", w[3]), ("STARTTIME", w[4]), ("CLUSTERID", w[5]),
                        ("AGE", w[6])),
            Golden.line(("d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01", w[0]), ("admin", w[1]), ("ClusterInstall", w[2]), ("Success", w[3]),
                        ("2022-04-12 07:34:09", w[4]), ("24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11", w[5]), ("14m", w[6])),
        ], firstWidth: 36)
        #expect(JobFormatting.listTable(jobs, now: Golden.now) == expected)
    }

    @Test func jobDescribeRowsStatesAndSubJobs() throws {
        let job = try Golden.decode(Job.self, #"{"msg":"getJob Success","data":\#(Golden.job)}"#)
        let mysql = "mysql                ModuleStatus: Progressing, SubJobStatus: Running, Duration: 3y265d, StartTime: 2022-04-12 07:34:09, EndTime: 0001-01-01 00:00:00"
        let python = "python               ModuleStatus: Available, SubJobStatus: Success, Duration:    14m, StartTime: 2022-04-12 07:34:09, EndTime: 2022-04-12 07:48:14"
        let v = mysql.count
        func row(_ label: String, _ value: String) -> String { Golden.line((label, 9), (value, v)) }
        let expected = Golden.table([
            row("UUID", "d92d7a56-1b2c-4d3e-8f4a-5b6c7d8e9f01"),
            row("StartTime", "2022-04-12 07:34:09"),
            row("EndTime", "2022-04-12 07:48:14"),
            row("Duration", "14m"),
            row("Status", "Success"),
            row("Creator", "admin"),
            row("ClusterId", "24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11"),
            row("States", "- update job status to Running"), row("", "- create Cluster in DB Success"), row("", "- helm install Success"),
            row("", "- checkout Cluster status [794]"), row("", "- job run Success"), row("", ""),
            row("SubJobs", mysql),
            row("", python),
        ], firstWidth: 9)
        #expect(JobFormatting.describeTable(job, maxColumnWidth: 200, now: Golden.now) == expected)
    }

    @Test func scriptsGrepStatusAndClusterIdFromDescribe() throws {
        let job = try Golden.decode(Job.self, #"{"msg":"getJob Success","data":\#(Golden.job)}"#)
        let text = JobFormatting.describeTable(job, maxColumnWidth: 120, now: Golden.now)
        // `grep -w Status | awk '{print $2}'` and the same for ClusterId.
        func field(_ word: String) -> String? {
            text.split(separator: "\n").first { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == Substring(word) }
                .flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.map(String.init) }
        }
        #expect(field("Status") == "Success")
        #expect(field("ClusterId") == "24bb75ff-9a5c-4e6b-8c51-2f7e3c1d0a11")
    }
}

@Suite struct ResourceGoldenTests {
    @Test func chartListTable() throws {
        let charts = try Golden.decode([ChartInfo].self, #"""
            {"msg":"getChartList Success","data":[{"uuid":"0f6c2a1b-3d4e-4f50-8a9b-0c1d2e3f4a5b","name":"fate",
             "chart":"apiVersion: v1\nname: fate\nversion: v1.11.2\n","values":"","values_template":"",
             "values_template_example":"","templates":[{"name":"templates/a.yaml","data":"YTogMQo="}],"version":"v1.11.2",
             "app_version":"v1.11.2","ID":1,"CreatedAt":"2026-01-02T03:04:05Z","UpdatedAt":"2026-01-02T03:04:05Z","DeletedAt":null}]}
            """#)
        let expected = Golden.table([
            Golden.line(("UUID", 36), ("NAME", 4), ("VERSION", 7), ("APPVERSION", 10)),
            Golden.line(("0f6c2a1b-3d4e-4f50-8a9b-0c1d2e3f4a5b", 36), ("fate", 4), ("v1.11.2", 7), ("v1.11.2", 10)),
        ], firstWidth: 36)
        #expect(ResourceFormatting.chartList(charts) == expected)
        let describe = ResourceFormatting.chartDescribe(charts[0], maxColumnWidth: 120)
        #expect(describe == Golden.table([
            Golden.line(("UUID", 10), ("0f6c2a1b-3d4e-4f50-8a9b-0c1d2e3f4a5b", 36)),
            Golden.line(("Name", 10), ("fate", 36)),
            Golden.line(("Version", 10), ("v1.11.2", 36)),
            Golden.line(("AppVersion", 10), ("v1.11.2", 36)),
            Golden.line(("Chart", 10), ("apiVersion: v1", 36)),
            Golden.line(("", 10), ("name: fate", 36)),
            Golden.line(("", 10), ("version: v1.11.2", 36)),
            Golden.line(("", 10), ("", 36)),
        ], firstWidth: 10))
    }

    @Test func userListAndDescribe() throws {
        let users = try Golden.decode([User].self, #"""
            {"msg":"getUserList Success","data":[{"uuid":"5b0c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6","username":"admin",
             "userStatus":"Available","admin":true,"ID":1,"CreatedAt":"2026-01-02T03:04:05Z","UpdatedAt":"2026-01-02T03:04:05Z",
             "DeletedAt":null},{"uuid":"6c1d8f2b-3c4d-4e6f-9a01-b2c3d4e5f6a7","username":"bob","email":"bob@example.com",
             "userStatus":"Deprecate","ID":2,"CreatedAt":"2026-01-02T03:04:05Z","UpdatedAt":"2026-01-02T03:04:05Z","DeletedAt":null}]}
            """#)
        #expect(ResourceFormatting.userList(users) == Golden.table([
            Golden.line(("UUID", 36), ("USERNAME", 8), ("EMAIL", 15), ("STATUS", 9)),
            Golden.line(("5b0c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6", 36), ("admin", 8), ("", 15), ("Available", 9)),
            Golden.line(("6c1d8f2b-3c4d-4e6f-9a01-b2c3d4e5f6a7", 36), ("bob", 8), ("bob@example.com", 15), ("Deprecate", 9)),
        ], firstWidth: 36))
        #expect(ResourceFormatting.userDescribe(users[1]) == Golden.table([
            Golden.line(("UUID", 8), ("6c1d8f2b-3c4d-4e6f-9a01-b2c3d4e5f6a7", 36)),
            Golden.line(("Username", 8), ("bob", 36)),
            Golden.line(("Email", 8), ("bob@example.com", 36)),
            Golden.line(("Status", 8), ("Deprecate", 36)),
            Golden.line(("Admin", 8), ("false", 36)),
        ], firstWidth: 8))
    }

    @Test func namespaceListTable() throws {
        let namespaces = try Golden.decode([NamespaceInfo].self, #"""
            {"data":[{"Name":"default","Status":"Active","Labels":null,"Annotations":null,"Age":"5d3h"},
                     {"Name":"fate-9999","Status":"Active","Labels":{"name":"fate-9999"},"Annotations":null,"Age":"2h"}],
             "msg":"getNamespaceList Success"}
            """#)
        #expect(ResourceFormatting.namespaceList(namespaces) == Golden.table([
            Golden.line(("NAME", 9), ("STATUS", 6), ("AGE", 4)),
            Golden.line(("default", 9), ("Active", 6), ("5d3h", 4)),
            Golden.line(("fate-9999", 9), ("Active", 6), ("2h", 4)),
        ], firstWidth: 9))
    }

    static let tenants = #"""
        {"msg":"getTenantList Success","data":[
          {"uuid":"7e2f9a3c-4d5e-4f60-8b12-c3d4e5f6a7b8","name":"team-a","ID":1,"CreatedAt":"2026-01-01T05:04:05Z","clusterQuota":5,"jobQuota":null},
          {"uuid":"8f3a0b4d-5e6f-4a71-9c23-d4e5f6a7b8c9","name":"default","ID":2,"CreatedAt":"2026-01-02T05:04:00Z","clusterQuota":null,"jobQuota":10}]}
        """#

    @Test func tenantListAndDescribe() throws {
        let tenants = try Golden.decode([TenantInfo].self, Self.tenants)
        #expect(ResourceFormatting.tenantList(tenants, now: Golden.now) == Golden.table([
            Golden.line(("UUID", 36), ("NAME", 7), ("CLUSTERQUOTA", 12), ("JOBQUOTA", 9), ("AGE", 3)),
            Golden.line(("7e2f9a3c-4d5e-4f60-8b12-c3d4e5f6a7b8", 36), ("team-a", 7), ("5", 12), ("unlimited", 9), ("24h", 3)),
            Golden.line(("8f3a0b4d-5e6f-4a71-9c23-d4e5f6a7b8c9", 36), ("default", 7), ("unlimited", 12), ("10", 9), ("5s", 3)),
        ], firstWidth: 36))
        #expect(ResourceFormatting.tenantDescribe(tenants[0], now: Golden.now) == Golden.table([
            Golden.line(("UUID", 12), ("7e2f9a3c-4d5e-4f60-8b12-c3d4e5f6a7b8", 36)),
            Golden.line(("Name", 12), ("team-a", 36)),
            Golden.line(("ClusterQuota", 12), ("5", 36)),
            Golden.line(("JobQuota", 12), ("unlimited", 36)),
            Golden.line(("Age", 12), ("24h", 36)),
        ], firstWidth: 12))
    }
}

@Suite struct MessageGoldenTests {
    @Test func kubefateMessagesComeFromTheServiceVerbatim() throws {
        for msg in ["deleteChart Success", "delete Job Success", "deleteUser Success"] {
            let answer = try JSONDecoder().decode(MessageEnvelope.self, from: Data(#"{"msg":"\#(msg)"}"#.utf8))
            #expect(Messages.fromService(answer) == msg + "\n")
        }
        #expect(Messages.chartUploaded == "Upload file Success\n")
    }

    @Test func versionLines() {
        #expect(Messages.cliVersion("v1.4.5") == "* kubefate commandLine version=v1.4.5\r\n")
        #expect(Messages.serviceVersion("v1.4.5") == "* kubefate service version=v1.4.5\r\n")
        #expect(Messages.serviceConnectionError("boom") == "* kubefate service connection error, boom\n")
    }

    @Test func tenancyMessages() throws {
        let tenant = try Golden.decode([TenantInfo].self, ResourceGoldenTests.tenants)[0]
        #expect(Messages.tenantCreated(tenant.uuid) == "create tenant Success, tenant id=7e2f9a3c-4d5e-4f60-8b12-c3d4e5f6a7b8\n")
        #expect(Messages.tenantDeleted("team-a") == "delete tenant Success, tenant team-a\n")
        #expect(Messages.quotaSet(tenant) == "set quota Success, tenant team-a: clusters 5, jobs unlimited\n")
        #expect(Messages.memberAdded("bob", role: "operator", tenant: "team-a") == "add member Success, bob is operator in tenant team-a\n")
        #expect(Messages.memberRemoved("bob", tenant: "team-a") == "remove member Success, bob left tenant team-a\n")
        #expect(Messages.namespaceGranted("fate-9999", tenant: "team-a") == "grant namespace Success, fate-9999 belongs to tenant team-a\n")
        #expect(Messages.namespaceRevoked("fate-9999") == "revoke namespace Success, fate-9999 belongs to no tenant\n")
        #expect(Messages.userCreated("u1") == "create user Success, user id=u1\n")
    }
}

@Suite struct StructuredOutputTests {
    @Test func jsonPrintsTheDataMemberWithSortedKeys() throws {
        let body = Array(#"{"msg":"getTenantList Success","data":[{"name":"a","uuid":"u","clusterQuota":null,"jobQuota":3}]}"#.utf8)
        #expect(try OutputFormat.json.render(answer: body) == """
            [
              {
                "clusterQuota": null,
                "jobQuota": 3,
                "name": "a",
                "uuid": "u"
              }
            ]

            """)
    }

    @Test func yamlPrintsTheDataMemberAsSigsYAML() throws {
        let body = Array(#"{"msg":"getCluster Success","data":{"uuid":"u","revision":1,"Spec":{"b":[1,2],"a":"x"},"DeletedAt":null}}"#.utf8)
        #expect(try OutputFormat.yaml.render(answer: body) == """
            DeletedAt: null
            Spec:
              a: x
              b:
              - 1
              - 2
            revision: 1
            uuid: u

            """)
    }

    @Test func aBodyThatIsNotJSONIsAClearError() {
        #expect(throws: CLIError.self) { try OutputFormat.json.render(answer: Array("<html>".utf8)) }
    }
}
