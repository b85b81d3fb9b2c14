import Foundation
import Testing
import KFModels

/// Encodes `value` and parses it back as a JSON object.
func jsonObject(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

@Suite struct JSONShapeTests {
    static let args = ClusterArgs(name: "fate-9999", namespace: "fate-9999", chartName: "fate", chartVersion: "v1.11.2",
                                  data: Array("{\"algorithm\":\"Basic\"}".utf8))

    static func job(method: JobMethod = .clusterInstall, args: ClusterArgs? = args) -> Job {
        Job(uuid: "d92d7a56-0000-4000-8000-000000000001", startTime: Timestamp(rfc3339: "2022-04-12T07:34:09.123Z")!,
            method: method, clusterID: "24bb75ff-0000-4000-8000-000000000002", creator: "admin", metadata: args, id: 7,
            createdAt: Timestamp(rfc3339: "2022-04-12T07:34:09.123Z")!, updatedAt: Timestamp(rfc3339: "2022-04-12T07:34:09.123Z")!)
    }

    @Test func newJobEncodesLikeKubefatesPendingJob() throws {
        let o = try jsonObject(Self.job())
        #expect(Set(o.keys) == ["uuid", "start_time", "end_time", "method", "cluster_id", "creator", "sub_jobs", "status",
                                "time_limit", "meta_data", "states", "attempt", "reason", "tenant", "lease_owner",
                                "lease_until", "ID", "CreatedAt", "UpdatedAt", "DeletedAt"])
        #expect(o["status"] as? String == "Pending")
        #expect(o["method"] as? String == "ClusterInstall")
        #expect(o["start_time"] as? String == "2022-04-12T07:34:09.123Z")
        #expect(o["end_time"] as? String == "0001-01-01T00:00:00Z")
        #expect(o["time_limit"] as? Int64 == 3_600_000_000_000)
        #expect(o["sub_jobs"] is NSNull)
        #expect(o["states"] is NSNull)
        #expect(o["DeletedAt"] is NSNull)
        #expect(o["ID"] as? Int == 7)
        #expect(o["attempt"] as? Int == 0)
        let meta = try #require(o["meta_data"] as? [String: Any])
        #expect(Set(meta.keys) == ["name", "namespace", "chart_name", "chart_version", "cover", "data", "Keep_upgrade_job"])
        #expect(meta["data"] as? String == "eyJhbGdvcml0aG0iOiJCYXNpYyJ9")
        #expect(meta["Keep_upgrade_job"] as? Bool == false)
    }

    @Test func deleteJobHasNullMetadata() throws {
        #expect(try jsonObject(Self.job(method: .clusterDelete, args: nil))["meta_data"] is NSNull)
    }

    @Test func finishedJobWithSubJobsRoundTrips() throws {
        var job = Self.job()
        job.status = .success
        job.endTime = Timestamp(rfc3339: "2022-04-12T07:48:14.456Z")!
        job.states = ["update job status to Running", "job run Success"]
        job.subJobs = ["python": SubJob(moduleName: "python", status: .success, modulesStatus: .available, podStatus: "Running",
                                        startTime: job.startTime, endTime: Timestamp(rfc3339: "2022-04-12T07:48:14.001Z")!)]
        job.attempt = 1
        let o = try jsonObject(job)
        let python = try #require((o["sub_jobs"] as? [String: Any])?["python"] as? [String: Any])
        #expect(Set(python.keys) == ["ModuleName", "Status", "ModulesStatus", "PodStatus", "Reason", "StartTime", "EndTime", "Duration"])
        #expect(python["Status"] as? String == "Success" && python["ModulesStatus"] as? String == "Available")
        #expect(python["EndTime"] as? String == "2022-04-12T07:48:14.001Z")
        #expect(python["Duration"] as? Int64 == 844_878_000_000)
        #expect(o["states"] as? [String] == job.states)
        #expect(try decode(Job.self, String(decoding: try JSONEncoder().encode(job), as: UTF8.self)) == job)
    }

    @Test func kubefatesOwnJobJSONDecodes() throws {
        let json = """
        {"uuid":"d92d7a56-x","start_time":"2022-04-12T07:34:09.123Z","end_time":"2022-04-12T07:48:14.456Z",
         "method":"ClusterInstall","cluster_id":"24bb75ff-x","creator":"admin",
         "sub_jobs":{"python":{"ModuleName":"python","Status":"Success","ModulesStatus":"Available",
                               "StartTime":"2022-04-12T07:34:09.123Z","EndTime":"2022-04-12T07:48:14.001Z"}},
         "status":"Success","time_limit":3600000000000,
         "meta_data":{"name":"fate-9999","namespace":"fate-9999","chart_name":"fate","chart_version":"v1.11.2",
                      "cover":false,"data":"eyJhbGdvcml0aG0iOiJCYXNpYyJ9","Keep_upgrade_job":false},
         "states":["update job status to Running","job run Success"],
         "ID":7,"CreatedAt":"2022-04-12T15:34:09.1234567+08:00","UpdatedAt":"2022-04-12T07:48:14Z","DeletedAt":null}
        """
        let job = try decode(Job.self, json)
        #expect(job.status == .success && job.method == .clusterInstall && job.timeLimit == .seconds(3600))
        #expect(job.metadata == Self.args)
        #expect(job.subJobs["python"]?.modulesStatus == .available && job.subJobs["python"]?.podStatus == "")
        #expect(job.createdAt == Timestamp(rfc3339: "2022-04-12T07:34:09.123456Z"))
        #expect(job.attempt == 0 && job.reason == nil && job.id == 7)
    }

    @Test func clusterUsesThePluralNamespacesKeyAndOmitsEmptySpecAndInfo() throws {
        let t = Timestamp(rfc3339: "2022-04-12T07:34:09Z")!
        var cluster = Cluster(uuid: "24bb75ff-x", name: "fate-9999", namespace: "fate-9999", chartName: "fate", chartVersion: "v1.11.2",
                              values: "{\"chartName\":\"fate\"}", revision: 1, status: .running, id: 3, createdAt: t, updatedAt: t)
        var o = try jsonObject(cluster)
        #expect(Set(o.keys) == ["uuid", "name", "namespaces", "chart_name", "chart_version", "values", "revision", "helm_revision",
                                "chart_values", "status", "tenant", "ID", "CreatedAt", "UpdatedAt", "DeletedAt"])
        #expect(o["namespaces"] as? String == "fate-9999" && o["status"] as? String == "Running")
        #expect(o["chart_values"] is NSNull)
        cluster.spec = .object(["chartName": .string("fate"), "partyId": .number(9999)])
        cluster.info = .object(["ip": .string("192.168.9.1")])
        o = try jsonObject(cluster)
        #expect((o["Spec"] as? [String: Any])?["partyId"] as? Double == 9999)
        #expect((o["Info"] as? [String: Any])?["ip"] as? String == "192.168.9.1")
        #expect(try decode(Cluster.self, String(decoding: try JSONEncoder().encode(cluster), as: UTF8.self)) == cluster)
    }

    @Test func userNeverEncodesAPasswordOrSalt() throws {
        let t = Timestamp(rfc3339: "2022-04-12T07:34:09Z")!
        let user = User(uuid: "5b0c-x", username: "admin", status: .deprecate, id: 1, createdAt: t, updatedAt: t)
        let o = try jsonObject(user)
        #expect(Set(o.keys) == ["uuid", "username", "userStatus", "admin", "ID", "CreatedAt", "UpdatedAt", "DeletedAt"])
        #expect(o["userStatus"] as? String == "Deprecate")
        var withEmail = user
        withEmail.email = "a@example.com"
        #expect(try jsonObject(withEmail)["email"] as? String == "a@example.com")
        // A login body decodes into a User without failing on the password (which is ignored).
        let login = try decode(User.self, #"{"username":"admin","password":"admin"}"#)
        #expect(login.username == "admin")
    }

    @Test func clusterArgsDecodeKeysCaseInsensitivelyLikeGo() throws {
        let args = try decode(ClusterArgs.self, """
            {"NAME":"fate-9999","namespace":"fate-9999","Chart_Name":"fate","chart_version":"v1.11.2",
             "cover":true,"data":"eyJhbGdvcml0aG0iOiJCYXNpYyJ9","keep_upgrade_job":true}
            """)
        #expect(args.name == "fate-9999" && args.chartName == "fate" && args.cover && args.keepUpgradeJob)
        #expect(args.dataText == "{\"algorithm\":\"Basic\"}")
        let empty = try decode(ClusterArgs.self, "{}")
        #expect(empty == ClusterArgs(name: "", namespace: "", chartName: "", chartVersion: ""))
    }

    @Test func clusterArgsWithNonBase64DataNameTheField() throws {
        do {
            _ = try decode(ClusterArgs.self, #"{"data":"not base64!"}"#)
            Issue.record("decoded invalid base64")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.last?.stringValue == "data")
        }
        #expect(throws: DecodingError.self) { try decode(ClusterArgs.self, #"{"data":{"a":1}}"#) }
    }

    @Test func enumsUseKubefatesCodesAndNames() throws {
        #expect(JobStatus.allCases.map(\.rawValue) == Array(1...8))
        #expect(JobStatus.allCases.map(\.name) == ["Pending", "Running", "Success", "Failed", "Rollback", "Timeout", "Stopping", "Canceled"])
        #expect(ClusterStatus.allCases.map(\.rawValue) == Array(1...10))
        #expect(ClusterStatus.allCases.map(\.name) == ["Pending", "Creating", "Deleting", "Updating", "Running", "Unavailable",
                                                       "Deleted", "Rollback", "Failed", "Unknown"])
        #expect(UserStatus.allCases.map(\.name) == ["Deprecate", "Available"])
        #expect(JobMethod.allCases.map(\.rawValue) == ["ClusterInstall", "ClusterUpdate", "ClusterDelete"])
        #expect(try decode([JobStatus].self, #"["Stopping"]"#) == [.stopping])
        #expect(throws: DecodingError.self) { try decode([JobStatus].self, #"["running"]"#) }
        #expect(throws: DecodingError.self) { try decode([ClusterStatus].self, #"[""]"#) }
    }

    @Test func rolesAreOrdered() {
        #expect(Role.viewer < .operator && Role.operator < .admin)
        #expect(Role.admin.allows(.viewer) && !Role.viewer.allows(.operator))
        #expect(Role(rawValue: "operator") == .operator)
    }

    @Test func kubefateErrorNamesItsContext() {
        let e = KubefateError.clusterBusy(cluster: "c1", job: "j1")
        #expect(e.code == .conflict && e[.job] == "j1" && e[.cluster] == "c1")
        #expect(e.description == "conflict: cluster c1 already has an active job j1 (cluster=c1, job=j1)")
        #expect(KubefateError.invalid("data", "not base64")[.field] == "data")
        #expect(KubefateError(.unavailable, "db down").isRetryable && !e.isRetryable)
    }

    @Test func outboxMessageAndJSONValueRoundTrip() throws {
        let v = JSONValue.object(["a": .array([.null, .bool(true), .number(1.5), .string("x")])])
        #expect(try decode(JSONValue.self, String(decoding: try JSONEncoder().encode(v), as: UTF8.self)) == v)
        #expect(v["a"] != nil && v["b"] == nil)
        let m = OutboxMessage(id: 5, jobID: "j")
        #expect(try JSONDecoder().decode(OutboxMessage.self, from: JSONEncoder().encode(m)) == m)
    }
}
