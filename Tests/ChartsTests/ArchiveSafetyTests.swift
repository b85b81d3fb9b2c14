import Testing
@testable import KFCharts

@Suite struct ArchiveSafetyTests {
    private func files(_ build: (inout TarBuilder) -> Void, limits: ArchiveLimits = .default) throws -> [String: [UInt8]] {
        var tar = TarBuilder()
        build(&tar)
        return try ChartArchive.files(fromTarGz: GzipBuilder.gzip(tar.archive), limits: limits)
    }

    private func refusal(_ build: (inout TarBuilder) -> Void, limits: ArchiveLimits = .default) -> ChartError? {
        do {
            _ = try files(build, limits: limits)
            return nil
        } catch let error as ChartError {
            return error
        } catch {
            return nil
        }
    }

    @Test func dropsTheChartRootDirectory() throws {
        let result = try files {
            $0.add("fate/", type: UInt8(ascii: "5"))
            $0.add("fate/Chart.yaml", Array("name: fate\n".utf8))
            $0.add("fate/templates/a.yaml", Array("a: 1\n".utf8))
        }
        #expect(result.keys.sorted() == ["Chart.yaml", "templates/a.yaml"])
        #expect(result["Chart.yaml"] == Array("name: fate\n".utf8))
    }

    @Test func splitsWindowsBackslashNames() throws {
        let result = try files {
            $0.add("fate\\Chart.yaml", Array("x".utf8))
            $0.add("fate\\templates\\x.yaml", Array("y".utf8))
        }
        #expect(result.keys.sorted() == ["Chart.yaml", "templates/x.yaml"])
    }

    @Test func readsGNULongNamesPaxPathsAndUstarPrefixes() throws {
        let long = "fate/templates/" + String(repeating: "d/", count: 60) + "x.yaml"
        let result = try files {
            $0.add("././@LongLink", Array((long + "\0").utf8), type: UInt8(ascii: "L"))
            $0.add(String(long.prefix(99)), Array("long".utf8))
            $0.pax(["path": "fate/templates/pax.yaml"])
            $0.add("ignored", Array("pax".utf8))
            $0.pax(["comment": "global"], global: true)
            $0.add("x.yaml", Array("prefixed".utf8), prefix: "fate/templates")
        }
        #expect(result[String(long.dropFirst(5))] == Array("long".utf8))
        #expect(result["templates/pax.yaml"] == Array("pax".utf8))
        #expect(result["templates/x.yaml"] == Array("prefixed".utf8))
    }

    @Test func stripsUTF8ByteOrderMark() throws {
        let result = try files { $0.add("c/values.yaml", [0xEF, 0xBB, 0xBF] + Array("a: 1".utf8)) }
        #expect(result["values.yaml"] == Array("a: 1".utf8))
    }

    @Test(arguments: ["fate/../../etc/passwd", "fate/templates/../../x", "fate\\..\\..\\x", "../x"])
    func refusesParentDirectoryReferences(name: String) {
        #expect(refusal { $0.add(name, [1]) }?.code == .unsafeArchive)
    }

    @Test(arguments: ["/etc/passwd", "\\fate\\x", "C:/fate/x", "fate/c:/x"])
    func refusesAbsoluteAndDrivePaths(name: String) {
        #expect(refusal { $0.add(name, [1]) }?.code == .unsafeArchive)
    }

    @Test func refusesSymlinksAndHardlinks() {
        #expect(refusal { $0.add("fate/link", type: UInt8(ascii: "2"), linkName: "/etc/passwd") }?.code == .unsafeArchive)
        #expect(refusal { $0.add("fate/hard", type: UInt8(ascii: "1"), linkName: "fate/Chart.yaml") }?.code == .unsafeArchive)
    }

    @Test func refusesTooManyEntries() {
        let limits = ArchiveLimits(maxEntries: 5)
        let error = refusal({ tar in
            for i in 0..<6 { tar.add("fate/f\(i)", [1]) }
        }, limits: limits)
        #expect(error?.code == .unsafeArchive)
        #expect(error?.message.contains("more than 5 entries") == true)
    }

    @Test func refusesTooManyEntriesAtTheDefaultLimit() {
        let error = refusal { tar in
            for i in 0...10_000 { tar.add("fate/d\(i)/", type: UInt8(ascii: "5")) }
        }
        #expect(error?.message.contains("more than 10000 entries") == true)
    }

    @Test func refusesAnEntryOverTheSizeLimitBeforeReadingIt() {
        // The header claims 6 MiB; the data is not even there.
        var tar = TarBuilder()
        tar.add("fate/big", [], size: 6 << 20)
        #expect(throws: ChartError.self) { try ChartArchive.files(fromTar: tar.archive) }
        do {
            _ = try ChartArchive.files(fromTar: tar.archive)
        } catch {
            #expect(error.code == .unsafeArchive)
        }
    }

    @Test func refusesArchivesUnpackingBeyondTheTotalLimit() {
        let limits = ArchiveLimits(maxEntries: 100, maxEntrySize: 1 << 20, maxTotalSize: 3 << 20)
        let error = refusal({ tar in
            for i in 0..<4 { tar.add("fate/f\(i)", [UInt8](repeating: 7, count: 1 << 20)) }
        }, limits: limits)
        #expect(error?.code == .unsafeArchive)
    }

    @Test func refusesGzipBombsWhileInflating() {
        let limits = ArchiveLimits(maxEntries: 10, maxEntrySize: 1 << 20, maxTotalSize: 1 << 20)
        let huge = GzipBuilder.gzip([UInt8](repeating: 0x41, count: limits.maxTarStreamSize + 1))
        #expect(throws: ChartError.self) { try ChartArchive.files(fromTarGz: huge, limits: limits) }
    }

    @Test func reportsCorruptAndEmptyArchives() {
        #expect(throws: ChartError(.invalidArchive, "file does not appear to be a gzipped archive")) {
            try ChartArchive.files(fromTarGz: Array("not gzip".utf8))
        }
        #expect(throws: ChartError(.invalidArchive, "no files in chart archive")) {
            try ChartArchive.files(fromTar: [UInt8](repeating: 0, count: 1024))
        }
        var tar = TarBuilder()
        tar.add("fate/Chart.yaml", Array("x".utf8))
        var broken = tar.archive
        broken[150] = UInt8(ascii: "7")
        #expect(throws: ChartError.self) { try ChartArchive.files(fromTar: broken) }
        let truncated = Array(GzipBuilder.gzip(tar.archive).dropLast(20))
        #expect(throws: ChartError.self) { try ChartArchive.files(fromTarGz: truncated) }
    }

    @Test func refusesChartYAMLOutsideAChartDirectory() {
        #expect(refusal { $0.add("Chart.yaml", [1]) }?.code == .invalidChart)
    }
}
