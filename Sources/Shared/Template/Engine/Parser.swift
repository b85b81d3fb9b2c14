/// A parse error, worded like Go's `template: <name>:<line>: <message>`.
struct ParseFailure: Error {
    var parseName: String
    var line: Int
    var message: String
    var description: String { "template: \(parseName):\(line): \(message)" }
}

/// Go's `text/template/parse` parser (Go 1.18 grammar; `break`/`continue` optional).
struct Parser {
    private let parseName: String
    private let text: [UInt8]
    private let items: [Item]
    private let hasFunction: (String) -> Bool
    private var index = 0
    private var lastToken: Item
    private var vars: [String] = ["$"]
    private var rangeDepth = 0
    private var actionLine = 0
    /// Trees defined so far in this parse (`define`/`block`), in definition order.
    private(set) var trees: [(name: String, tree: Tree)] = []
    private var treeIndex: [String: Int] = [:]

    /// Parses `text` as template `name`; returns every tree (the named one first if not empty).
    static func parse(name: String, text: String, breakOK: Bool,
                      hasFunction: @escaping (String) -> Bool) throws(ParseFailure) -> [(name: String, tree: Tree)] {
        let bytes = Array(text.utf8)
        let lexer = Lexer(input: bytes, breakOK: breakOK)
        var parser = Parser(parseName: name, text: bytes, items: lexer.items, hasFunction: hasFunction)
        let root = try parser.parseTop()
        parser.add(name: name, tree: Tree(name: name, parseName: name, text: bytes, root: root), line: 0, checkOnly: false)
        return parser.trees
    }

    private init(parseName: String, text: [UInt8], items: [Item], hasFunction: @escaping (String) -> Bool) {
        self.parseName = parseName
        self.text = text
        self.items = items
        self.hasFunction = hasFunction
        self.lastToken = items.first ?? Item(type: .eof, pos: 0, val: "", line: 1)
    }

    // MARK: token stream

    private mutating func next() -> Item {
        let item = index < items.count ? items[index] : items[items.count - 1]
        if index < items.count { index += 1 }
        lastToken = item
        return item
    }

    private mutating func backup(_ n: Int = 1) { index -= n }

    private func peek() -> Item { index < items.count ? items[index] : items[items.count - 1] }

    private mutating func nextNonSpace() -> Item {
        var t = next()
        while t.type == .space { t = next() }
        return t
    }

    private mutating func peekNonSpace() -> Item {
        let t = nextNonSpace()
        backup()
        return t
    }

    private func fail(_ message: String) -> ParseFailure {
        ParseFailure(parseName: parseName, line: lastToken.line, message: message)
    }

    private mutating func expect(_ t: ItemType, _ context: String) throws(ParseFailure) -> Item {
        let token = nextNonSpace()
        if token.type != t { throw unexpected(token, context) }
        return token
    }

