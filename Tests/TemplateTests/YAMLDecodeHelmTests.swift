import Testing
@testable import KFTemplate

@Suite struct YAMLDecodeHelmTests {
    /// Inputs and the values sigs.k8s.io/yaml v1.3.0 gives for them (from the Go library).
    static let expectations: [(String, String)] = [
        ("a: 1\nb: [x, z]\nc: {d: e}", #"{"a":f:1,"b":[s:"x",s:"z"],"c":{"d":s:"e"}}"#),
        ("1.1: 1\n3.14159265: 2\n1e10: 3\n.nan: 4\n.inf: 5",
         #"{".inf":f:5,".nan":f:4,"1.1":f:1,"1e+10":f:3,"3.1415927":f:2}"#),
        ("a: 1.\nb: 08\nc: 0b101\nd: -0b11\ne: 0o17\nf: 0x_1F\ng: 1e-400\nh: 1e400\ni: 2001-12-14t21:59:43.10-05:00\nj: 2001-13-14\nk: 190:20:30\nl: -0\nm: +0x10\nn: 0.",
         #"{"a":f:1,"b":f:8,"c":f:5,"d":f:-3,"e":f:15,"f":f:31,"false":f:0,"g":f:0,"h":s:"1e400","i":s:"2001-12-14t21:59:43.10-05:00","j":s:"2001-13-14","k":s:"190:20:30","l":f:0,"m":f:16}"#),
        ("yes: 1\nn: 2\nOn: 3", #"{"false":f:2,"true":f:3}"#),
        ("base: &b {x: 1}\nderived:\n  <<: *b\n  w: 2", #"{"base":{"x":f:1},"derived":{"w":f:2,"x":f:1}}"#),
        ("a: 1\na: 2", #"{"a":f:2}"#),
        ("- a\n- ~\n- null\n- \"\"\n- ''", #"[s:"a",null,null,s:"",s:""]"#),
        ("", "null"),
        ("# only a comment\n", "null"),
        ("--- 5\n--- 6", "f:5"),
        ("a: !!str 1\nb: !!float 2\nc: !!binary aGVsbG8=", #"{"a":s:"1","b":f:2,"c":s:"hello"}"#),
    ]

    @Test("sigs.k8s.io/yaml values", arguments: expectations.indices)
    func decodesLikeSigsYAML(_ index: Int) throws {
        let (input, expected) = Self.expectations[index]
        #expect(CodecTestSupport.dump(try YAML.decodeHelm(input)) == expected)
    }

    static let errors: [(String, String)] = [
        ("a: [1, 2", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"),
        ("[", "error converting YAML to JSON: yaml: line 1: did not find expected node content"),
        ("~: 3", "error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: 3"),
        ("~: [1, a]", #"error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: []interface {}{1, "a"}"#),
        ("? [a]\n: 1", #"error converting YAML to JSON: yaml: invalid map key: []interface {}{"a"}"#),
        ("18446744073709551615: 1", "error converting YAML to JSON: Unsupported map key of type: uint64, key: 0xffffffffffffffff, value: 1"),
        ("a: .inf", "error converting YAML to JSON: json: unsupported value: +Inf"),
        ("a: *x", "error converting YAML to JSON: yaml: unknown anchor 'x' referenced"),
        ("a: b: c", "error converting YAML to JSON: yaml: mapping values are not allowed in this context"),
        ("a: 1\n  b: 2\nc: 3", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"),
        ("a: !!int x", "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"),
        ("<<: 1", "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"),
    ]

    @Test("sigs.k8s.io/yaml errors", arguments: errors.indices)
    func failsLikeSigsYAML(_ index: Int) {
        let (input, expected) = Self.errors[index]
        #expect(throws: CodecError.self) { try YAML.decodeHelm(input) }
        do {
            _ = try YAML.decodeHelm(input)
        } catch {
            #expect(error.message == expected)
        }
    }

    @Test func mapTargetRejectsListsLikeJSON() {
        do {
            _ = try YAML.decodeHelmMap("- a\n- b")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
        }
        #expect((try? YAML.decodeHelmMap(""))?.isEmpty == true)
    }

    @Test func arrayTargetRejectsMaps() {
        do {
            _ = try YAML.decodeHelmArray("a: 1")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}")
        }
    }

    @Test func selfReferencingAnchorFails() {
        do {
            _ = try YAML.decodeHelm("a: &a [*a]")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error converting YAML to JSON: yaml: anchor 'a' value contains itself")
        }
    }
}
