import Foundation
import Testing
import KFKube
@testable import KFDeploy

/// Records as Helm 4 writes them, and what Go's decoder needs from ours.
@Suite struct HelmInteropRecordTests {
    /// A Helm 4 record body: no `deleted`/`notes`, chart fields we do not model, nulls for empty values.
    private let helm4 = """
    {"name":"theirs","info":{"first_deployed":"2026-11-29T16:11:43.687800738Z","last_deployed":"2026-11-29T16:11:43.687800738Z",
     "description":"Install complete","status":"deployed"},
     "chart":{"metadata":{"name":"fate-exchange","version":"v1.11.2","apiVersion":"v1"},"lock":null,
              "templates":[{"name":"templates/a.yaml","modtime":"2023-07-04T02:37:13Z","data":"a2luZDogQ29uZmlnTWFw"}],
              "values":null,"schema":null,"schemamodtime":"0001-01-01T00:00:00Z","files":null,"modtime":"2023-07-04T02:37:13Z"},
     "config":{"partyName":"theirs"},"manifest":"---\\n","version":1,"namespace":"ns","apply_method":"csa","labels":{"team":"a"}}
    """

    @Test func helm4RecordsDecodeAndKeepTheFieldsWeDoNotModel() throws {
        let release = try JSONDecoder().decode(HelmRelease.self, from: Data(helm4.utf8))
        #expect(release.info.deleted == "")
        #expect(release.info.status == .deployed)
        #expect(release.chart.values == .null)
        #expect(release.chart.extra["modtime"]?.string == "2023-07-04T02:37:13Z")
        #expect(release.chart.templates.first?.extra["modtime"]?.string == "2023-07-04T02:37:13Z")
        #expect(release.extra["labels"]?["team"]?.string == "a")

        var superseded = release
        superseded.info.status = .superseded
        let reread = try KubeJSON.decode(Array(try JSONEncoder().encode(superseded)))
        #expect(reread[path: "info", "status"]?.string == "superseded")
        #expect(reread[path: "chart", "schemamodtime"]?.string == "0001-01-01T00:00:00Z")
        #expect(reread[path: "labels", "team"]?.string == "a")
        #expect(reread["apply_method"]?.string == "csa")
    }

    @Test func unsetTimesAreWrittenAsGoZeroTimeNeverEmpty() throws {
        let info = HelmRelease.Info(firstDeployed: "2026-11-29T10:00:00Z", lastDeployed: "2026-11-29T10:00:00Z", deleted: "",
                                    description: "Install complete", status: .deployed, notes: "")
        let json = try KubeJSON.decode(Array(try JSONEncoder().encode(info)))
        #expect(json["deleted"]?.string == HelmReleaseRecord.zeroTime)
        #expect(json["notes"] == nil)
    }

    @Test func recordsWithoutANameAreRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(HelmRelease.self, from: Data(#"{"version":1,"info":{"status":"deployed"}}"#.utf8))
        }
    }
}
