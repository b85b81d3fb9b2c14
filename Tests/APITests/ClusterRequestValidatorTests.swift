import Foundation
import Testing
@testable import API

@Suite struct ClusterRequestValidatorTests {
    let validator = ClusterRequestValidator(maxDataBytes: 4096)
    let spec = "name: fate-9999\nnamespace: fate-9999\nchartName: fate\nchartVersion: v1.11.2\npartyId: 9999\n"

    private func body(_ fields: [String: Any]) -> [UInt8] {
        Array(try! JSONSerialization.data(withJSONObject: fields))
    }

    private func valid(overriding changes: [String: Any] = [:]) -> [String: Any] {
        var fields: [String: Any] = [
            "name": "fate-9999", "namespace": "fate-9999", "chart_name": "fate", "chart_version": "v1.11.2",
            "cover": false, "data": Data(spec.utf8).base64EncodedString(), "Keep_upgrade_job": false,
        ]
        fields.merge(changes) { _, new in new }
        return fields
    }

    /// The field a rejected body is blamed on.
    private func rejectedField(_ bytes: [UInt8]) -> String? {
        do {
            _ = try validator.validate(body: bytes)
            return nil
        } catch {
            #expect(error.status == .badRequest)
            return error.field
        }
    }

    @Test func acceptsKubefateClusterArgs() throws {
        let request = try validator.validate(body: body(valid()))
        #expect(request.name == "fate-9999")
        #expect(request.chartVersion == "v1.11.2")
        #expect(request.data == Array(spec.utf8))
        #expect(request.spec["partyId"]?.string == "9999")
    }

    @Test func keyMatchingIsCaseInsensitiveLikeGo() throws {
        var fields = valid()
        fields["Keep_upgrade_job"] = nil
        fields["keep_upgrade_job"] = true
        #expect(try validator.validate(body: body(fields)).keepUpgradeJob)
    }

    @Test func emptyOrNonJSONOrNonObjectBodyBlamesTheBody() {
        #expect(rejectedField([]) == "body")
        #expect(rejectedField(Array("{not json".utf8)) == "body")
        #expect(rejectedField(Array("[1,2]".utf8)) == "body")
    }

    @Test(arguments: ["name", "namespace", "chart_name", "chart_version", "data"])
    func missingRequiredFieldIsNamed(field: String) {
        var fields = valid()
        fields[field] = nil
        #expect(rejectedField(body(fields)) == field)
    }

    @Test(arguments: [("name", "Fate_9999"), ("name", "-fate"), ("namespace", String(repeating: "a", count: 64)),
                      ("chart_name", "fate/../x"), ("chart_version", "v1 11")])
    func invalidNamesAreRejected(field: String, value: String) {
        #expect(rejectedField(body(valid(overriding: [field: value]))) == field)
    }

    @Test func wrongTypesAreNamed() {
        #expect(rejectedField(body(valid(overriding: ["name": 5]))) == "name")
        #expect(rejectedField(body(valid(overriding: ["cover": "yes"]))) == "cover")
        #expect(rejectedField(body(valid(overriding: ["data": ["a": 1]]))) == "data")
    }

    @Test func dataMustBeBase64OfAYAMLMapping() {
        #expect(rejectedField(body(valid(overriding: ["data": "%%%not base64"]))) == "data")
        #expect(rejectedField(body(valid(overriding: ["data": Data("- a\n- b\n".utf8).base64EncodedString()]))) == "data")
        #expect(rejectedField(body(valid(overriding: ["data": Data("a: [1, 2\n".utf8).base64EncodedString()]))) == "data")
        #expect(rejectedField(body(valid(overriding: ["data": Data([0xff, 0xfe]).base64EncodedString()]))) == "data")
    }

    @Test func yamlErrorMessageCarriesTheLine() throws {
        let broken = Data("name: fate-9999\nlist: [1, 2\n".utf8).base64EncodedString()
        do {
            _ = try validator.validate(body: body(valid(overriding: ["data": broken])))
            Issue.record("accepted broken YAML")
        } catch {
            #expect(error.message.contains("line "))
        }
    }

    @Test func oversizedDataIsRejected() {
        let large = "name: fate-9999\npad: \"" + String(repeating: "x", count: 5000) + "\"\n"
        #expect(rejectedField(body(valid(overriding: ["data": Data(large.utf8).base64EncodedString()]))) == "data")
    }

    @Test func specThatNamesAnotherClusterIsRejected() {
        let other = spec.replacingOccurrences(of: "name: fate-9999", with: "name: fate-10000")
        #expect(rejectedField(body(valid(overriding: ["data": Data(other.utf8).base64EncodedString()]))) == "data.name")
    }
}

@Suite struct YAMLNodeTests {
    @Test func parsesNestedMappingsSequencesAndAliases() throws {
        let node = try YAMLNode.parse(Array("a: &x {b: 1}\nc: *x\nd: [1, 'two']\ne: ~\n".utf8))
        #expect(node["a"]?["b"]?.string == "1")
        #expect(node["c"] == node["a"])
        #expect(node["d"] == .sequence([.scalar("1", plain: true), .scalar("two", plain: false)]))
        #expect(node["e"]?.string == nil)
    }

    @Test func emptyAndMultiDocumentStreamsAreErrors() {
        #expect(throws: YAMLError.self) { try YAMLNode.parse([]) }
        #expect(throws: YAMLError.self) { try YAMLNode.parse(Array("a: 1\n---\nb: 2\n".utf8)) }
    }

    @Test func syntaxErrorReportsLine() {
        do {
            _ = try YAMLNode.parse(Array("a: 1\nb: [\n".utf8))
            Issue.record("parsed invalid YAML")
        } catch {
            #expect(error.line >= 2)
        }
    }
}

@Suite struct YAMLToJSONTests {
    @Test func plainScalarsResolveLikeYAMLv2() throws {
        let node = try YAMLNode.parse(Array("a: 1\nb: 1.5\nc: yes\nd: ~\ne: v1.11.2\nf: '1'\ng: [0x10, -2e3]\n".utf8))
        #expect(try node.json() == .object([
            "a": .number(1), "b": .number(1.5), "c": .bool(true), "d": .null, "e": .string("v1.11.2"),
            "f": .string("1"), "g": .array([.number(16), .number(-2000)]),
        ]))
    }

    @Test func collectionKeysAreRejected() throws {
        let node = try YAMLNode.parse(Array("? [a, b]\n: 1\n".utf8))
        #expect(throws: YAMLError.self) { try node.json() }
    }
}
