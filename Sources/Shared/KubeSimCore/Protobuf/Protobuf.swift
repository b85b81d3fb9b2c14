import Foundation

/// Decoder for the Kubernetes protobuf envelope (`k8s\0` + `runtime.Unknown`) and the message types
/// clients send as protobuf (Secret, ConfigMap, Namespace, ServiceAccount, DeleteOptions), into JSON.
/// Proto zero values (empty strings, zero times) read as unset.
enum Protobuf {
    indirect enum FieldType: Sendable {
        case string, bytes, int, bool, time, fieldsV1
        case message([Int: Field])
        case mapStringString, mapStringBytes
    }

    struct Field: Sendable {
        var name: String
        var type: FieldType
        var repeated = false
    }

    static let ownerReference: [Int: Field] = [
        1: Field(name: "kind", type: .string), 3: Field(name: "name", type: .string), 4: Field(name: "uid", type: .string),
        5: Field(name: "apiVersion", type: .string), 6: Field(name: "controller", type: .bool),
        7: Field(name: "blockOwnerDeletion", type: .bool),
    ]
    static let managedFieldsEntry: [Int: Field] = [
        1: Field(name: "manager", type: .string), 2: Field(name: "operation", type: .string), 3: Field(name: "apiVersion", type: .string),
        4: Field(name: "time", type: .time), 6: Field(name: "fieldsType", type: .string), 7: Field(name: "fieldsV1", type: .fieldsV1),
        8: Field(name: "subresource", type: .string),
    ]
    static let objectMeta: [Int: Field] = [
        1: Field(name: "name", type: .string), 2: Field(name: "generateName", type: .string), 3: Field(name: "namespace", type: .string),
        4: Field(name: "selfLink", type: .string), 5: Field(name: "uid", type: .string), 6: Field(name: "resourceVersion", type: .string),
        7: Field(name: "generation", type: .int), 8: Field(name: "creationTimestamp", type: .time),
        9: Field(name: "deletionTimestamp", type: .time), 10: Field(name: "deletionGracePeriodSeconds", type: .int),
        11: Field(name: "labels", type: .mapStringString), 12: Field(name: "annotations", type: .mapStringString),
        13: Field(name: "ownerReferences", type: .message(ownerReference), repeated: true),
        14: Field(name: "finalizers", type: .string, repeated: true),
        17: Field(name: "managedFields", type: .message(managedFieldsEntry), repeated: true),
    ]
    static let objectReference: [Int: Field] = [
        1: Field(name: "kind", type: .string), 2: Field(name: "namespace", type: .string), 3: Field(name: "name", type: .string),
        4: Field(name: "uid", type: .string), 5: Field(name: "apiVersion", type: .string),
        6: Field(name: "resourceVersion", type: .string), 7: Field(name: "fieldPath", type: .string),
    ]

    /// Integer fields that are pointers in Go, where an encoded zero is a real value.
    static let pointerInts: Set<String> = ["gracePeriodSeconds", "replicas", "parallelism", "completions", "backoffLimit",
                                           "revisionHistoryLimit", "progressDeadlineSeconds", "activeDeadlineSeconds",
                                           "terminationGracePeriodSeconds", "deletionGracePeriodSeconds"]

    /// Message tables by kind.
    static let messages: [String: [Int: Field]] = [
        "Secret": [1: Field(name: "metadata", type: .message(objectMeta)), 2: Field(name: "data", type: .mapStringBytes),
                   3: Field(name: "type", type: .string), 4: Field(name: "stringData", type: .mapStringString),
                   5: Field(name: "immutable", type: .bool)],
        "ConfigMap": [1: Field(name: "metadata", type: .message(objectMeta)), 2: Field(name: "data", type: .mapStringString),
                      3: Field(name: "binaryData", type: .mapStringBytes), 4: Field(name: "immutable", type: .bool)],
        "Namespace": [1: Field(name: "metadata", type: .message(objectMeta)),
                      2: Field(name: "spec", type: .message([1: Field(name: "finalizers", type: .string, repeated: true)])),
                      3: Field(name: "status", type: .message([1: Field(name: "phase", type: .string)]))],
        "ServiceAccount": [1: Field(name: "metadata", type: .message(objectMeta)),
                           2: Field(name: "secrets", type: .message(objectReference), repeated: true),
                           3: Field(name: "imagePullSecrets", type: .message([1: Field(name: "name", type: .string)]), repeated: true),
                           4: Field(name: "automountServiceAccountToken", type: .bool)],
        "DeleteOptions": [1: Field(name: "gracePeriodSeconds", type: .int),
                          2: Field(name: "preconditions", type: .message([1: Field(name: "uid", type: .string),
                                                                          2: Field(name: "resourceVersion", type: .string)])),
                          3: Field(name: "orphanDependents", type: .bool), 4: Field(name: "propagationPolicy", type: .string),
                          5: Field(name: "dryRun", type: .string, repeated: true)],
    ].merging(ProtobufWorkloads.messages) { a, _ in a }

    static func bad(_ why: String) -> KubeError {
        KubeError.badRequest("the body of the request was in an unknown format: protobuf: \(why)")
    }

