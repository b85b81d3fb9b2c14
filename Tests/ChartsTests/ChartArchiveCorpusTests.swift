import Foundation
import Testing
@testable import KFCharts

@Suite struct ChartArchiveCorpusTests {
    static let packages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SharedDirectory.charts.path)) ?? []
        return names.filter { $0.hasSuffix(".tgz") }.sorted()
    }()

    @Test func theCorpusHasAllSixtyPackages() {
        #expect(Self.packages.count == 60)
    }

    @Test(arguments: packages)
    func everyPublishedPackageUnpacks(package: String) throws {
        let files = try ChartArchive.files(fromTarGz: SharedDirectory.bytes(SharedDirectory.charts.appendingPathComponent(package)))
        #expect(files["Chart.yaml"] != nil)
        #expect(files.keys.contains { $0.hasPrefix("templates/") })
        #expect(!files.keys.contains { $0.contains("\\") || $0.hasPrefix("/") })
    }
}
