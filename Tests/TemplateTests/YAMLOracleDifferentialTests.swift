import Foundation
import Testing
import KFTemplate

/// Compares the Swift codecs with the Go libraries on generated inputs, through a reference
/// program built from gopkg.in/yaml.v2 v2.4.0, sigs.k8s.io/yaml v1.3.0, encoding/json and the
/// TOML encoders (not part of this repository). Runs only when `KF_CODEC_ORACLE` names that
/// program; with `KF_CODEC_ORACLE_RECORD` set to a path it also writes the golden file that
/// `YAMLGoldenTests` replays.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KF_CODEC_ORACLE"] != nil))
struct YAMLOracleDifferentialTests {
    struct Request: Codable {
        var op: String
        var input: String
    }

    struct Response: Codable {
        var out: String
        var err: String
    }

    static func requests(count: Int) -> [Request] {
        var inputs = CodecInputs(seed: 20_261_129)
        var requests: [Request] = []
        for i in 0..<count {
            let document = inputs.document()
            guard let json = try? JSON.encode(document) else { continue }
            for op in ["helmdecode", "helmencode", "v2encode", "jsonencode", "btoml", "ntoml"] {
                requests.append(Request(op: op, input: json))
            }
            requests.append(Request(op: "jsondecode", input: json))
            if let yaml = try? YAML.encodeV2(document) {
                requests.append(Request(op: "helmdecode", input: yaml))
                requests.append(Request(op: "v2decode", input: yaml))
                requests.append(Request(op: "v2decodemap", input: yaml))
                requests.append(Request(op: "helmdecode", input: inputs.mutate(yaml)))
                requests.append(Request(op: "v2decodemap", input: inputs.mutate(yaml)))
            }
            if i % 3 == 0 {
                requests.append(Request(op: "jsondecode", input: inputs.mutate(json)))
            }
        }
        return requests
    }

    static func runOracle(_ path: String, _ requests: [Request]) throws -> [Response] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("codec-oracle-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.jsonl"), output = directory.appendingPathComponent("out.jsonl")
        let encoder = JSONEncoder()
        var text = ""
        for request in requests { text += String(decoding: try encoder.encode(request), as: UTF8.self) + "\n" }
        try text.write(to: input, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        return try lines.map { try JSONDecoder().decode(Response.self, from: Data($0.utf8)) }
    }

    @Test func swiftCodecsMatchGo() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["KF_CODEC_ORACLE_COUNT"] ?? "") ?? 300
        let requests = Self.requests(count: count)
        let responses = try Self.runOracle(environment["KF_CODEC_ORACLE"]!, requests)
        try #require(responses.count == requests.count)
        var mismatches = 0
        var golden = ""
        var mismatchLog = ""
        for (request, expected) in zip(requests, responses) where !expected.err.hasPrefix("PANIC") || request.op.hasSuffix("toml") {
            let actual = CodecOps.run(request.op, request.input)
            if actual.out != expected.out || actual.err != expected.err {
                mismatches += 1
                let entry = ["op": request.op, "input": request.input, "out": expected.out, "err": expected.err,
                             "swiftOut": actual.out, "swiftErr": actual.err]
                mismatchLog += String(decoding: try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]), as: UTF8.self) + "\n"
                if mismatches <= 25 {
                    Issue.record("""
                        \(request.op) \(String(reflecting: request.input))
                          go:    \(String(reflecting: expected.out)) \(String(reflecting: expected.err))
                          swift: \(String(reflecting: actual.out)) \(String(reflecting: actual.err))
                        """)
                }
            } else {
                let entry = ["op": request.op, "input": request.input, "out": expected.out, "err": expected.err]
                golden += String(decoding: try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]), as: UTF8.self) + "\n"
            }
        }
        if let path = environment["KF_CODEC_ORACLE_MISMATCHES"] {
            try mismatchLog.write(toFile: path, atomically: true, encoding: .utf8)
        }
        if let path = environment["KF_CODEC_ORACLE_RECORD"] {
            try golden.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(mismatches == 0, "\(mismatches) of \(requests.count) differ")
    }
}