    /// Decodes `k8s\0` + `runtime.Unknown` into a JSON object with `apiVersion` and `kind`.
    static func decodeEnvelope(_ body: [UInt8]) throws(KubeError) -> JSON {
        guard body.count >= 4, body[0] == 0x6B, body[1] == 0x38, body[2] == 0x73, body[3] == 0 else {
            throw bad("missing k8s envelope magic")
        }
        var r = Reader(bytes: body, pos: 4, end: body.count)
        var apiVersion = "", kind = ""
        var raw: ArraySlice<UInt8> = []
        while !r.atEnd {
            let (num, wire) = try r.tag()
            switch (num, wire) {
            case (1, 2):
                var sub = try r.subReader()
                while !sub.atEnd {
                    let (n, w) = try sub.tag()
                    if n == 1, w == 2 { apiVersion = try sub.string() } else if n == 2, w == 2 { kind = try sub.string() } else { try sub.skip(w) }
                }
            case (2, 2): raw = try r.lengthDelimited()
            default: try r.skip(wire)
            }
        }
        guard let table = messages[kind] else { throw bad("unsupported kind \(kind)") }
        var sub = Reader(bytes: body, pos: raw.startIndex, end: raw.endIndex)
        var obj = ProtobufWorkloads.normalize(try decode(&sub, table))
        obj["apiVersion"] = .string(apiVersion)
        obj["kind"] = .string(kind)
        return obj
    }

    static func decode(_ r: inout Reader, _ table: [Int: Field]) throws(KubeError) -> JSON {
        var out: [String: JSON] = [:]
        while !r.atEnd {
            let (num, wire) = try r.tag()
            guard let f = table[num] else { try r.skip(wire); continue }
            let v: JSON?
            switch f.type {
            case .string:
                let s = try r.string()
                v = s.isEmpty && !f.repeated ? nil : .string(s)
            case .bytes: v = .string(Data(try r.lengthDelimited()).base64EncodedString())
            case .int:
                // Non-pointer int32/int64 fields are always encoded; zero means unset except for pointer fields.
                let n = Int64(bitPattern: try r.varint())
                v = n == 0 && !Protobuf.pointerInts.contains(f.name) ? nil : .int(n)
            case .bool: v = .bool(try r.varint() != 0)
            case .time:
                var sub = try r.subReader()
                var secs: Int64 = 0
                while !sub.atEnd {
                    let (n, w) = try sub.tag()
                    if n == 1 { secs = Int64(bitPattern: try sub.varint()) } else { try sub.skip(w) }
                }
                v = secs == 0 ? nil : .string(KubeTime.format(Double(secs)))
            case .fieldsV1:
                var sub = try r.subReader()
                var j: JSON?
                while !sub.atEnd {
                    let (n, w) = try sub.tag()
                    if n == 1 { j = try? JSON.parse(Array(try sub.lengthDelimited())) } else { try sub.skip(w) }
                }
                v = j
            case .message(let t):
                var sub = try r.subReader()
                v = try decode(&sub, t)
            case .mapStringString, .mapStringBytes:
                var sub = try r.subReader()
                var key = "", value: JSON = ""
                while !sub.atEnd {
                    let (n, w) = try sub.tag()
                    if n == 1 { key = try sub.string() } else if n == 2 {
                        if case .mapStringBytes = f.type {
                            value = .string(Data(try sub.lengthDelimited()).base64EncodedString())
                        } else {
                            value = .string(try sub.string())
                        }
                    } else { try sub.skip(w) }
                }
                var m = out[f.name]?.object ?? [:]
                m[key] = value
                out[f.name] = .object(m)
                continue
            }
            guard let v else { continue }
            if f.repeated {
                var arr = out[f.name]?.array ?? []
                arr.append(v)
                out[f.name] = .array(arr)
            } else {
                out[f.name] = v
            }
        }
        return .object(out)
    }

    struct Reader {
        let bytes: [UInt8]
        var pos: Int
        let end: Int
        var atEnd: Bool { pos >= end }

        mutating func varint() throws(KubeError) -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while pos < end {
                let b = bytes[pos]
                pos += 1
                v |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return v }
                shift += 7
                if shift > 63 { break }
            }
            throw Protobuf.bad("truncated varint")
        }

        mutating func tag() throws(KubeError) -> (Int, Int) {
            let t = try varint()
            return (Int(t >> 3), Int(t & 7))
        }

        mutating func lengthDelimited() throws(KubeError) -> ArraySlice<UInt8> {
            let n = Int(try varint())
            guard n >= 0, pos + n <= end else { throw Protobuf.bad("truncated field") }
            defer { pos += n }
            return bytes[pos..<(pos + n)]
        }

        mutating func subReader() throws(KubeError) -> Reader {
            let s = try lengthDelimited()
            return Reader(bytes: bytes, pos: s.startIndex, end: s.endIndex)
        }

        mutating func string() throws(KubeError) -> String { String(decoding: try lengthDelimited(), as: UTF8.self) }

        mutating func skip(_ wire: Int) throws(KubeError) {
            switch wire {
            case 0: _ = try varint()
            case 1: pos += 8
            case 2: _ = try lengthDelimited()
            case 5: pos += 4
            default: throw Protobuf.bad("unsupported wire type \(wire)")
            }
            if pos > end { throw Protobuf.bad("truncated field") }
        }
    }
}
