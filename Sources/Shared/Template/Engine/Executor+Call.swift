extension Executor {
    // MARK: fields

    func evalFieldChain(_ dot: Slot, receiver: Slot, nodePos: Int, nodeText: String, _ names: [String],
                        args: [Operand], final: Slot?) throws -> Slot {
        var r = receiver
        for name in names.dropLast() {
            r = try evalField(dot, name, nodePos: nodePos, nodeText: nodeText, args: [], final: nil, receiver: r)
        }
        return try evalField(dot, names[names.count - 1], nodePos: nodePos, nodeText: nodeText, args: args, final: final, receiver: r)
    }

    private func evalField(_ dot: Slot, _ name: String, nodePos: Int, nodeText: String, args: [Operand],
                           final: Slot?, receiver: Slot) throws -> Slot {
        guard case .value(let v, let iface) = receiver else {
            if set.options.missingKey == .error { throw fail("nil data; no entry for key \(GoStrconv.quote(name))") }
            return .invalid
        }
        let typeName = receiver.staticTypeName
        if iface, case .null = v {
            throw fail("nil pointer evaluating \(typeName).\(name)")
        }
        let hasArgs = args.count > 1 || final != nil
        switch v {
        case .object(let o):
            if let m = o.method(name) {
                return try evalCall(dot, m, isBuiltin: false, nodePos: nodePos, nodeText: nodeText, name: name, args: args, final: final)
            }
            let member: Value?
            do { member = try o.member(name) } catch { throw fail("error calling \(name): \(error)") }
            if let member {
                if hasArgs { throw fail("\(name) has arguments but cannot be invoked as function") }
                return .concrete(member)
            }
        case .map(let m):
            if m.kind == .chartValues, let method = HelmValuesMethods.method(name, on: m) {
                return try evalCall(dot, method, isBuiltin: false, nodePos: nodePos, nodeText: nodeText, name: name, args: args, final: final)
            }
            if hasArgs { throw fail("\(name) is not a method but has arguments") }
            if let e = m[name] { return .value(e, iface: true) }
            return missing(name)
        default:
            break
        }
        throw fail("can't evaluate field \(name) in type \(typeName)")
    }

    private func missing(_ name: String) -> Slot {
        switch set.options.missingKey {
        case .zero: return .value(.null, iface: true)
        case .invalid: return .invalid
        case .error: return .invalid
        }
    }

    // MARK: functions

    func evalFunction(_ dot: Slot, name: String, identPos: Int, cmd: Command, args: [Operand], final: Slot?) throws -> Slot {
        at(identPos, name)
        guard let (fn, builtin) = set.functions.lookup(name) else {
            throw fail("\(GoStrconv.quote(name)) is not a defined function")
        }
        return try evalCall(dot, fn, isBuiltin: builtin, nodePos: cmd.pos, nodeText: cmd.description,
                            name: name, args: args, final: final, identPos: identPos)
    }

    func evalCall(_ dot: Slot, _ fn: GoFunction, isBuiltin: Bool, nodePos: Int, nodeText: String, name: String,
                  args allArgs: [Operand], final: Slot?, identPos: Int? = nil) throws -> Slot {
        let args = allArgs.isEmpty ? [] : Array(allArgs.dropFirst())
        let numIn = args.count + (final != nil ? 1 : 0)
        var numFixed = args.count
        if let _ = fn.variadic {
            numFixed = fn.params.count
            if numIn < numFixed {
                throw fail("wrong number of args for \(name): want at least \(fn.params.count) got \(args.count)")
            }
        } else if numIn != fn.params.count {
            throw fail("wrong number of args for \(name): want \(fn.params.count) got \(numIn)")
        }
        if isBuiltin && (name == "and" || name == "or") && set.options.language == .go118 {
            var v: Slot = .invalid
            for arg in args {
                v = try evalArg(dot, .reflectValue, arg)
                if v.value.isTrue == (name == "or") { return v }
            }
            if let final { v = final }
            return v
        }
        var argv: [Value] = []
        argv.reserveCapacity(numIn)
        var i = 0
        while i < numFixed && i < args.count {
            argv.append(try evalArg(dot, fn.params[i], args[i]).value)
            i += 1
        }
        if let vt = fn.variadic {
            while i < args.count {
                argv.append(try evalArg(dot, vt, args[i]).value)
                i += 1
            }
        }
        if let final {
            var t: GoType = fn.variadic ?? fn.params[fn.params.count - 1]
            if fn.variadic != nil && numIn - 1 < numFixed { t = fn.params[numIn - 1] }
            if fn.variadic == nil { t = fn.params[fn.params.count - 1] }
            argv.append(try validateType(final, t).value)
        }
        at(nodePos, nodeText)
        let result: Value
        do {
            result = try fn.body(FunctionContext(executor: self), argv)
        } catch let e as GoError {
            at(nodePos, nodeText)
            throw fail("error calling \(name): \(e.message)")
        } catch let e as TemplateError {
            at(nodePos, nodeText)
            throw fail("error calling \(name): \(e.message)")
        } catch let e as ExecFailure {
            throw e
        }
        if case .null = result { return .value(.null, iface: true) }
        return .concrete(result)
    }

    // MARK: arguments

    func evalArg(_ dot: Slot, _ type: GoType?, _ n: Operand) throws -> Slot {
        at(n)
        switch n {
        case .dot:
            return try validateType(dot, type)
        case .nilValue:
            if type == nil || type!.canBeNil || type == .reflectValue { return .value(.null, iface: true) }
            throw fail("cannot assign nil to \(type!.goName)")
        case .field(let pos, let names):
            return try validateType(try evalFieldChain(dot, receiver: dot, nodePos: pos, nodeText: n.description, names, args: [n], final: nil), type)
        case .variable(let pos, let names):
            return try validateType(try evalVariable(dot, pos: pos, names: names, text: n.description, args: [], final: nil), type)
        case .pipe(let p):
            return try validateType(try evalPipeline(dot, p), type)
        case .identifier(let pos, let name):
            let cmd = Command(pos: pos, args: [n])
            return try validateType(try evalFunction(dot, name: name, identPos: pos, cmd: cmd, args: [n], final: nil), type)
        case .chain(let pos, let inner, let fields):
            if case .nilValue = inner { throw fail("indirection through explicit nil in \(n.description)") }
            let recv = try evalArg(dot, nil, inner)
            return try validateType(try evalFieldChain(dot, receiver: recv, nodePos: pos, nodeText: n.description, fields, args: [], final: nil), type)
        default:
            break
        }
        let t = type ?? .interface
        switch t {
        case .bool:
            if case .bool(_, let b) = n { return .concrete(.bool(b)) }
            throw fail("expected bool; found \(n.description)")
        case .float64:
            if case .number(_, let num) = n, num.isFloat { return .concrete(.float64(num.float64)) }
            throw fail("expected float; found \(n.description)")
        case .int, .int64:
            if case .number(_, let num) = n, num.isInt {
                return .concrete(t == .int ? .int(Int(num.int64)) : .int64(num.int64))
            }
            throw fail("expected integer; found \(n.description)")
        case .string:
            if case .string(_, _, let s) = n { return .concrete(.string(s)) }
            throw fail("expected string; found \(n.description)")
        case .interface, .reflectValue:
            switch n {
            case .bool(_, let b): return .concrete(.bool(b))
            case .number(_, let num): return .concrete(try idealConstant(num))
            case .string(_, _, let s): return .concrete(.string(s))
            default: throw fail("can't handle \(n.description) for arg of type \(t.goName)")
            }
        default:
            throw fail("can't handle \(n.description) for arg of type \(t.goName)")
        }
    }

    func validateType(_ slot: Slot, _ type: GoType?) throws -> Slot {
        guard let type, type != .reflectValue else { return slot }
        guard case .value(let v, let iface) = slot else {
            if type.canBeNil { return .value(.null, iface: true) }
            throw fail("invalid value; expected \(type.goName)")
        }
        if type == .interface { return slot }
        if iface, case .null = v {
            throw fail("wrong type for value; expected \(type.goName); got interface {}")
        }
        let ok: Bool
        switch (type, v) {
        case (.string, .string), (.int, .int), (.int64, .int64), (.float64, .float64), (.bool, .bool),
             (.list, .list), (.strings, .strings):
            ok = true
        case (.stringMap, .map), (.chartValues, .map):
            ok = true
        default:
            ok = false
        }
        if !ok { throw fail("wrong type for value; expected \(type.goName); got \(GoFormat.typeName(v))") }
        return .concrete(v)
    }
}

/// What a template function can reach of the running execution (used by `include` and `tpl`).
public struct FunctionContext {
    let executor: Executor

    /// The template set being executed.
    public var templateSet: TemplateSet { executor.set }

    /// Executes template `name` of the current set into a string (Go's `ExecuteTemplate`).
    public func executeTemplate(_ name: String, data: Value) throws(TemplateError) -> String {
        try executor.set.execute(name: name, data: data, shared: executor.shared)
    }

    /// Runs `body` with the include depth counter of `name` raised by one; Helm's guard against
    /// runaway recursion reads the previous depth.
    public func withIncludeDepth<T>(_ name: String, _ body: (Int) throws -> T) rethrows -> T {
        let previous = executor.shared.includeDepth[name]
        executor.shared.includeDepth[name] = (previous ?? 0) + 1
        defer { executor.shared.includeDepth[name] = (executor.shared.includeDepth[name] ?? 1) - 1 }
        return try body(previous ?? -1)
    }
}
