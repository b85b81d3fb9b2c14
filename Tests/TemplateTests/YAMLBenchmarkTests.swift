import Foundation
import Testing
import KFTemplate

/// Timings for a ~1 MB document (printed, not asserted). Runs with `KF_BENCH=1`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KF_BENCH"] == "1"))
struct YAMLBenchmarkTests {
    static func bigDocument() -> Value {
        var items: [Value] = []
        for i in 0..<1030 {
            items.append(.map([
                "apiVersion": .string("apps/v1"), "kind": .string("Deployment"),
                "metadata": .map(["name": .string("app-\(i)"), "labels": .map(["app": .string("x\(i)"), "tier": .string("backend")])]),
                "spec": .map([
                    "replicas": .float64(3),
                    "template": .map(["spec": .map(["containers": .list([.map([
                        "name": .string("c"), "image": .string("federatedai/eggroll:1.11.2-release"),
                        "command": .list([.string("/bin/sh"), .string("-c"), .string("echo a long command line with many words that goes past eighty columns for sure \(i)")]),
                        "ports": .list([.map(["containerPort": .float64(9370), "name": .string("grpc")])]),
                        "env": .list((0..<8).map { .map(["name": .string("ENV_\($0)"), "value": .string("value \($0) yes")]) }),
                        "resources": .map(["requests": .map(["cpu": .string("2"), "memory": .string("4Gi")])]),
                    ])])])]),
                ]),
            ]))
        }
        return .map(["items": .list(items)])
    }

    @Test func oneMegabyte() throws {
        let document = Self.bigDocument()
        let clock = ContinuousClock()
        var yaml = ""
        let emitHelm = try clock.measure { yaml = try YAML.encodeHelm(document) }
        let emitV2 = try clock.measure { _ = try YAML.encodeV2(document) }
        let parse = try clock.measure { _ = try YAML.decodeHelm(yaml) }
        var json = ""
        let encodeJSON = try clock.measure { json = try JSON.encode(document) }
        let decodeJSON = try clock.measure { _ = try JSON.decode(json) }
        print("YAML \(yaml.utf8.count) bytes: encodeHelm \(emitHelm), encodeV2 \(emitV2), decodeHelm \(parse); JSON \(json.utf8.count) bytes: encode \(encodeJSON), decode \(decodeJSON)")
    }
}
