/// Helm 3.9.4's template functions (`pkg/engine/funcs.go` and the late-bound ones in `engine.go`)
/// and KubeFATE's copy of Helm's function map.
enum HelmFunctions {
    private static func codecMessage(_ e: any Error) -> String {
        (e as? CodecError)?.message ?? "\(e)"
    }

    static let warnStart = "HELM_ERR_START"
    static let warnEnd = "HELM_ERR_END"
    /// Helm's include recursion limit (`recursionMaxNums`).
    static let recursionMax = 1000

    /// Codec functions shared by both flavours, with the YAML flavour chosen per map.
    private static func codecs(v2: Bool) -> [String: GoFunction] {
        [
            "fromYaml": .plain([.string]) { a in
                do {
                    return .map(try (v2 ? YAML.decodeV2Map(Sprig.str(a[0])) : YAML.decodeHelmMap(Sprig.str(a[0]))))
                } catch {
                    return .map(["Error": .string(codecMessage(error))])
                }
            },
            "fromYamlArray": .plain([.string]) { a in
                do {
                    return .list(try (v2 ? YAML.decodeV2Array(Sprig.str(a[0])) : YAML.decodeHelmArray(Sprig.str(a[0]))))
                } catch {
                    return .list([.string(codecMessage(error))])
                }
            },
            "toJson": .plain([.interface]) { a in .string((try? JSON.encode(a[0])) ?? "") },
            "fromJson": .plain([.string]) { a in
                do { return .map(try JSON.decodeMap(Sprig.str(a[0]))) } catch { return .map(["Error": .string(codecMessage(error))]) }
            },
            "fromJsonArray": .plain([.string]) { a in
                do { return .list(try JSON.decodeArray(Sprig.str(a[0]))) } catch { return .list([.string(codecMessage(error))]) }
            },
            "lookup": .plain([.string, .string, .string, .string]) { _ in .map([:]) },
        ]
    }

    /// Helm's engine function map (on top of Sprig).
    static let helm: [String: GoFunction] = {
        var f = codecs(v2: false)
        f["include"] = GoFunction([.string, .interface]) { ctx, a in
            let name = Sprig.str(a[0])
            return try ctx.withIncludeDepth(name) { previous in
                if previous > recursionMax {
                    throw GoError("rendering template has a nested reference name: \(name): unable to execute template")
                }
                return .string(try ctx.executeTemplate(name, data: a[1]))
            }
        }
        f["tpl"] = GoFunction([.string, .chartValues]) { ctx, a in
            .string(try tpl(ctx, Sprig.str(a[0]), Sprig.goMap(a[1])))
        }
        f["required"] = .plain([.string, .interface]) { a in
            switch a[1] {
            case .null, .string(""): throw GoError(GoFormat.sprintf(warnStart + Sprig.str(a[0]) + warnEnd, []))
            default: return a[1]
            }
        }
        f["fail"] = .plain([.string]) { a in throw GoError(warnStart + Sprig.str(a[0]) + warnEnd) }
        return f
    }()

    /// KubeFATE's values-template function map: yaml.v2 codecs and Helm's placeholders.
    static let kubefate: [String: GoFunction] = {
        var f = codecs(v2: true)
        f["include"] = .plain([.string, .interface]) { _ in .string("not implemented") }
        f["tpl"] = .plain([.string, .interface]) { _ in .string("not implemented") }
        f["required"] = .plain([.string, .interface]) { _ in .string("not implemented") }
        return f
    }()