    private func unexpected(_ token: Item, _ context: String) -> ParseFailure {
        if token.type == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if token.val.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return fail(token.val + extra)
        }
        return fail("unexpected \(token.description) in \(context)")
    }

    // MARK: structure

    private mutating func add(name: String, tree: Tree, line: Int, checkOnly: Bool) {
        if let i = treeIndex[name] {
            if trees[i].tree.isEmpty { trees[i] = (name, tree) }
            return
        }
        treeIndex[name] = trees.count
        trees.append((name, tree))
    }

    private mutating func addDefined(name: String, root: [Node]) throws(ParseFailure) {
        let tree = Tree(name: name, parseName: parseName, text: text, root: root)
        if let i = treeIndex[name], !trees[i].tree.isEmpty {
            if !tree.isEmpty { throw fail("template: multiple definition of template \(GoStrconv.quote(name))") }
            return
        }
        add(name: name, tree: tree, line: 0, checkOnly: false)
    }

    private mutating func parseTop() throws(ParseFailure) -> [Node] {
        var root: [Node] = []
        while peek().type != .eof {
            if peek().type == .leftDelim {
                let saved = index
                _ = next()
                if nextNonSpace().type == .define {
                    try parseDefinition()
                    continue
                }
                index = saved
            }
            let n = try textOrAction()
            switch n {
            case .end, .elseNode: throw fail("unexpected \(n.description)")
            default: root.append(n)
            }
        }
        return root
    }

    private mutating func parseDefinition() throws(ParseFailure) {
        let context = "define clause"
        let savedVars = vars
        vars = ["$"]
        defer { vars = savedVars }
        let token = nextNonSpace()
        guard token.type == .string || token.type == .rawString else { throw unexpected(token, context) }
        guard let name = GoStrconv.unquote(token.val) else { throw fail("invalid syntax") }
        _ = try expect(.rightDelim, context)
        let (list, end) = try itemList()
        if case .end = end {} else { throw fail("unexpected \(end.description) in \(context)") }
        try addDefined(name: name, root: list)
    }

    private mutating func itemList() throws(ParseFailure) -> ([Node], Node) {
        var list: [Node] = []
        while peekNonSpace().type != .eof {
            let n = try textOrAction()
            switch n {
            case .end, .elseNode: return (list, n)
            default: list.append(n)
            }
        }
        throw fail("unexpected EOF")
    }

    private mutating func textOrAction() throws(ParseFailure) -> Node {
        let token = nextNonSpace()
        switch token.type {
        case .text:
            return .text(pos: token.pos, token.val)
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(token, "input")
        }
    }

    private mutating func action() throws(ParseFailure) -> Node {
        let token = nextNonSpace()
        switch token.type {
        case .block: return try blockControl()
        case .breakKeyword: return try loopControl(token, "break")
        case .continueKeyword: return try loopControl(token, "continue")
        case .elseKeyword: return try elseControl()
        case .end: return .end(pos: try expect(.rightDelim, "end").pos)
        case .ifKeyword: return .ifNode(try parseControl(allowElseIf: true, context: "if"))
        case .range: return .rangeNode(try parseControl(allowElseIf: false, context: "range"))
        case .template: return try templateControl()
        case .with: return .withNode(try parseControl(allowElseIf: false, context: "with"))
        default: break
        }
        backup()
        let t = peek()
        return .action(pos: t.pos, line: t.line, try pipeline(context: "command", end: .rightDelim))
    }

    private mutating func loopControl(_ token: Item, _ word: String) throws(ParseFailure) -> Node {
        let t = nextNonSpace()
        if t.type != .rightDelim { throw unexpected(t, "{{\(word)}}") }
        if rangeDepth == 0 { throw fail("{{\(word)}} outside {{range}}") }
        return word == "break" ? .breakNode(pos: token.pos) : .continueNode(pos: token.pos)
    }

    private mutating func elseControl() throws(ParseFailure) -> Node {
        let p = peekNonSpace()
        if p.type == .ifKeyword { return .elseNode(pos: p.pos, line: p.line) }
        let token = try expect(.rightDelim, "else")
        return .elseNode(pos: token.pos, line: token.line)
    }

    private mutating func parseControl(allowElseIf: Bool, context: String) throws(ParseFailure) -> Branch {
        let savedCount = vars.count
        defer { vars.removeLast(vars.count - savedCount) }
        let pipe = try pipeline(context: context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        var (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]? = nil
        if case .elseNode(let epos, _) = next {
            if allowElseIf && peek().type == .ifKeyword {
                _ = self.next()
                elseList = [.ifNode(try parseControl(allowElseIf: true, context: "if"))]
                _ = epos
            } else {
                (elseList, next) = try itemList()
                if case .end = next {} else { throw fail("expected end; found \(next.description)") }
            }
        }
        _ = list
        return Branch(pos: pipe.pos, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func parseTemplateName(_ token: Item, _ context: String) throws(ParseFailure) -> String {
        switch token.type {
        case .string, .rawString:
            guard let s = GoStrconv.unquote(token.val) else { throw fail("invalid syntax") }
            return s
        default:
            throw unexpected(token, context)
        }
    }

    private mutating func templateControl() throws(ParseFailure) -> Node {
        let context = "template clause"
        let token = nextNonSpace()
        let name = try parseTemplateName(token, context)
        var pipe: Pipe? = nil
        if nextNonSpace().type != .rightDelim {
            backup()
            pipe = try pipeline(context: context, end: .rightDelim)
        }
        return .template(pos: token.pos, line: token.line, name: name, pipe)
    }

    private mutating func blockControl() throws(ParseFailure) -> Node {
        let context = "block clause"
        let token = nextNonSpace()
        let name = try parseTemplateName(token, context)
        let pipe = try pipeline(context: context, end: .rightDelim)
        let savedVars = vars
        let savedDepth = rangeDepth
        vars = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        vars = savedVars
        rangeDepth = savedDepth
        if case .end = end {} else { throw fail("unexpected \(end.description) in \(context)") }
        try addDefined(name: name, root: list)
        return .template(pos: token.pos, line: token.line, name: name, pipe)
    }

    // MARK: pipelines

    private mutating func pipeline(context: String, end: ItemType) throws(ParseFailure) -> Pipe {
        let token = peekNonSpace()
        var decls: [String] = []
        var declPos: [Int] = []
        var isAssign = false
        var cmds: [Command] = []
        decls: while true {
            let v = peekNonSpace()
            guard v.type == .variable else { break decls }
            let vIndex = index
            _ = nextNonSpace()
            let tokenAfterVariable = peek()
            let nx = peekNonSpace()
            if nx.type == .assign || nx.type == .declare {
                isAssign = nx.type == .assign
                _ = nextNonSpace()
                decls.append(v.val)
                declPos.append(v.pos)
                vars.append(v.val)
                break decls
            } else if nx.type == .char && nx.val == "," {
                _ = nextNonSpace()
                decls.append(v.val)
                declPos.append(v.pos)
                vars.append(v.val)
                if context == "range" && decls.count < 2 {
                    switch peekNonSpace().type {
                    case .variable, .rightDelim, .rightParen:
                        continue decls
                    default:
                        throw fail("range can only initialize variables")
                    }
                }
                throw fail("too many declarations in \(context)")
            } else {
                _ = tokenAfterVariable
                index = vIndex
                break decls
            }
        }
        while true {
            let t = nextNonSpace()
            switch t.type {
            case end:
                if cmds.isEmpty { throw fail("missing value for \(context)") }
                for (i, c) in cmds.enumerated().dropFirst() {
                    switch c.args[0] {
                    case .bool, .dot, .nilValue, .number, .string:
                        throw fail("non executable command in pipeline stage \(i + 1)")
                    default: break
                    }
                }
                return Pipe(pos: token.pos, line: token.line, isAssign: isAssign, decls: decls,
                            declPos: declPos, cmds: cmds)
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword,
                 .rawString, .string, .variable, .leftParen:
                backup()
                cmds.append(try command())
            default:
                throw unexpected(t, context)
            }
        }
    }

    private mutating func command() throws(ParseFailure) -> Command {
        var cmd = Command(pos: peekNonSpace().pos, args: [])
        loop: while true {
            _ = peekNonSpace()
            if let op = try operand() { cmd.args.append(op) }
            let token = next()
            switch token.type {
            case .space: continue loop
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(token, "operand")
            }
            break loop
        }
        if cmd.args.isEmpty { throw fail("empty command") }
        return cmd
    }

    private mutating func operand() throws(ParseFailure) -> Operand? {
        guard let node = try term() else { return nil }
        if peek().type == .field {
            let chainPos = peek().pos
            var fields: [String] = []
            while peek().type == .field { fields.append(String(next().val.dropFirst())) }
            switch node {
            case .field(_, let names): return .field(pos: chainPos, names: names + fields)
            case .variable(_, let names): return .variable(pos: chainPos, names: names + fields)
            case .bool, .string, .number, .nilValue, .dot:
                throw fail("unexpected . after term \(GoStrconv.quote(node.description))")
            default: return .chain(pos: chainPos, node: node, fields: fields)
            }
        }
        return node
    }

    private mutating func term() throws(ParseFailure) -> Operand? {
        let token = nextNonSpace()
        switch token.type {
        case .identifier:
            if !hasFunction(token.val) { throw fail("function \(GoStrconv.quote(token.val)) not defined") }
            return .identifier(pos: token.pos, name: token.val)
        case .dot: return .dot(pos: token.pos)
        case .nilKeyword: return .nilValue(pos: token.pos)
        case .variable:
            let names = token.val.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if !vars.contains(names[0]) { throw fail("undefined variable \(GoStrconv.quote(names[0]))") }
            return .variable(pos: token.pos, names: names)
        case .field:
            return .field(pos: token.pos, names: token.val.split(separator: ".").map(String.init))
        case .bool:
            return .bool(pos: token.pos, token.val == "true")
        case .charConstant, .complex, .number:
            return .number(pos: token.pos, try NumberParser.parse(token.val, type: token.type, fail: fail))
        case .leftParen:
            return .pipe(try pipeline(context: "parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let s = GoStrconv.unquote(token.val) else { throw fail("invalid syntax") }
            return .string(pos: token.pos, quoted: token.val, value: s)
        default:
            backup()
            return nil
        }
    }
}
