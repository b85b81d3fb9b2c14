import Testing
import KFTemplate

/// Emitter corner cases, with the outputs of gopkg.in/yaml.v2 v2.4.0 / sigs.k8s.io/yaml v1.3.0.
@Suite struct YAMLEncodeTests {
    @Test func complexKeysForMultiLineAndLongKeys() throws {
        let key = Array(repeating: "word", count: 30).joined(separator: " ")
        let value: Value = .map([
            key: .float64(1),
            "a\nb": .map(["x": .list([.float64(1), .map(["y": .string("z")])])]),
            "c": .string("multi\nline\n"),
        ])
        #expect(try YAML.encodeHelm(value) == """
            ? |-
              a
              b
            : x:
              - 1
              - "y": z
            c: |
              multi
              line
            ? word word word word word word word word word word word word word word word word
              word word word word word word word word word word word word word word
            : 1

            """)
    }

    @Test func nestedEmptyCollectionsFoldingAndQuotes() throws {
        let value: Value = .map([
            "k": .list([.list([]), .map([:]), .list([.list([.float64(1)])]), .list([.map(["a": .list([])])])]),
            "e": .string(""),
            "long": .string(String(repeating: "x", count: 90) + " " + String(repeating: "y", count: 10)),
            "q": .string("it's " + Array(repeating: "z", count: 45).joined(separator: " ") + " "),
        ])
        #expect(try YAML.encodeV2(value) == """
            e: ""
            k:
            - []
            - {}
            - - - 1
            - - a: []
            long: \(String(repeating: "x", count: 90))
              yyyyyyyyyy
            q: 'it''s z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z z
              z z z z z z z z z '

            """)
    }

    @Test func integralFloatsBecomeIntegersOnlyInHelmsToYaml() throws {
        let value: Value = .map(["memory": .float64(1_000_000), "ratio": .float64(0.5), "tiny": .float64(1.5e-7)])
        #expect(try YAML.encodeHelm(value) == "memory: 1000000\nratio: 0.5\ntiny: 1.5e-07\n")
        #expect(try YAML.encodeV2(value) == "memory: 1e+06\nratio: 0.5\ntiny: 1.5e-07\n")
    }

    @Test func nonFiniteFloatsFailInHelmButNotInYAMLv2() throws {
        do {
            _ = try YAML.encodeHelm(.map(["a": .float64(.nan)]))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error marshaling into JSON: json: unsupported value: NaN")
        }
        #expect(try YAML.encodeV2(.list([.float64(.infinity), .float64(-.infinity), .float64(.nan)])) == "- .inf\n- -.inf\n- .nan\n")
    }
}
