import Foundation
@testable import KFTemplate

/// The codec operations of the Go reference program (`op` names), run with the Swift codecs.
/// Each returns the output text and the error text ("" when none), as the Go program does.
enum CodecOps {
    static let all = ["helmdecode", "helmdecodemap", "v2decode", "v2decodemap", "helmencode",
                      "v2encode", "jsonencode", "jsondecode", "btoml", "ntoml"]

    static func run(_ op: String, _ input: String) -> (out: String, err: String) {
        do {
            switch op {
            case "helmdecode": return (CodecTestSupport.dump(try YAML.decodeHelm(input)), "")
            case "helmdecodemap": return (CodecTestSupport.dump(.map(try YAML.decodeHelmMap(input))), "")
            case "v2decode": return (dumpV2(try YAML.decodeV2(input)), "")
            case "v2decodemap": return (dumpV2Map(try YAML.decodeV2Map(input)), "")
            case "jsondecode": return (CodecTestSupport.dump(try JSON.decode(input)), "")
            default: break
            }
            let value: Value
            do {
                value = try YAML.decodeHelm(input)
            } catch {
                return ("", "DECODE " + error.message)
            }
            switch op {
            case "helmencode": return (try YAML.encodeHelm(value), "")
            case "v2encode": return (try YAML.encodeV2(value), "")
            case "jsonencode": return (try JSON.encode(value), "")
            case "btoml":
                do {
                    return (try TOML.encode(value), "")
                } catch where error.code == .goPanic {
                    return ("", "PANIC " + error.message)
                }
            case "ntoml":
                do {
                    return (try TOML.encodeNaoina(value), "")
                } catch where error.code == .goPanic {
                    return ("", "PANIC " + error.message)
                }
            default: return ("", "unknown op")
            }
        } catch {
            return ("", error.message)
        }
    }

    /// yaml.v2 results: nested maps are Go `map[interface{}]interface{}`, marked `M` by the
    /// reference program; the Swift decoder gives every map string keys.
    private static func dumpV2(_ value: Value, nested: Bool = true) -> String {
        switch value {
        case .map(let map):
            let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return (nested ? "M" : "") + "{" + keys.map {
                CodecTestSupport.quote($0) + ":" + dumpV2(map[$0]!)
            }.joined(separator: ",") + "}"
        case .list(let items): return "[" + items.map { dumpV2($0) }.joined(separator: ",") + "]"
        default: return CodecTestSupport.dump(value)
        }
    }

    private static func dumpV2Map(_ map: [String: Value]) -> String {
        dumpV2(.map(map), nested: false)
    }
}
