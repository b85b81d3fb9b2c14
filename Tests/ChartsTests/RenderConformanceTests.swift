import Foundation
import Testing
import KFCharts

/// Runs every case of `../shared/conformance/render/cases.tsv` in-process and byte-compares the
/// values step output and the `helm template` manifest with the goldens.
@Suite struct RenderConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var tag: String
        var package: String
        var cluster: URL
        var kubeVersion: String
        var expected: URL
        var testDescription: String { tag }
    }

    static let cases: [Case] = {
        let base = SharedDirectory.render
        guard let text = try? String(contentsOf: base.appendingPathComponent("cases.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> Case? in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4 else { return nil }
            let cluster = base.appendingPathComponent(f[2])
            let expected = f.count > 4 && !f[4].isEmpty ? base.appendingPathComponent(f[4]) : cluster.deletingLastPathComponent()
            return Case(tag: f[0], package: f[1], cluster: cluster,
                        kubeVersion: f[3] == "-" || f[3].isEmpty ? "v1.24.0" : f[3], expected: expected)
        }
    }()

    @Test func theCorpusHasAllCases() {
        #expect(Self.cases.count == 158)
    }

    @Test(arguments: cases)
    func rendersLikeKubeFATEAndHelm(_ c: Case) throws {
        let chart = try Chart.load(archive: SharedDirectory.bytes(SharedDirectory.charts.appendingPathComponent(c.package + ".tgz")))
        let spec = try ClusterSpec(yaml: String(decoding: SharedDirectory.bytes(c.cluster), as: UTF8.self))
        let errorFile = c.expected.appendingPathComponent("error.txt")
        if FileManager.default.fileExists(atPath: errorFile.path) {
            let golden = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            do {
                _ = try ChartRenderer.render(chart: chart, clusterSpec: spec, kubeVersion: c.kubeVersion)
                Issue.record("expected a failure like: \(golden)")
            } catch {
                #expect("\(error.stage): \(error.message)" == GoldenText.trimmed(golden))
            }
            return
        }
        let result = try ChartRenderer.render(chart: chart, clusterSpec: spec, kubeVersion: c.kubeVersion)
        let values = try String(decoding: SharedDirectory.bytes(c.expected.appendingPathComponent("values.yaml")), as: UTF8.self)
        let manifest = try String(decoding: SharedDirectory.bytes(c.expected.appendingPathComponent("manifest.yaml")), as: UTF8.self)
        #expect(GoldenText.firstDifference(result.valuesYAML, values) == nil, "values.yaml")
        #expect(GoldenText.firstDifference(result.helmTemplateOutput, manifest) == nil, "manifest.yaml")
    }
}

enum GoldenText {
    static func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    /// nil when byte-identical, else the first differing line of each.
    static func firstDifference(_ actual: String, _ expected: String) -> String? {
        if Array(actual.utf8) == Array(expected.utf8) { return nil }
        let a = actual.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let e = expected.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for i in 0..<max(a.count, e.count) {
            let la = i < a.count ? String(decoding: a[i], as: UTF8.self) : "<end>"
            let le = i < e.count ? String(decoding: e[i], as: UTF8.self) : "<end>"
            if la != le || (i < a.count && i < e.count && !a[i].elementsEqual(e[i])) {
                return "line \(i + 1): got \(la.debugDescription), expected \(le.debugDescription)"
            }
        }
        return "lengths differ (\(actual.utf8.count) vs \(expected.utf8.count) bytes)"
    }
}
