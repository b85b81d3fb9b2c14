import Testing
import KFTemplate
@testable import KFCharts

@Suite struct CoalesceTests {
    private func map(_ entries: [String: Value]) -> GoMap { GoMap(entries) }

    private var chartDefaults: GoMap {
        map([
            "a": .float64(1),
            "b": .map(["c": .float64(2), "d": .float64(3)]),
            "l": .list([.float64(1), .float64(2)]),
            "keep": .string("k"),
            "del": .string("gone"),
            "nested": .map(["x": .map(["w": .float64(1), "z": .float64(2)])]),
            "scalar": .string("s"),
            "table": .map(["t": .float64(1)]),
        ])
    }

    @Test func userValuesWinAndMapsMergeRecursively() {
        let user = map(["b": .map(["c": .float64(20)]), "nested": .map(["x": .map(["z": .float64(3)])])])
        let result = Coalesce.values(user, over: chartDefaults)
        guard case .map(let b)? = result["b"], case .map(let nested)? = result["nested"],
              case .map(let x)? = nested["x"] else { Issue.record("maps expected"); return }
        #expect(b["c"].flatMap(double) == 20)
        #expect(b["d"].flatMap(double) == 3)
        #expect(x["w"].flatMap(double) == 1)
        #expect(x["z"].flatMap(double) == 3)
        #expect(result["keep"].flatMap(string) == "k")
    }

    @Test func listsAndScalarsReplaceWholesale() {
        let user = map(["l": .list([.float64(9)]), "a": .string("one")])
        let result = Coalesce.values(user, over: chartDefaults)
        guard case .list(let l)? = result["l"] else { Issue.record("list expected"); return }
        #expect(l.count == 1)
        #expect(result["a"].flatMap(string) == "one")
    }

    @Test func userNullDeletesChartKeysAtAnyDepthButSurvivesForUnknownKeys() {
        let user = map(["del": .null, "b": .map(["d": .null, "new": .null]), "fresh": .null])
        let result = Coalesce.values(user, over: chartDefaults)
        #expect(result["del"] == nil)
        guard case .map(let b)? = result["b"] else { Issue.record("map expected"); return }
        #expect(b["d"] == nil)
        #expect(b["c"].flatMap(double) == 2)
        if case .null? = b["new"] {} else { Issue.record("nested unknown null kept") }
        if case .null? = result["fresh"] {} else { Issue.record("top-level unknown null kept") }
    }

    @Test func chartNullsStayWhenTheUserDoesNotSetTheKey() {
        let result = Coalesce.values(map(["x": .float64(1)]), over: map(["x": .null, "w": .null]))
        if case .null? = result["w"] {} else { Issue.record("w should stay null") }
        #expect(result["x"].flatMap(double) == 1)
    }

    @Test func tableAgainstScalarKeepsTheUserSideAndWarns() {
        var warnings: [String] = []
        let user = map(["scalar": .map(["now": .string("table")]), "table": .string("flat")])
        let result = Coalesce.values(user, over: chartDefaults) { warnings.append($0) }
        if case .map? = result["scalar"] {} else { Issue.record("user table kept") }
        #expect(result["table"].flatMap(string) == "flat")
        #expect(warnings == ["warning: skipped value for scalar: Not a table."])
    }

    @Test func neitherInputIsMutated() {
        let defaults = chartDefaults
        let user = map(["b": .map(["c": .float64(20)])])
        let result = Coalesce.values(user, over: defaults)
        guard case .map(let b)? = result["b"] else { Issue.record("map expected"); return }
        b["mutated"] = .bool(true)
        guard case .map(let chartB)? = defaults["b"], case .map(let userB)? = user["b"] else { Issue.record("the inputs lost their maps"); return }
        #expect(chartB["mutated"] == nil)
        #expect(userB["mutated"] == nil)
        #expect(userB["d"] == nil)
    }

    private func double(_ v: Value) -> Double? {
        if case .float64(let d) = v { return d }
        return nil
    }

    private func string(_ v: Value) -> String? {
        if case .string(let s) = v { return s }
        return nil
    }
}
