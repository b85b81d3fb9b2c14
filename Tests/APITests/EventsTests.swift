import Hummingbird
import KFModels
import Testing
@testable import API

/// The SSE framing of job events (no services).
struct EventsTests {
    @Test func eventsAreNamedWithOneDataLineAndABlankLine() {
        let buffer = JobEventStream.event("job", #"{"status":"Running"}"#)
        #expect(String(buffer: buffer) == "event: job\ndata: {\"status\":\"Running\"}\n\n")
    }

    @Test func jobJSONIsOneLineSoItFitsADataField() throws {
        let job = Job(uuid: "j", startTime: .now(), method: .clusterInstall, clusterID: "c", creator: "admin", status: .running,
                      metadata: nil, states: ["a\nb"], createdAt: .now(), updatedAt: .now())
        let text = try JobEventStream.encode(job)
        #expect(!text.contains("\n"))
        #expect(text.contains(#""status":"Running""#))
    }
}
