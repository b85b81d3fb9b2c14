import KFCharts
import KFTemplate
import Testing
@testable import API

/// The unified diff and the spec key check of dry runs and installs (no services).
struct DryRunTests {
    @Test func equalTextsHaveAnEmptyDiff() {
        #expect(UnifiedDiff(oldName: "a", newName: "b").diff("x\ny\n", "x\ny\n") == "")
    }

    @Test func diffShowsChangedLinesWithThreeLinesOfContextInUnifiedFormat() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...10).map { "line \($0)" }
        lines[4] = "line five"
        lines.append("line 11")
        let new = lines.joined(separator: "\n") + "\n"
        let diff = UnifiedDiff(oldName: "old", newName: "new").diff(old, new)
        // The two changes are 5 unchanged lines apart (at most 2 × 3): one hunk, as diff -u.
        #expect(diff == """
            --- old
            +++ new
            @@ -2,9 +2,10 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
             line 9
             line 10
            +line 11

            """, "\(diff)")
    }

    @Test func diffAgainstNothingAddsEveryLine() {
        let diff = UnifiedDiff(oldName: "none", newName: "new").diff("", "a\nb\n")
        #expect(diff == "--- none\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n")
    }

    private static let example = """
        name: demo
        chartName: demo
        rollsite:
          nodePort: 30091
          partyList:
            - partyId: 9999
              partyIp: 1.2.3.4
        labels: {}

        """

    private static func check(_ spec: String) throws -> [String] {
        let keyCheck = try SpecKeyCheck(exampleYAML: example, valuesTemplate: "tls: {{ .rollsite.enableTLS }}\n{{ with .nodeSelector }}x{{ end }}",
                                        extraKeys: ["simulate"])
        return keyCheck.violations(try ClusterSpec(yaml: spec).value).map(\.description)
    }

    @Test func specKeysMustAppearInTheExampleOrTheValuesTemplate() throws {
        #expect(try Self.check("name: x\nrollsite:\n  nodePort: 1\n  enableTLS: true\nnodeSelector:\n  a: b\nsimulate: {}\n") == [])
        #expect(try Self.check("name: x\nrollsit: {}\n") == ["rollsit: unknown key: not in the chart's values-template-example.yaml and not read by its values-template.yaml"])
        #expect(try Self.check("rollsite:\n  partyList:\n    - partyId: 1\n      partyIP: x\n").first?.hasPrefix("rollsite.partyList[0].partyIP: unknown key") == true)
        #expect(try Self.check("labels:\n  anything: goes\n") == [])
    }

    @Test func specValuesMustHaveTheExamplesShape() throws {
        #expect(try Self.check("rollsite: 3\n") == ["rollsite: must be a mapping (as in the chart's values-template-example.yaml), got a single value"])
        #expect(try Self.check("rollsite:\n  partyList: {}\n") == ["rollsite.partyList: must be a list (as in the chart's values-template-example.yaml), got a mapping"])
        #expect(try Self.check("rollsite:\n  nodePort: [1]\n") == ["rollsite.nodePort: must be a single value (as in the chart's values-template-example.yaml), got a list"])
    }

    @Test func templateFieldNamesAreTheIdentifiersAfterDotsInActions() {
        #expect(SpecKeyCheck.fieldNames(in: "a: {{ .x.y }} .outside {{- if .z }}{{ 1.5 }}{{ $v.w }}{{ end }}") == ["x", "y", "z", "w"])
    }
}