    /// Helm's `tpl`: parses `text` under `Template.Name` with the reference templates of the
    /// render (minus the file of that name), executes it with `vals` and strips `<no value>`.
    static func tpl(_ ctx: FunctionContext, _ text: String, _ vals: GoMap) throws -> String {
        let basePath: Value
        do { basePath = try HelmValuesMethods.pathValue(vals, "Template.BasePath") } catch let e as GoError {
            throw GoError("cannot retrieve Template.Basepath from values inside tpl function: \(text): \(e.message)")
        }
        let templateName: Value
        do { templateName = try HelmValuesMethods.pathValue(vals, "Template.Name") } catch let e as GoError {
            throw GoError("cannot retrieve Template.Name from values inside tpl function: \(text): \(e.message)")
        }
        let name = Sprig.str(templateName)
        let outer = ctx.templateSet
        var set = TemplateSet(rootName: outer.rootName, functions: outer.functions, options: outer.options)
        set.referenceSources = outer.referenceSources
        set.referencesAreOwn = false
        do {
            try set.parse(name: name, text: text)
        } catch {
            throw GoError("error during tpl function execution for \(GoStrconv.quote(text)): \(HelmErrors.cleanupParseError(filename: name, message: error.message))")
        }
        for source in outer.referenceSources.sorted(by: { HelmErrors.templateOrder($0.name, $1.name) }) where !set.contains(source.name) {
            set.add(source.trees)
        }
        if GoPath.base(name).hasPrefix("_") { return "" }
        vals["Template"] = .map(GoMap(["Name": .string(name), "BasePath": basePath], kind: .chartValues))
        do {
            let out = try set.execute(name: name, data: .map(vals))
            return Sprig.replaceAll(out, "<no value>", "")
        } catch {
            throw GoError("error during tpl function execution for \(GoStrconv.quote(text)): \(HelmErrors.cleanupExecError(filename: name, message: error.message))")
        }
    }
}

/// Helm's rewriting of template errors (`cleanupParseError`, `cleanupExecError`) and its
/// template order.
public enum HelmErrors {
    /// `parse error at (<file>:<line>): <message>` from Go's parse error text.
    public static func cleanupParseError(filename: String, message: String) -> String {
        let tokens = message.components(separatedBy: ": ")
        if tokens.count == 1 { return "parse error in (\(filename)): \(message)" }
        return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
    }

    /// `execution error at (<file>:<line>:<col>): <message>` when the error carries a
    /// `required`/`fail` message, else Go's text unchanged.
    public static func cleanupExecError(filename: String, message: String) -> String {
        let tokens = message.components(separatedBy: ": ")
        guard tokens.count >= 3 else { return "execution error in (\(filename)): \(message)" }
        let location = tokens[1]
        let rest = tokens[2...].joined(separator: ": ")
        if let s = rest.range(of: HelmFunctions.warnStart),
           let e = rest.range(of: HelmFunctions.warnEnd, options: .backwards), s.upperBound <= e.lowerBound {
            return "execution error at (\(location)): \(rest[s.upperBound..<e.lowerBound])"
        }
        return message
    }

    /// Helm's `sortTemplates` order: more path segments first, then reverse byte order.
    public static func templateOrder(_ a: String, _ b: String) -> Bool {
        let ca = a.split(separator: "/", omittingEmptySubsequences: false).count
        let cb = b.split(separator: "/", omittingEmptySubsequences: false).count
        if ca != cb { return ca > cb }
        return goLess(b, a)
    }
}

/// Methods of Helm's `chartutil.Values`.
enum HelmValuesMethods {
    static func method(_ name: String, on m: GoMap) -> GoFunction? {
        switch name {
        case "AsMap": return .plain([]) { _ in .map(GoMap(m.dictionary)) }
        case "Table": return .plain([.string]) { a in .map(GoMap(try table(m, Sprig.str(a[0])).dictionary, kind: .chartValues)) }
        case "PathValue": return .plain([.string]) { a in try pathValue(m, Sprig.str(a[0])) }
        default: return nil
        }
    }

    static func table(_ m: GoMap, _ name: String) throws -> GoMap {
        var t = m
        for n in name.components(separatedBy: ".") {
            guard let v = t[n] else { throw GoError("\(GoStrconv.quote(n)) is not a table") }
            guard case .map(let next) = v else { throw GoError("\(GoStrconv.quote(n)) is not a table") }
            t = next
        }
        return t
    }

    static func pathValue(_ m: GoMap, _ path: String) throws -> Value {
        if path.isEmpty { throw GoError("YAML path cannot be empty") }
        var parts = path.components(separatedBy: ".")
        if parts.count == 1 {
            if let v = m[parts[0]] { if case .map = v {} else { return v } }
            throw GoError("\(GoStrconv.quote(parts[0])) is not a value")
        }
        let key = parts.removeLast()
        guard let t = try? table(m, parts.joined(separator: ".")) else {
            throw GoError("\(GoStrconv.quote(key)) is not a value")
        }
        if let v = t[key] { if case .map = v {} else { return v } }
        throw GoError("\(GoStrconv.quote(key)) is not a value")
    }
}
