import Foundation
import Testing
import KFTemplate

/// Replays `Tests/Fixtures/codec-golden.jsonl`: generated inputs with the outputs and errors the
/// Go libraries (yaml.v2 v2.4.0, sigs.k8s.io/yaml v1.3.0, encoding/json, BurntSushi/toml 1.2.0,
/// naoina/toml 0.1.1) produced for them, recorded by `YAMLOracleDifferentialTests`.
@Suite struct YAMLGoldenTests {
    struct Entry: Decodable, Sendable, CustomStringConvertible {
        let op: String
        let input: String
        let out: String
        let err: String

        var description: String { "\(op) \(input.prefix(60).debugDescription)" }
    }

    static let entries: [Entry] = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        url = url.deletingLastPathComponent().appendingPathComponent("Fixtures/codec-golden.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
    }()

    @Test func goldenFileIsPresent() {
        #expect(Self.entries.count > 300)
    }

    @Test func codecsReproduceGoOutputs() {
        var failures = 0
        for entry in Self.entries {
            let actual = CodecOps.run(entry.op, entry.input)
            if actual.out != entry.out || actual.err != entry.err {
                failures += 1
                if failures <= 10 {
                    Issue.record("\(entry): expected \(entry.out.debugDescription) \(entry.err.debugDescription), got \(actual.out.debugDescription) \(actual.err.debugDescription)")
                }
            }
        }
        #expect(failures == 0)
    }
}
