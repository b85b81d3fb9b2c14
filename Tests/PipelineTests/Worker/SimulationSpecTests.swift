import Testing
@testable import Worker

@Suite struct SimulationSpecTests {
    private func parse(_ text: String) throws -> SimulationSpec {
        try SimulationSpec.parse(data: Array(text.utf8))
    }

    @Test func componentsTakeTheStepDurationUnlessTheyHaveTheirOwn() throws {
        let spec = try parse("""
            name: fate-9999
            simulate:
              stepDuration: 250ms
              components:
                - mysql
                - name: python
                  duration: 2s
                - name: fateboard
                  fail: "ImagePullBackOff: missing"
            """)
        #expect(spec.components == [
            .init(name: "mysql", duration: .milliseconds(250), failure: nil),
            .init(name: "python", duration: .seconds(2), failure: nil),
            .init(name: "fateboard", duration: .milliseconds(250), failure: "ImagePullBackOff: missing"),
        ])
    }

    @Test func modulesBecomeOneSecondComponentsWithoutASimulateSection() throws {
        let spec = try parse("name: a\nmodules: [rollsite, python]\n")
        #expect(spec.components.map(\.name) == ["rollsite", "python"])
        #expect(spec.components.allSatisfy { $0.duration == .seconds(1) })
    }

    @Test func aSpecWithoutComponentsOrModulesIsANoOp() throws {
        #expect(try parse("name: a\n").components.isEmpty)
        #expect(try parse("simulate:\n  components: []\nmodules: [x]\n").components.isEmpty)
        #expect(try parse("").components.isEmpty)
    }

    @Test func jsonSpecsWorkToo() throws {
        let spec = try parse(#"{"simulate":{"components":[{"duration":1.5,"name":"a"}]}}"#)
        #expect(spec.components == [.init(name: "a", duration: .milliseconds(1500), failure: nil)])
    }

    @Test(arguments: [
        ("simulate:\n  components:\n    - name: a\n      duration: soon\n", "simulate.components[0].duration", 4),
        ("simulate:\n  components:\n    - a\n    - nmae: b\n", "simulate.components[1].nmae", 4),
        ("simulate:\n  stepDurations: 1s\n", "simulate.stepDurations", 2),
        ("simulate:\n  components: a\n", "simulate.components", 2),
        ("simulate: [a]\n", "simulate", 1),
        ("- a\n- b\n", "data", 1),
        ("a: [b\n", "data", 2),
        ("a: &x 1\nb: *x\n", "data", 2),
    ])
    func errorsNameTheFieldAndLine(text: String, field: String, line: Int) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? SimulationSpecError else { return false }
            return error.field == field && error.line == line
        }
    }
}

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("1.5", Duration.milliseconds(1500)), ("250ms", .milliseconds(250)), ("2s", .seconds(2)),
        ("5m", .seconds(300)), ("1h", .seconds(3600)), ("0", .zero),
    ])
    func parsesUnits(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "soon", "-1s", "1d", "nan", "1e30"])
    func rejectsNonsense(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
