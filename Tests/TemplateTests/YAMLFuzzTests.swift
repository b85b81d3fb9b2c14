import Testing
@testable import KFTemplate

/// Property and robustness checks on generated and mutated documents (bounded, deterministic).
@Suite struct YAMLFuzzTests {
    /// What sigs.k8s.io/yaml would give for `value` after a JSON round trip.
    static func normalized(_ value: Value) throws -> String {
        CodecTestSupport.dump(try YAML.decodeHelm(try JSON.encode(value)))
    }

    @Test func emittedYAMLReadsBackAsTheSameValues() throws {
        var inputs = CodecInputs(seed: 7)
        for _ in 0..<600 {
            let document = inputs.document()
            // Line separators and DEL do not survive YAML round trips in Go either (NEL, LS
            // and PS are line breaks to the YAML reader, DEL is rejected).
            let json = try JSON.encode(document)
            if json.contains("\u{85}") || json.contains("\u{7F}") || json.contains("\\u202") { continue }
            // A plain `<<` key is emitted as is and reads back as a merge key, as in Go.
            if json.contains("\"\\u003c\\u003c\":") { continue }
            let expected = try Self.normalized(document)
            let helm = try YAML.encodeHelm(document)
            #expect(CodecTestSupport.dump(try YAML.decodeHelm(helm)) == expected, "\(helm)")
            let v2 = try YAML.encodeV2(document)
            #expect(CodecTestSupport.dump(try YAML.decodeHelm(v2)) == expected, "\(v2)")
        }
    }

    @Test func jsonRoundTripsThroughTheDecoder() throws {
        var inputs = CodecInputs(seed: 11)
        for _ in 0..<600 {
            let document = inputs.document()
            let text = try JSON.encode(document)
            #expect(try JSON.encode(try JSON.decode(text)) == text)
            let pretty = try JSON.encodePretty(document)
            #expect(try JSON.encode(try JSON.decode(pretty)) == text)
        }
    }

    @Test func mutatedInputsNeverCrashTheDecoders() {
        var inputs = CodecInputs(seed: 23)
        var errors = 0
        for _ in 0..<800 {
            let document = inputs.document()
            let texts = [(try? YAML.encodeV2(document)) ?? "", (try? JSON.encode(document)) ?? ""]
            for text in texts {
                let mutated = inputs.mutate(inputs.mutate(text))
                for decode in [
                    { _ = try YAML.decodeHelm($0) }, { _ = try YAML.decodeHelmMap($0) },
                    { _ = try YAML.decodeHelmArray($0) }, { _ = try YAML.decodeV2($0) },
                    { _ = try YAML.decodeV2Map($0) }, { _ = try YAML.decodeV2Array($0) },
                    { _ = try JSON.decode($0) }, { _ = YAML.splitManifests($0) },
                ] as [(String) throws -> Void] {
                    do { try decode(mutated) } catch { errors += 1 }
                }
            }
        }
        #expect(errors > 0)
    }

    @Test func randomBytesNeverCrashTheDecoders() {
        var random = CodecInputs.Random(state: 99)
        let alphabet = Array("ab:- \n\t[]{},#&*!|>'\"%@`?~.0123456789eE+_\\\u{85}\u{2028}é😀\r".unicodeScalars)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<random.below(40) { text.unicodeScalars.append(random.pick(alphabet)) }
            _ = try? YAML.decodeHelm(text)
            _ = try? YAML.decodeV2Map(text)
            _ = try? JSON.decode(text)
            if let value = try? YAML.decodeV2(text) {
                _ = try? YAML.encodeV2(value)
                _ = try? YAML.encodeHelm(value)
                _ = try? TOML.encode(value)
                _ = try? TOML.encodeNaoina(value)
            }
        }
    }

    @Test func aliasBombsAreRejected() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        do {
            _ = try YAML.decodeHelm(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error converting YAML to JSON: yaml: document contains excessive aliasing")
        }
    }
}
