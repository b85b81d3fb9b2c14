import Foundation
import Testing
@testable import KFCharts

@Suite struct ChartDirectoryTests {
    private func makeChart(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kfcharts-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func loadsAnUnpackedChartSkippingHiddenTemplates() throws {
        let root = try makeChart([
            "Chart.yaml": "apiVersion: v1\nname: fate\nversion: v1.0.0\n",
            "values-template.yaml": "a: 1\n",
            "templates/a.yaml": "kind: A\n",
            "templates/.hidden.yaml": "kind: B\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try Chart.directoryFiles(root.path, limits: .default)
        #expect(files.keys.sorted() == ["Chart.yaml", "templates/a.yaml", "values-template.yaml"])
    }

    @Test func refusesSymbolicLinks() throws {
        let root = try makeChart(["Chart.yaml": "apiVersion: v1\nname: fate\nversion: v1.0.0\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("templates").path, withDestinationPath: "/etc")
        #expect(throws: ChartError.self) { try Chart.directoryFiles(root.path, limits: .default) }
    }

    @Test func refusesOversizedFiles() throws {
        let root = try makeChart(["Chart.yaml": String(repeating: "#", count: 2048)])
        defer { try? FileManager.default.removeItem(at: root) }
        let limits = ArchiveLimits(maxEntries: 10, maxEntrySize: 1024, maxTotalSize: 4096)
        #expect(throws: ChartError.self) { try Chart.directoryFiles(root.path, limits: limits) }
    }

    @Test func reportsAMissingPath() {
        #expect(throws: ChartError(.io, "path \"/nonexistent/chart\" not found")) { try Chart.load(path: "/nonexistent/chart") }
    }
}
