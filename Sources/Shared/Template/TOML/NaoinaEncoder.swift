/// A port of github.com/naoina/toml v0.1.1's `Marshal` for `Value`s.
struct NaoinaEncoder {
    /// `tableBuf`: one table's body and its child tables.
    private final class Table {
        var name: String
        var body: [UInt8] = []
        var children: [Table] = []
        var isArray: Bool
        var arrayDepth = 0

        init(name: String, isArray: Bool) {
            self.name = name
            self.isArray = isArray
        }

        func newChild(_ name: String) -> Table {
            Table(name: NaoinaEncoder.quoteName(name), isArray: arrayDepth > 0)
        }

        func addChild(_ child: Table) {
            if child.body.isEmpty && !child.isArray {
                for grandchild in child.children {
                    grandchild.name = child.name + "." + grandchild.name
                    addChild(grandchild)
                }
                return
            }
            children.append(child)
        }

        func write(to output: inout [UInt8], prefix: String) {
            let key = prefix.isEmpty ? name : prefix + "." + name
            if !name.isEmpty {
                let head = isArray ? "[[" + key + "]]\n" : "[" + key + "]\n"
                output += Array(head.utf8)
            }
            output += body
            for (i, child) in children.enumerated() {
                if !body.isEmpty || i > 0 { output.append(0x0A) }
                child.write(to: &output, prefix: key)
            }
        }

        func fields(_ map: [String: Value]) throws(CodecError) {
            for key in map.keys.sorted(by: JSONWriter.byteOrder) {
                try field(key, map[key]!)
            }
        }

        func field(_ name: String, _ value: Value) throws(CodecError) {
            let offset = body.count
            body += Array((NaoinaEncoder.quoteName(name) + " = ").utf8)
            let isTable = try self.value(value, name)
            if isTable {
                body.removeSubrange(offset...)
            } else {
                body.append(0x0A)
            }
        }

        func value(_ value: Value, _ name: String) throws(CodecError) -> Bool {
            switch value {
            case .int(let i): body += Array(String(i).utf8)
            case .int64(let i): body += Array(String(i).utf8)
            case .float64(let f): body += Array(GoFloat.e(f).utf8)
            case .bool(let b): body += Array((b ? "true" : "false").utf8)
            case .string(let s): body += Array(GoStrconv.quote(s).utf8)
            case .null:
                throw CodecError(.tomlEncode, "toml: cannot marshal nil interface {}")
            case .strings(let items):
                return try list(items.map(Value.string), name)
            case .list(let items):
                return try list(items, name)
            case .map(let map):
                let child = newChild(name)
                try child.fields(mapEntries(map))
                addChild(child)
                return true
            case .object(let object):
                throw CodecError(.tomlEncode, "toml: marshal: unsupported type \(object.goTypeName)")
            }
            return false
        }

        private func list(_ items: [Value], _ name: String) throws(CodecError) -> Bool {
            guard !items.isEmpty else {
                body += Array("[]".utf8)
                return false
            }
            arrayDepth += 1
            var wroteElement = false
            body.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                let isTable = try value(item, name)
                wroteElement = wroteElement || !isTable
                if wroteElement {
                    if i < items.count - 1 {
                        body += Array(", ".utf8)
                    } else {
                        body.append(UInt8(ascii: "]"))
                    }
                }
            }
            if !wroteElement { body.removeLast() }
            arrayDepth -= 1
            return !wroteElement
        }
    }

    static func encode(_ value: Value) throws(CodecError) -> String {
        guard case .map(let map) = value else {
            if case .null = value { throw TOML.nilPanic }
            throw CodecError(
                .tomlEncode, "toml: cannot marshal \(TOML.goTypeName(value)) as table, want struct or map type")
        }
        let root = Table(name: "", isArray: false)
        try root.fields(mapEntries(map))
        var output: [UInt8] = []
        root.write(to: &output, prefix: "")
        return String(decoding: output, as: UTF8.self)
    }

    static func quoteName(_ s: String) -> String {
        if s.isEmpty { return GoStrconv.quote(s) }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let bare = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
            if !bare { return GoStrconv.quote(s) }
        }
        return s
    }
}
