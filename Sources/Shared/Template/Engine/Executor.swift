/// An evaluated operand as Go's `reflect.Value` sees it: no value at all, or a value whose
/// static type is either its concrete type or `interface {}` (map and slice elements).
enum Slot {
    case invalid
    case value(Value, iface: Bool)

    static func concrete(_ v: Value) -> Slot { .value(v, iface: false) }

    /// The value with nil for "no value".
    var value: Value {
        if case .value(let v, _) = self { return v }
        return .null
    }

    /// Go's digging of `interface{}` results at the end of each pipeline stage.
    var dug: Slot {
        switch self {
        case .invalid: return .invalid
        case .value(.null, true): return .invalid
        case .value(let v, _): return .value(v, iface: false)
        }
    }

    /// The static type name Go prints for this value.
    var staticTypeName: String {
        switch self {
        case .invalid: return "<nil>"
        case .value(let v, let iface): return iface ? "interface {}" : GoFormat.typeName(v)
        }
    }
}

/// Control flow out of a walked list.
enum Flow { case normal, breakLoop, continueLoop }

/// An execution failure carrying Go's full message.
struct ExecFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Executes templates of a set (Go's `text/template` `state`).
final class Executor {
    let set: TemplateSet
    let shared: ExecutionShared
    private var tree: Tree
    private var templateName: String
    private var node: (pos: Int, text: String)?
    private var vars: [(name: String, value: Slot)] = []
    private var depth = 0
    private var out = ""
    /// Go stops at 100 000 nested `{{template}}` calls; this engine stops earlier (its frames are
    /// larger than Go's) but reports Go's message, so runaway recursion fails the same way.
    private static let maxDepth = 10_000
    private static let goMaxDepth = 100_000

    init(set: TemplateSet, shared: ExecutionShared) {
        self.set = set
        self.shared = shared
        self.tree = Tree(name: "", parseName: "", text: [], root: [])
        self.templateName = ""
    }

    func run(tree: Tree, data: Value) throws -> String {
        self.tree = tree
        self.templateName = tree.name
        let dot: Slot = .concrete(data)
        let dotSlot: Slot
        if case .null = data { dotSlot = .invalid } else { dotSlot = dot }
        vars = [("$", dotSlot)]
        _ = try walkList(dotSlot, tree.root)
        return out
    }

    // MARK: errors

    func at(_ pos: Int, _ text: @autoclosure () -> String) {
        node = (pos, text())
    }

    func at(_ op: Operand) { node = (op.pos, op.description) }

    func fail(_ message: String) -> ExecFailure {
        let name = GoStrconv.quote(templateName)
        if let node {
            let loc = tree.location(of: node.pos)
            return ExecFailure(message: "template: \(loc): executing \(name) at <\(node.text)>: \(message)")
        }
        return ExecFailure(message: "template: \(templateName): \(message)")
    }

    // MARK: walking

    private func walkList(_ dot: Slot, _ list: [Node]) throws -> Flow {
        for n in list {
            let flow = try walk(dot, n)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private func walk(_ dot: Slot, _ n: Node) throws -> Flow {
        switch n {
        case .text(_, let t):
            out += t
        case .action(let pos, _, let pipe):
            at(pos, n.description)
            let val = try evalPipeline(dot, pipe)
            if pipe.decls.isEmpty {
                at(pos, n.description)
                printValue(val)
            }
        case .ifNode(let b):
            return try walkIfOrWith(isWith: false, dot, b)
        case .withNode(let b):
            return try walkIfOrWith(isWith: true, dot, b)
        case .rangeNode(let b):
            try walkRange(dot, b, n)
        case .template(let pos, _, let name, let pipe):
            at(pos, n.description)
            try walkTemplate(dot, name: name, pipe: pipe)
        case .breakNode:
            return .breakLoop
        case .continueNode:
            return .continueLoop
        case .end, .elseNode:
            break
        }
        return .normal
    }

    private func printValue(_ v: Slot) {
        switch v {
        case .invalid: out += "<no value>"
        case .value(let value, _):
            if case .string(let s) = value { out += s } else { out += GoFormat.string(value) }
        }
    }

    private func mark() -> Int { vars.count }
    private func pop(_ m: Int) { vars.removeLast(vars.count - m) }

    private func walkIfOrWith(isWith: Bool, _ dot: Slot, _ b: Branch) throws -> Flow {
        let m = mark()
        defer { pop(m) }
        let val = try evalPipeline(dot, b.pipe)
        if val.value.isTrue {
            return try walkList(isWith ? val : dot, b.list)
        } else if let e = b.elseList {
            return try walkList(dot, e)
        }
        return .normal
    }

    private func walkRange(_ dot: Slot, _ b: Branch, _ n: Node) throws {
        at(b.pos, n.description)
        let m = mark()
        defer { pop(m) }
        let val = try evalPipeline(dot, b.pipe)
        let bodyMark = mark()
        let pipe = b.pipe
        func iteration(_ index: Slot, _ elem: Slot) throws -> Flow {
            if !pipe.decls.isEmpty {
                if pipe.isAssign {
                    try setVar(pipe.decls[0], pipe.decls.count > 1 ? index : elem)
                } else {
                    vars[vars.count - 1].value = elem
                }
            }
            if pipe.decls.count > 1 {
                if pipe.isAssign {
                    try setVar(pipe.decls[1], elem)
                } else {
                    vars[vars.count - 2].value = index
                }
            }
            defer { pop(bodyMark) }
            return try walkList(elem, b.list)
        }
        var iterated = false
        switch val {
        case .invalid:
            break
        case .value(let v, _):
            switch v {
            case .list(let l):
                for (i, e) in l.enumerated() {
                    iterated = true
                    if try iteration(.concrete(.int(i)), .value(e, iface: true)) == .breakLoop { break }
                }
            case .strings(let l):
                for (i, e) in l.enumerated() {
                    iterated = true
                    if try iteration(.concrete(.int(i)), .concrete(.string(e))) == .breakLoop { break }
                }
            case .map(let mp):
                for e in mp.sortedEntries {
                    iterated = true
                    if try iteration(.concrete(.string(e.key)), .value(e.value, iface: true)) == .breakLoop { break }
                }
            case .null:
                break
            default:
                throw fail("range can't iterate over \(GoFormat.string(v))")
            }
        }
        if !iterated, let e = b.elseList {
            _ = try walkList(dot, e)
        }
    }

    private func walkTemplate(_ dot: Slot, name: String, pipe: Pipe?) throws {
        guard let t = set.templates[name] else {
            throw fail("template \(GoStrconv.quote(name)) not defined")
        }
        if depth == Self.maxDepth {
            throw fail("exceeded maximum template depth (\(Self.goMaxDepth))")
        }
        let newDot = try pipe.map { try evalPipeline(dot, $0) } ?? .invalid
        let saved = (tree, templateName, vars, node)
        tree = t
        templateName = t.name
        vars = [("$", newDot)]
        depth += 1
        defer {
            depth -= 1
            (tree, templateName, vars, node) = saved
        }
        _ = try walkList(newDot, t.root)
    }

    // MARK: variables

    private func setVar(_ name: String, _ value: Slot) throws {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            vars[i].value = value
            return
        }
        throw fail("undefined variable: \(name)")
    }

    private func varValue(_ name: String) throws -> Slot {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            return vars[i].value
        }
        throw fail("undefined variable: \(name)")
    }

    // MARK: pipelines

    func evalPipeline(_ dot: Slot, _ pipe: Pipe) throws -> Slot {
        var value: Slot? = nil
        for cmd in pipe.cmds {
            value = try evalCommand(dot, cmd, final: value).dug
        }
        let v = value ?? .invalid
        for name in pipe.decls {
            if pipe.isAssign {
                try setVar(name, v)
            } else {
                vars.append((name, v))
            }
        }
        return v
    }

    private func notAFunction(_ args: [Operand], _ final: Slot?) throws {
        if args.count > 1 || final != nil {
            throw fail("can't give argument to non-function \(args[0].description)")
        }
    }

    private func evalCommand(_ dot: Slot, _ cmd: Command, final: Slot?) throws -> Slot {
        let first = cmd.args[0]
        switch first {
        case .field(let pos, let names):
            at(pos, first.description)
            return try evalFieldChain(dot, receiver: dot, nodePos: pos, nodeText: first.description, names, args: cmd.args, final: final)
        case .chain(let pos, let inner, let fields):
            at(first)
            if case .nilValue = inner { throw fail("indirection through explicit nil in \(first.description)") }
            let recv = try evalArg(dot, nil, inner)
            return try evalFieldChain(dot, receiver: recv, nodePos: pos, nodeText: first.description, fields, args: cmd.args, final: final)
        case .identifier(let pos, let name):
            return try evalFunction(dot, name: name, identPos: pos, cmd: cmd, args: cmd.args, final: final)
        case .pipe(let p):
            try notAFunction(cmd.args, final)
            return try evalPipeline(dot, p)
        case .variable(let pos, let names):
            return try evalVariable(dot, pos: pos, names: names, text: first.description, args: cmd.args, final: final)
        default:
            break
        }
        at(first)
        try notAFunction(cmd.args, final)
        switch first {
        case .bool(_, let b): return .concrete(.bool(b))
        case .dot: return dot
        case .nilValue: throw fail("nil is not a command")
        case .number(_, let n): return .concrete(try idealConstant(n))
        case .string(_, _, let s): return .concrete(.string(s))
        default: throw fail("can't evaluate command \(GoStrconv.quote(first.description))")
        }
    }

    func evalVariable(_ dot: Slot, pos: Int, names: [String], text: String, args: [Operand], final: Slot?) throws -> Slot {
        at(pos, text)
        let value = try varValue(names[0])
        if names.count == 1 {
            try notAFunction(args, final)
            return value
        }
        return try evalFieldChain(dot, receiver: value, nodePos: pos, nodeText: text, Array(names.dropFirst()), args: args, final: final)
    }

    func idealConstant(_ n: NumberLiteral) throws -> Value {
        let t = n.text
        let isHexInt = t.count > 2 && t.hasPrefix("0") && (t.dropFirst().hasPrefix("x") || t.dropFirst().hasPrefix("X")) && !t.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = t.hasPrefix("'")
        if n.isComplex { throw fail("complex constants are not supported") }
        if n.isFloat && !isHexInt && !isRune && t.contains(where: { ".eEpP".contains($0) }) {
            return .float64(n.float64)
        }
        if n.isInt { return .int(Int(n.int64)) }
        if n.isUint { throw fail("\(t) overflows int") }
        return .null
    }
}
