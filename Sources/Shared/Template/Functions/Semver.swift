import Foundation

/// A Masterminds/semver v3 version (`*semver.Version`).
struct SemverVersion: TemplateObject, Sendable {
    var major: UInt64
    var minor: UInt64
    var patch: UInt64
    var prerelease: String
    var metadata: String
    var original: String

    var goTypeName: String { "*semver.Version" }
    var goDescription: String {
        var s = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { s += "-" + prerelease }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "Major": .int64(Int64(bitPattern: major))
        case "Minor": .int64(Int64(bitPattern: minor))
        case "Patch": .int64(Int64(bitPattern: patch))
        case "Prerelease": .string(prerelease)
        case "Metadata": .string(metadata)
        case "Original": .string(original)
        case "String": .string(goDescription)
        default: nil
        }
    }

    func method(_ name: String) -> GoFunction? {
        @Sendable func other(_ v: Value) throws -> SemverVersion {
            guard case .object(let o) = v, let s = o as? SemverVersion else {
                throw GoError("wrong type for value; expected *semver.Version; got \(GoFormat.typeName(v))")
            }
            return s
        }
        let me = self
        switch name {
        case "Compare": return .plain([.interface]) { a in .int(me.compare(try other(a[0]))) }
        case "LessThan": return .plain([.interface]) { a in .bool(me.compare(try other(a[0])) < 0) }
        case "GreaterThan": return .plain([.interface]) { a in .bool(me.compare(try other(a[0])) > 0) }
        case "Equal": return .plain([.interface]) { a in .bool(me.compare(try other(a[0])) == 0) }
        default: return nil
        }
    }

    /// `semver.NewVersion`.
    static func parse(_ s: String) throws -> SemverVersion {
        var rest = Substring(s)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        var metadata = ""
        if let p = rest.firstIndex(of: "+") {
            metadata = String(rest[rest.index(after: p)...])
            rest = rest[..<p]
            guard !metadata.isEmpty, validIdentifiers(metadata) else { throw GoError("Invalid Semantic Version") }
        }
        var pre = ""
        if let p = rest.firstIndex(of: "-") {
            pre = String(rest[rest.index(after: p)...])
            rest = rest[..<p]
            guard !pre.isEmpty, validIdentifiers(pre) else { throw GoError("Invalid Semantic Version") }
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw GoError("Invalid Semantic Version")
        }
        guard let major = UInt64(parts[0]) else { throw GoError("Error parsing version segment: strconv.ParseUint: parsing \(GoStrconv.quote(String(parts[0]))): value out of range") }
        let minor = parts.count > 1 ? UInt64(parts[1]) ?? 0 : 0
        let patch = parts.count > 2 ? UInt64(parts[2]) ?? 0 : 0
        for seg in pre.split(separator: ".") where seg.allSatisfy(\.isNumber) && seg.count > 1 && seg.hasPrefix("0") {
            throw GoError("Version segment starts with 0")
        }
        return SemverVersion(major: major, minor: minor, patch: patch, prerelease: pre, metadata: metadata, original: s)
    }

    private static func validIdentifiers(_ s: String) -> Bool {
        s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { seg in
            !seg.isEmpty && seg.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    func compare(_ o: SemverVersion) -> Int {
        if major != o.major { return major < o.major ? -1 : 1 }
        if minor != o.minor { return minor < o.minor ? -1 : 1 }
        if patch != o.patch { return patch < o.patch ? -1 : 1 }
        return Self.comparePrerelease(prerelease, o.prerelease)
    }

    static func comparePrerelease(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        if a.isEmpty { return 1 }
        if b.isEmpty { return -1 }
        let pa = a.split(separator: "."), pb = b.split(separator: ".")
        for i in 0..<max(pa.count, pb.count) {
            guard i < pa.count else { return -1 }
            guard i < pb.count else { return 1 }
            let x = pa[i], y = pb[i]
            if x == y { continue }
            let xn = UInt64(x), yn = UInt64(y)
            switch (xn, yn) {
            case let (xv?, yv?): return xv < yv ? -1 : 1
            case (nil, .some): return 1
            case (.some, nil): return -1
            default: return goLess(String(x), String(y)) ? -1 : 1
            }
        }
        return 0
    }
}

/// Masterminds/semver v3 constraints (`semver.NewConstraint` + `Check`).
struct SemverConstraints {
    struct Constraint {
        var op: String
        var con: SemverVersion
        var dirty = false
        var minorDirty = false
        var patchDirty = false
    }

    var groups: [[Constraint]]

    private static let ops = ["!=", ">=", "=>", "<=", "=<", "~>", "=", ">", "<", "~", "^"]

    static func parse(_ input: String) throws -> SemverConstraints {
        let c = rewriteRanges(input)
        var groups: [[Constraint]] = []
        for orPart in c.components(separatedBy: "||") {
            var items: [Constraint] = []
            let trimmed = orPart.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { throw GoError("improper constraint: \(orPart)") }
            for piece in splitConstraints(trimmed) {
                guard let con = parseOne(piece) else { throw GoError("improper constraint: \(orPart)") }
                items.append(con)
            }
            groups.append(items)
        }
        return SemverConstraints(groups: groups)
    }

    private static func splitConstraints(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var prevWasOpOnly = false
        for token in s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            let t = String(token)
            if prevWasOpOnly { cur += t; out.append(cur); cur = ""; prevWasOpOnly = false; continue }
            if ops.contains(t) { cur = t; prevWasOpOnly = true; continue }
            out.append(t)
        }
        if prevWasOpOnly { out.append(cur) }
        return out
    }

    private static func rewriteRanges(_ s: String) -> String {
        let parts = s.components(separatedBy: " - ")
        guard parts.count == 2 else { return s }
        return ">= " + parts[0].trimmingCharacters(in: .whitespaces) + ", <= " + parts[1].trimmingCharacters(in: .whitespaces)
    }

    private static func isX(_ s: Substring) -> Bool { s == "x" || s == "X" || s == "*" }

    private static func parseOne(_ s: String) -> Constraint? {
        var op = ""
        var rest = Substring(s)
        for o in ops where rest.hasPrefix(o) { op = o; rest = rest.dropFirst(o.count); break }
        rest = rest.drop { $0 == " " }
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        var tail = ""
        if let p = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            tail = String(rest[p...])
            rest = rest[..<p]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        for p in parts where !(isX(p) || (!p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber })) { return nil }
        var c = Constraint(op: op, con: SemverVersion(major: 0, minor: 0, patch: 0, prerelease: "", metadata: "", original: ""))
        let pre = tail.hasPrefix("-") ? String(tail.split(separator: "+").first ?? "") : ""
        var ver: String
        if isX(parts[0]) {
            ver = "0.0.0" + pre; c.dirty = true
        } else if parts.count < 2 || isX(parts[1]) {
            ver = "\(parts[0]).0.0" + pre; c.dirty = true; c.minorDirty = true
        } else if parts.count < 3 || isX(parts[2]) {
            ver = "\(parts[0]).\(parts[1]).0" + pre; c.dirty = true; c.patchDirty = true
        } else {
            ver = "\(parts[0]).\(parts[1]).\(parts[2])" + tail
        }
        guard let v = try? SemverVersion.parse(ver) else { return nil }
        c.con = v
        return c
    }

    func check(_ v: SemverVersion) -> Bool {
        groups.contains { $0.allSatisfy { Self.check(v, $0) } }
    }

    private static func check(_ v: SemverVersion, _ c: Constraint) -> Bool {
        let vPre = !v.prerelease.isEmpty, cPre = !c.con.prerelease.isEmpty
        switch c.op {
        case "", "=":
            if vPre && !cPre { return false }
            if c.dirty { return tilde(v, c) }
            return v.compare(c.con) == 0
        case "!=":
            if c.dirty {
                if vPre && !cPre { return false }
                if c.con.major != v.major { return true }
                if c.con.minor != v.minor && !c.minorDirty { return true }
                if c.minorDirty { return false }
                if c.con.patch != v.patch && !c.patchDirty { return true }
                if c.patchDirty {
                    if vPre || cPre { return SemverVersion.comparePrerelease(v.prerelease, c.con.prerelease) != 0 }
                    return false
                }
            }
            return v.compare(c.con) != 0
        case ">":
            if vPre && !cPre { return false }
            if !c.dirty { return v.compare(c.con) == 1 }
            if v.major > c.con.major { return true }
            if v.major < c.con.major { return false }
            if c.minorDirty { return false }
            if c.patchDirty { return v.minor > c.con.minor }
            return v.compare(c.con) == 1
        case "<":
            if vPre && !cPre { return false }
            return v.compare(c.con) < 0
        case ">=", "=>":
            if vPre && !cPre { return false }
            return v.compare(c.con) >= 0
        case "<=", "=<":
            if vPre && !cPre { return false }
            if !c.dirty { return v.compare(c.con) <= 0 }
            if v.major > c.con.major { return false }
            if v.major == c.con.major && v.minor > c.con.minor && !c.minorDirty { return false }
            return true
        case "~", "~>":
            return tilde(v, c)
        case "^":
            if vPre && !cPre { return false }
            if v.compare(c.con) < 0 { return false }
            if c.con.major > 0 || c.minorDirty { return v.major == c.con.major }
            if c.con.minor > 0 || c.patchDirty { return v.major == c.con.major && v.minor == c.con.minor }
            return v.major == c.con.major && v.minor == c.con.minor && v.patch == c.con.patch
        default:
            return false
        }
    }

    private static func tilde(_ v: SemverVersion, _ c: Constraint) -> Bool {
        if !v.prerelease.isEmpty && c.con.prerelease.isEmpty { return false }
        if v.compare(c.con) < 0 { return false }
        if c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != c.con.major { return false }
        if v.minor != c.con.minor && !c.minorDirty { return false }
        return true
    }
}

extension Sprig {
    static let semvers: [String: GoFunction] = [
        "semver": .plain([.string]) { a in .object(try SemverVersion.parse(str(a[0]))) },
        "semverCompare": .plain([.string, .string]) { a in
            let c = try SemverConstraints.parse(str(a[0]))
            let v = try SemverVersion.parse(str(a[1]))
            return .bool(c.check(v))
        },
    ]
}
