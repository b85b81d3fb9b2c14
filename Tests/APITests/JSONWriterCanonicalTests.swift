import Foundation
import KFDatabase
import KFModels
import Testing
@testable import API

/// Stored JSON text written without parsing equals the parsed document written (no services).
struct JSONWriterCanonicalTests {
    private func canonical(_ text: String) throws -> String {
        var writer = JSONWriter()
        try writer.canonicalJSON(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func parsed(_ text: String) throws -> String {
        var writer = JSONWriter()
        try writer.json(try JSONValue.parse(text))
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static let documents = [
        #"{"name":"fate-9999","partyId":9999,"chartName":"fate","simulate":{"components":[]},"Z":null,"a":true,"b":false}"#,
        #" { "z" : [ 1 , 2.50 , -0 , 0 , 1e2 , 1E+2 , -1.5e-7 , 0.1 ] , "y" : { "b" : { "d" : 1 , "c" : 2 } , "a" : [] } } "#,
        #"{"dup":1,"other":2,"dup":3}"#,
        #"{"b":1,"a":2,"b":{"x":1},"a":[3]}"#,
        #"{"path":"a\/b","esc":"quote \" backslash \\ tab \t nl \n cr \r ff \f bs \b","u":"\u00e9\u4e2d\ud83d\ude80\u0000\u001f"}"#,
        #"{"é":"accent","e":"plain","E":"upper","":"empty","10":"ten","9":"nine","_":"under"}"#,
        #"[12345678901234567890, 123456789012345, 1234567890123456, -123456789012345, 9007199254740993, 1e308, 5e-324]"#,
        #""just a string""#, "42", "-0", #""\ud800 lone""#, "null", "true", "[]", "{}", #"[{}, [], "", [[[]]]]"#,
        #"{"values":"name: x\npartyId: 9999\n","modules":["python","mysql"],"ingress":{"fateboard":{"hosts":[{"name":"a.example.com"}]}}}"#,
    ]

    @Test(arguments: documents)
    func storedTextIsWrittenAsItsParsedDocument(text: String) throws {
        #expect(try canonical(text) == (try parsed(text)))
    }

    @Test func textWrittenByJSONEncoderRoundTrips() throws {
        let document = try JSONValue.parse(Self.documents[0])
        for _ in 0..<5 {
            // JSONEncoder's key order differs per process and it escapes slashes by default.
            let stored = String(decoding: try JSONEncoder().encode(JSONValue.object(["url": .string("http://x/y"), "doc": document])), as: UTF8.self)
            #expect(try canonical(stored) == (try parsed(stored)))
        }
    }

    @Test func invalidOrUnwritableTextFailsLikeParsing() {
        for bad in [#"{"a":1"#, #"{"a" 1}"#, "[1,]", "01", "1.", "-", #""\x""#, "tru", "1 2", "1e999", ""] {
            #expect(throws: JSONWriter.Failure.self, "\(bad)") { try canonical(bad) }
        }
    }

    @Test func aListingWritesAsTheClusterWithItsParsedSpec() throws {
        let now = Timestamp(microseconds: 1_764_400_633_120_000)
        let spec = #"{"name":"fate-9999","partyId":9999,"url":"http:\/\/x\/y","modules":["python"]}"#
        var cluster = Cluster(uuid: "c1", name: "fate-9999", namespace: "fate-9999", chartName: "fate", chartVersion: "v1.11.2",
                              values: "name: fate-9999\n", status: .running, tenant: "t1", id: 7, createdAt: now, updatedAt: now)
        let listings = [ClusterListing(cluster: cluster, specJSON: spec), ClusterListing(cluster: cluster, specJSON: nil),
                        ClusterListing(cluster: cluster, specJSON: "")]
        var writer = JSONWriter()
        try writer.value(Envelope(data: listings, msg: "getClusterList Success"))
        var withSpec = cluster
        cluster.spec = nil
        withSpec.spec = try JSONValue.parse(spec)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(Envelope(data: [withSpec, cluster, cluster], msg: "getClusterList Success"))
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
