/// A parsed number literal with every interpretation Go's parser derives from it.
struct NumberLiteral: Sendable {
    var text: String
    var isInt = false
    var isUint = false
    var isFloat = false
    var isComplex = false
    var int64: Int64 = 0
    var uint64: UInt64 = 0
    var float64: Double = 0
}

/// An operand or command word of a pipeline.
indirect enum Operand: Sendable {
    case field(pos: Int, names: [String])
    case variable(pos: Int, names: [String])
    case dot(pos: Int)
    case nilValue(pos: Int)
    case bool(pos: Int, Bool)
    case number(pos: Int, NumberLiteral)
    case string(pos: Int, quoted: String, value: String)
    case identifier(pos: Int, name: String)
    case pipe(Pipe)
    case chain(pos: Int, node: Operand, fields: [String])

    var pos: Int {
        switch self {
        case .field(let p, _), .variable(let p, _), .dot(let p), .nilValue(let p), .bool(let p, _),
             .number(let p, _), .string(let p, _, _), .identifier(let p, _), .chain(let p, _, _):
            p
        case .pipe(let p): p.pos
        }
    }

    /// Go's `Node.String()`.
    var description: String {
        switch self {
        case .field(_, let names): return names.map { "." + $0 }.joined()
        case .variable(_, let names): return names.joined(separator: ".")
        case .dot: return "."
        case .nilValue: return "nil"
        case .bool(_, let b): return b ? "true" : "false"
        case .number(_, let n): return n.text
        case .string(_, let q, _): return q
        case .identifier(_, let name): return name
        case .pipe(let p): return p.description
        case .chain(_, let node, let fields):
            var s = node.description
            if case .pipe = node { s = "(" + s + ")" }
            return s + fields.map { "." + $0 }.joined()
        }
    }
}

/// A command: a function or operand followed by arguments.
struct Command: Sendable {
    var pos: Int
    var args: [Operand]

    var description: String {
        args.map { arg in
            if case .pipe(let p) = arg { return "(" + p.description + ")" }
            return arg.description
        }.joined(separator: " ")
    }
}

/// A pipeline with optional variable declarations.
final class Pipe: Sendable {
    let pos: Int
    let line: Int
    let isAssign: Bool
    let decls: [String]
    let declPos: [Int]
    let cmds: [Command]

    init(pos: Int, line: Int, isAssign: Bool, decls: [String], declPos: [Int], cmds: [Command]) {
        self.pos = pos
        self.line = line
        self.isAssign = isAssign
        self.decls = decls
        self.declPos = declPos
        self.cmds = cmds
    }

    var description: String {
        var s = ""
        if !decls.isEmpty {
            s += decls.joined(separator: ", ") + " := "
        }
        s += cmds.map(\.description).joined(separator: " | ")
        return s
    }
}

/// A control structure's parts (`if`, `with`, `range`).
struct Branch: Sendable {
    var pos: Int
    var line: Int
    var pipe: Pipe
    var list: [Node]
    var elseList: [Node]?
}

/// A node of a template's parse tree.
indirect enum Node: Sendable {
    case text(pos: Int, String)
    case action(pos: Int, line: Int, Pipe)
    case ifNode(Branch)
    case rangeNode(Branch)
    case withNode(Branch)
    case template(pos: Int, line: Int, name: String, Pipe?)
    case breakNode(pos: Int)
    case continueNode(pos: Int)
    /// Produced only while parsing: `{{end}}` and `{{else}}` terminate item lists.
    case end(pos: Int)
    case elseNode(pos: Int, line: Int)

    var pos: Int {
        switch self {
        case .text(let p, _), .action(let p, _, _), .template(let p, _, _, _), .breakNode(let p),
             .continueNode(let p), .end(let p), .elseNode(let p, _):
            p
        case .ifNode(let b), .rangeNode(let b), .withNode(let b): b.pos
        }
    }

    /// Go's `Node.String()`.
    var description: String {
        switch self {
        case .text(_, let t): return GoFormat.sprintf("%q", [.string(t)])
        case .action(_, _, let p): return "{{" + p.description + "}}"
        case .ifNode(let b): return Self.branchString("if", b)
        case .rangeNode(let b): return Self.branchString("range", b)
        case .withNode(let b): return Self.branchString("with", b)
        case .template(_, _, let name, let pipe):
            if let pipe { return "{{template \(GoStrconv.quote(name)) \(pipe.description)}}" }
            return "{{template \(GoStrconv.quote(name))}}"
        case .breakNode: return "{{break}}"
        case .continueNode: return "{{continue}}"
        case .end: return "{{end}}"
        case .elseNode: return "{{else}}"
        }
    }

    private static func branchString(_ name: String, _ b: Branch) -> String {
        var s = "{{\(name) \(b.pipe.description)}}" + b.list.map(\.description).joined()
        if let e = b.elseList { s += "{{else}}" + e.map(\.description).joined() }
        return s + "{{end}}"
    }
}

/// One parsed template: its name, the name of the source it was parsed from (for error
/// locations), the source bytes and the tree.
final class Tree: Sendable {
    let name: String
    let parseName: String
    let text: [UInt8]
    let root: [Node]

    init(name: String, parseName: String, text: [UInt8], root: [Node]) {
        self.name = name
        self.parseName = parseName
        self.text = text
        self.root = root
    }

    /// Whether the tree has only whitespace text (Go's `IsEmptyTree`).
    var isEmpty: Bool {
        root.allSatisfy { node in
            if case .text(_, let t) = node { return t.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }
            return false
        }
    }

    /// `name:line:col` of a byte offset, as Go's `ErrorContext` prints it.
    func location(of pos: Int) -> String {
        let p = min(pos, text.count)
        var line = 1
        var lastNL = -1
        for i in 0..<p where text[i] == 0x0A {
            line += 1
            lastNL = i
        }
        let col = lastNL == -1 ? p : p - (lastNL + 1)
        return "\(parseName):\(line):\(col)"
    }
}
