import Foundation
import Testing
@testable import CLI

@Suite struct LogFollowerTests {
    @Test func eachLineIsPrintedOnceAcrossOverlappingPolls() {
        var follower = LogFollower(showTimestamps: false)
        let first = "2026-01-02T03:04:05.100000000Z a\n2026-01-02T03:04:05.200000000Z b\n"
        #expect(follower.take(first) == "a\nb\n")
        #expect(follower.sinceTime == "2026-01-02T03:04:05Z")
        // The next poll starts at the second: b comes again, then new lines.
        #expect(follower.take("2026-01-02T03:04:05.200000000Z b\n2026-01-02T03:04:05.200000000Z b2\n2026-01-02T03:04:07Z c\n") == "b2\nc\n")
        #expect(follower.sinceTime == "2026-01-02T03:04:07Z")
        #expect(follower.take("2026-01-02T03:04:07Z c\n").isEmpty)
    }

    @Test func streamPrefixesStayAndTimestampsShowOnlyWhenAsked() {
        var plain = LogFollower(showTimestamps: false)
        #expect(plain.take("[pod-0 python] 2026-01-02T03:04:05Z started\n") == "[pod-0 python] started\n")
        var stamped = LogFollower(showTimestamps: true)
        #expect(stamped.take("[pod-0 python] 2026-01-02T03:04:05Z started\n") == "[pod-0 python] 2026-01-02T03:04:05Z started\n")
    }

    @Test func linesWithoutATimeArePrintedAsTheyCome() {
        var follower = LogFollower(showTimestamps: false)
        #expect(follower.take("no time here\n") == "no time here\n")
        #expect(follower.sinceTime == nil)
    }

    @Test func followQueriesResumeFromTheNewestSecond() throws {
        let command = try ClusterLogsCommand.parse(["24bb75ff", "--since", "5m", "--tail", "10", "-f"])
        #expect(try command.query(forceTimestamps: true) == "container=&since=300&timestamps=true&tail=10")
        #expect(try command.query(sinceTime: "2026-01-02T03:04:05Z", forceTimestamps: true)
                == "container=&since-time=2026-01-02T03%3A04%3A05Z&timestamps=true")
    }
}

@Suite struct TenantRequestTests {
    @Test func setQuotaSendsOnlyTheGivenQuotasNullMeaningUnlimited() throws {
        let body = TenantSetQuotaCommand.Body(clusterQuota: .limit(5), jobQuota: nil)
        #expect(String(decoding: KubefateClient.encode(body), as: UTF8.self) == #"{"clusterQuota":5}"#)
        let unlimited = TenantSetQuotaCommand.Body(clusterQuota: nil, jobQuota: .unlimited)
        #expect(String(decoding: KubefateClient.encode(unlimited), as: UTF8.self) == #"{"jobQuota":null}"#)
    }
}
