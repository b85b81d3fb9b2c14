import KFTemplate
import Testing

@Suite struct TemplateSetTests {
    private func render(_ text: String, _ data: Value = .null, functions: FunctionSet = .helm,
                        language: TemplateOptions.Language = .go117) throws(TemplateError) -> String {
        var set = TemplateSet(functions: functions, options: TemplateOptions(missingKey: .zero, language: language))
        try set.parse(name: "t", text: text)
        return try set.execute(name: "t", data: data)
    }

    @Test func laterSourcesOverrideDefinesOfEarlierOnes() throws {
        var set = TemplateSet(functions: .helm)
        try set.parse(name: "a.yaml", text: "{{ define \"x\" }}from-a{{ end }}")
        try set.parse(name: "b.yaml", text: "{{ define \"x\" }}from-b{{ end }}[{{ template \"x\" }}]")
        #expect(try set.execute(name: "b.yaml", data: .null) == "[from-b]")
        #expect(set.contains("x"))
    }

    @Test func setMutatesSharedMapsAcrossExecutions() throws {
        var set = TemplateSet(functions: .helm)
        try set.parse(name: "one", text: "{{ $_ := set .Values \"k\" \"v\" }}")
        try set.parse(name: "two", text: "{{ .Values.k }}")
        let values = GoMap(["Values": .map([:])])
        _ = try set.execute(name: "one", data: .map(values))
        #expect(try set.execute(name: "two", data: .map(values)) == "v")
    }

    @Test func executionErrorsCarryGoLocationAndContext() {
        #expect(throws: TemplateError.self) { try render("a\n{{ .x.y }}", .map([:])) }
        do {
            _ = try render("a\n{{ .x.y }}", .map([:]))
        } catch {
            #expect(error.message == "template: t:2:5: executing \"t\" at <.x.y>: nil pointer evaluating interface {}.y")
            #expect(error.phase == .exec)
        }
    }

    @Test func parseErrorsCarryGoLineNumbers() {
        do {
            _ = try render("ok\n{{ if }}")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.message == "template: t:2: missing value for if")
            #expect(error.phase == .parse)
        }
    }

    @Test func breakAndContinueNeedGo118() throws {
        #expect(try render("{{ range .l }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }}",
                           .map(["l": .list([.float64(1), .float64(2), .float64(3)])]), language: .go118) == "1")
        #expect(throws: TemplateError.self) { try render("{{ range .l }}{{ break }}{{ end }}", .map([:])) }
    }

    @Test func go117AndEvaluatesEveryArgument() throws {
        #expect(throws: TemplateError.self) { try render("{{ and .a .a.b }}", .map([:])) }
        #expect(try render("[{{ and .a .a.b }}]", .map([:]), language: .go118) == "[<no value>]")
    }

    @Test func includeStopsRunawayRecursionLikeHelm() {
        do {
            _ = try render("{{ define \"l\" }}{{ include \"l\" . }}{{ end }}{{ include \"l\" . }}")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasSuffix("rendering template has a nested reference name: l: unable to execute template"))
        }
    }

    @Test func kubefateFlavourHasPlaceholders() throws {
        #expect(try render("{{ include \"x\" . }}|{{ required \"m\" .zz }}", .map([:]), functions: .kubefate)
                == "not implemented|not implemented")
    }

    @Test func fmtPrintsValuesLikeGo() {
        #expect(GoFormat.sprintf("%v|%5.2f|%-4s|%q|%x|%T", [.float64(1e6), .float64(3.14159), .string("ab"),
                                                        .string("a\"b"), .int(255), .list([])])
                == "1e+06| 3.14|ab  |\"a\\\"b\"|ff|[]interface {}")
        #expect(GoFormat.sprint([.int(1), .int(2), .string("a"), .null]) == "1 2a<nil>")
        #expect(GoFormat.string(.map(["b": .int(2), "a": .list([.bool(true)])])) == "map[a:[true] b:2]")
    }
}
