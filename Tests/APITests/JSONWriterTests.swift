import Foundation
import KFModels
import Testing
@testable import API

/// `JSONWriter` writes exactly what `JSONResponse.make` (Foundation's `JSONEncoder`, sorted keys,
/// slashes unescaped) writes for the same values (no services).
struct JSONWriterTests {
    private func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func written(_ body: (inout JSONWriter) throws -> Void) rethrows -> String {
        var writer = JSONWriter()
        try body(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func written(_ value: some JSONWritable) throws -> String {
        try written { try $0.value(value) }
    }

    @Test func controlCharactersQuotesAndBackslashesAreEscapedLikeJSONEncoder() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        for text in [controls, "say \"hi\"", #"C:\path\"#, "a/b", "tab\tnew\nline\r", "\u{7F}del", ""] {
            #expect(written { $0.string(text) } == (try encoded(text)), "\(text.debugDescription)")
        }
        #expect(written { $0.string("\u{0}\u{1F}\"\\\u{8}\u{C}") } == #""\u0000\u001f\"\\\b\f""#)
    }

    @Test func nonASCIITextIsWrittenVerbatimAsUTF8() throws {
        for text in ["café", "联邦学习", "emoji 🚀 and é\u{301}", "\u{2028}\u{2029}"] {
            let out = written { $0.string(text) }
            #expect(out == (try encoded(text)))
            #expect(out == "\"\(text)\"")
        }
    }

    @Test func doublesPrintAsJSONEncoderPrintsThem() throws {
        let values: [Double] = [0, -0.0, 1, -1, 0.1, 1.5, -2.5e-10, 9999, 123_456_789.125, 1e15 - 1, 1e15, 1e16, 1e21,
                                1e-7, 9_007_199_254_740_992, 4_503_599_627_370_497.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1.0 / 3]
        for value in values {
            #expect(try written { try $0.double(value) } == (try encoded(value)), "\(value)")
        }
        #expect(throws: JSONWriter.Failure.self) { try written { try $0.double(.nan) } }
        #expect(throws: JSONWriter.Failure.self) { try written { try $0.double(-.infinity) } }
    }

    @Test func integersIncludingTheExtremesPrintInDecimal() throws {
        for value: Int64 in [0, 7, -7, 10, 1_000_000, .max, .min] {
            #expect(written { $0.int(value) } == (try encoded(value)))
        }
    }

    @Test func bytesAreStandardBase64WithPadding() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<12 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            #expect(written { $0.base64(bytes) } == "\"\(Data(bytes).base64EncodedString())\"")
        }
        #expect(written { $0.base64(Array("name: x\n".utf8)) } == #""bmFtZTogeAo=""#)
    }

    @Test func timestampsMatchTheirRFC3339Encoding() throws {
        let times = [Timestamp.zero, Timestamp(microseconds: 0), Timestamp(microseconds: 1_764_400_633_120_000),
                     Timestamp(microseconds: 1_764_400_633_000_001), Timestamp(microseconds: 1_764_400_633_100_000), .now()]
        for time in times {
            #expect(written { $0.timestamp(time) } == (try encoded(time)), "\(time.microseconds)")
        }
        #expect(written { $0.timestamp(Timestamp?.none) } == "null")
    }

    @Test func freeFormDocumentsSortKeysByUTF8Bytes() throws {
        let document = try JSONValue.parse("""
            {"zeta": 1, "Alpha": [true, false, null, "x\\ny"], "alpha": {"b": 2.5, "B": -0.0, "a10": 1, "a9": 1e21},
             "é": "accent", "e": "plain", "_": {}, "": [], "10": "ten", "9": "nine"}
            """)
        #expect(try written { try $0.json(document) } == (try encoded(document)))
    }

    static func sampleJob(full: Bool) -> Job {
        let start = Timestamp(microseconds: 1_764_400_633_120_500)
        guard full else {
            return Job(uuid: "6b2d0f5c-1111-4c1e-9d5e-000000000001", startTime: start, method: .clusterDelete,
                       clusterID: "c1", creator: "admin", metadata: nil, createdAt: start, updatedAt: start)
        }
        let sub = { (name: String, end: Timestamp) in
            SubJob(moduleName: name, status: end.isZero ? .running : .success, modulesStatus: end.isZero ? .progressing : .available,
                   podStatus: "Running", reason: end.isZero ? "waiting for \"rollout\"\n" : "", startTime: start, endTime: end)
        }
        return Job(uuid: "6b2d0f5c-1111-4c1e-9d5e-000000000002", startTime: start, endTime: start.adding(.seconds(90)),
                   method: .clusterInstall, clusterID: "c2", creator: "opérateur",
                   subJobs: ["python": sub("python", start.adding(.milliseconds(1500))), "Nginx": sub("Nginx", .zero),
                             "mysql": sub("mysql", start.adding(.seconds(3)))],
                   status: .running, timeLimit: .seconds(3600),
                   metadata: ClusterArgs(name: "fate-9999", namespace: "fate-9999", chartName: "fate", chartVersion: "v1.11.2",
                                         cover: true, data: Array("name: fate-9999\npartyId: 9999\n".utf8), keepUpgradeJob: true),
                   states: ["Pending", "Running: claimed by w/1"], attempt: 2, reason: "tab\there", tenant: "t1",
                   leaseOwner: "worker-1", leaseUntil: start.adding(.seconds(30)), id: 42, createdAt: start,
                   updatedAt: start.adding(.microseconds(7)), deletedAt: start.adding(.seconds(100)))
    }

    @Test func jobsAndTheirEnvelopesMatchJSONEncoder() throws {
        for full in [false, true] {
            let job = Self.sampleJob(full: full)
            #expect(try written(job) == (try encoded(job)))
            let envelope = Envelope(data: job, msg: "getJob Success")
            #expect(try written(envelope) == (try encoded(envelope)))
            let list = Envelope(data: [job, Self.sampleJob(full: !full)], msg: "getJobList Success")
            #expect(try written(list) == (try encoded(list)))
        }
        #expect(try written(Envelope(data: [Job](), msg: "empty")) == (try encoded(Envelope(data: [Job](), msg: "empty"))))
    }

    @Test func clustersWithAndWithoutSpecAndInfoMatchJSONEncoder() throws {
        let now = Timestamp(microseconds: 1_764_400_633_120_000)
        var cluster = Cluster(uuid: "c1", name: "fate-9999", namespace: "fate-9999", chartName: "fate", chartVersion: "v1.11.2",
                              values: "name: fate-9999\npartyId: 9999\nurl: http://x/y\n", createdAt: now, updatedAt: now)
        #expect(try written(cluster) == (try encoded(cluster)))
        cluster.spec = try JSONValue.parse(#"{"name": "fate-9999", "partyId": 9999, "modules": ["python", "mysql"], "Z": null}"#)
        cluster.info = try JSONValue.parse(#"{"modules": {"python": {"status": "Running"}}, "dashboard": ["a.example.com"]}"#)
        cluster.tenant = "t1"
        cluster.status = .running
        cluster.revision = 3
        cluster.helmRevision = 2
        cluster.id = 1000
        cluster.deletedAt = now.adding(.seconds(1))
        #expect(try written(cluster) == (try encoded(cluster)))
        let page = Envelope(data: [cluster, cluster], msg: "getClusterList Success")
        #expect(try written(page) == (try encoded(page)))
    }
}
