/// Go's `fmt` printing of template values: `Sprint`, `Sprintln`, `Sprintf` and `%v`.
public enum GoFormat {
    /// `fmt.Sprint`: spaces between operands when neither side is a string.
    public static func sprint(_ args: [Value]) -> String {
        var p = Printer()
        var prevString = false
        for (i, a) in args.enumerated() {
            let isString: Bool
            if case .string = a { isString = true } else { isString = false }
            if i > 0 && !isString && !prevString { p.buf += " " }
            p.printArg(a, "v")
            prevString = isString
        }
        return p.buf
    }

    /// `fmt.Sprintln`: always spaces, then a newline.
    public static func sprintln(_ args: [Value]) -> String {
        var p = Printer()
        for (i, a) in args.enumerated() {
            if i > 0 { p.buf += " " }
            p.printArg(a, "v")
        }
        p.buf += "\n"
        return p.buf
    }

    /// `fmt.Sprintf`.
    public static func sprintf(_ format: String, _ args: [Value]) -> String {
        var p = Printer()
        p.doPrintf(Array(format.unicodeScalars), args)
        return p.buf
    }

    /// `fmt.Sprint(v)` of one value (`%v`).
    public static func string(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        var p = Printer()
        p.printArg(v, "v")
        return p.buf
    }

    /// The Go type name as `%T` prints it.
    public static func typeName(_ v: Value) -> String {
        switch v {
        case .null: "<nil>"
        case .bool: "bool"
        case .int: "int"
        case .int64: "int64"
        case .float64: "float64"
        case .string: "string"
        case .list: "[]interface {}"
        case .strings: "[]string"
        case .map(let m): m.kind == .chartValues ? "chartutil.Values" : "map[string]interface {}"
        case .object(let o): o.goTypeName
        }
    }
}

/// Formatting flags of one verb.
struct FmtFlags {
    var plus = false, minus = false, sharp = false, space = false, zero = false
    var plusV = false, sharpV = false
    var wid = 0, prec = 0
    var widPresent = false, precPresent = false
}

/// Go's `fmt.pp` state.
struct Printer {
    var buf = ""
    var f = FmtFlags()

    // MARK: padding

    mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        buf += String(repeating: f.zero ? "0" : " ", count: n)
    }

    mutating func pad(_ s: String) {
        if !f.widPresent || f.wid == 0 { buf += s; return }
        let width = f.wid - s.unicodeScalars.count
        if !f.minus {
            writePadding(width)
            buf += s
        } else {
            buf += s
            let z = f.zero
            f.zero = false
            writePadding(width)
            f.zero = z
        }
    }

    // MARK: arguments

    mutating func printArg(_ arg: Value, _ verb: Unicode.Scalar) {
        if case .null = arg {
            switch verb {
            case "T", "v": pad("<nil>")
            default: badVerb(arg, verb)
            }
            return
        }
        if verb == "T" {
            fmtS(GoFormat.typeName(arg))
            return
        }
        printValue(arg, verb, depth: 0)
    }

    mutating func printValue(_ v: Value, _ verb: Unicode.Scalar, depth: Int) {
        switch v {
        case .null:
            if depth == 0 { printArg(v, verb); return }
            buf += f.sharpV ? "interface {}(nil)" : "<nil>"
        case .bool(let b):
            switch verb {
            case "t", "v": pad(b ? "true" : "false")
            default: badVerb(v, verb)
            }
        case .int(let i): fmtInteger(Int64(i), v, verb)
        case .int64(let i): fmtInteger(i, v, verb)
        case .float64(let d): fmtFloat(d, v, verb)
        case .string(let s): fmtString(s, v, verb)
        case .list(let l): printList(l, typeName: "[]interface {}", verb: verb, depth: depth)
        case .strings(let l): printList(l.map { .string($0) }, typeName: "[]string", verb: verb, depth: depth)
        case .map(let m):
            let typeName = GoFormat.typeName(v)
            buf += f.sharpV ? typeName + "{" : "map["
            for (i, e) in m.sortedEntries.enumerated() {
                if i > 0 { buf += f.sharpV ? ", " : " " }
                printValue(.string(e.key), verb, depth: depth + 1)
                buf += ":"
                printValue(e.value, verb, depth: depth + 1)
            }
            buf += f.sharpV ? "}" : "]"
        case .object(let o):
            switch verb {
            case "v", "s": fmtS(o.goDescription)
            case "q": fmtQ(o.goDescription)
            case "x", "X": fmtSx(Array(o.goDescription.utf8), upper: verb == "X")
            default: badVerb(v, verb)
            }
        }
    }

    private mutating func printList(_ l: [Value], typeName: String, verb: Unicode.Scalar, depth: Int) {
        if f.sharpV {
            buf += typeName + "{"
            for (i, e) in l.enumerated() {
                if i > 0 { buf += ", " }
                printValue(e, verb, depth: depth + 1)
            }
            buf += "}"
        } else {
            buf += "["
            for (i, e) in l.enumerated() {
                if i > 0 { buf += " " }
                printValue(e, verb, depth: depth + 1)
            }
            buf += "]"
        }
    }

    mutating func badVerb(_ v: Value, _ verb: Unicode.Scalar) {
        buf += "%!"
        buf.unicodeScalars.append(verb)
        buf += "("
        if case .null = v {
            buf += "<nil>"
        } else {
            buf += GoFormat.typeName(v) + "="
            printArg(v, "v")
        }
        buf += ")"
    }

    // MARK: strings

    mutating func truncate(_ s: String) -> String {
        if f.precPresent {
            let sc = s.unicodeScalars
            if sc.count > f.prec {
                return String(String.UnicodeScalarView(sc.prefix(f.prec)))
            }
        }
        return s
    }

    mutating func fmtS(_ s: String) { pad(truncate(s)) }

    mutating func fmtQ(_ s: String) {
        let t = truncate(s)
        if f.sharp && !t.contains("`") && t.unicodeScalars.allSatisfy({ $0 == "\t" || GoStrconv.isPrint($0) }) {
            pad("`" + t + "`")
        } else {
            pad(GoStrconv.quote(t, asciiOnly: f.plus))
        }
    }

    mutating func fmtSx(_ bytes: [UInt8], upper: Bool) {
        var b = bytes
        if f.precPresent && f.prec < b.count { b = Array(b.prefix(f.prec)) }
        var out = ""
        for (i, byte) in b.enumerated() {
            if f.space && i > 0 { out += " " }
            if f.sharp && (f.space || i == 0) { out += upper ? "0X" : "0x" }
            let h = String(byte, radix: 16, uppercase: upper)
            out += h.count == 1 ? "0" + h : h
        }
        pad(out)
    }

    mutating func fmtString(_ s: String, _ v: Value, _ verb: Unicode.Scalar) {
        switch verb {
        case "v": if f.sharpV { fmtQ(s) } else { fmtS(s) }
        case "s": fmtS(s)
        case "x", "X": fmtSx(Array(s.utf8), upper: verb == "X")
        case "q": fmtQ(s)
        default: badVerb(v, verb)
        }
    }

    // MARK: numbers

    mutating func fmtInteger(_ i: Int64, _ v: Value, _ verb: Unicode.Scalar) {
        switch verb {
        case "v", "d": fmtInt(i, base: 10, upper: false, verb: verb)
        case "b": fmtInt(i, base: 2, upper: false, verb: verb)
        case "o", "O": fmtInt(i, base: 8, upper: false, verb: verb)
        case "x": fmtInt(i, base: 16, upper: false, verb: verb)
        case "X": fmtInt(i, base: 16, upper: true, verb: verb)
        case "c":
            pad(String(Character(Unicode.Scalar(UInt32(truncatingIfNeeded: i)) ?? "\u{FFFD}")))
        case "q":
            pad(GoStrconv.quoteRune(Unicode.Scalar(UInt32(truncatingIfNeeded: i)) ?? "\u{FFFD}", asciiOnly: f.plus))
        case "U":
            let h = String(UInt32(truncatingIfNeeded: i), radix: 16, uppercase: true)
            var s = "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
            if f.sharp, let r = Unicode.Scalar(UInt32(truncatingIfNeeded: i)), GoStrconv.isPrint(r) {
                s += " '" + String(Character(r)) + "'"
            }
            pad(s)
        default: badVerb(v, verb)
        }
    }

    mutating func fmtInt(_ value: Int64, base: Int, upper: Bool, verb: Unicode.Scalar) {
        let negative = value < 0
        let u = value.magnitude
        var prec = 0
        if f.precPresent {
            prec = f.prec
            if prec == 0 && u == 0 {
                let z = f.zero
                f.zero = false
                writePadding(f.wid)
                f.zero = z
                return
            }
        } else if f.zero && f.widPresent {
            prec = f.wid
            if negative || f.plus || f.space { prec -= 1 }
        }
        var digits = String(u, radix: base, uppercase: upper)
        if digits.count < prec { digits = String(repeating: "0", count: prec - digits.count) + digits }
        if f.sharp {
            switch base {
            case 2: digits = "0b" + digits
            case 8: if !digits.hasPrefix("0") { digits = "0" + digits }
            case 16: digits = (upper ? "0X" : "0x") + digits
            default: break
            }
        }
        if verb == "O" { digits = "0o" + digits }
        if negative { digits = "-" + digits } else if f.plus { digits = "+" + digits } else if f.space { digits = " " + digits }
        let z = f.zero
        f.zero = false
        pad(digits)
        f.zero = z
    }

    mutating func fmtFloat(_ d: Double, _ v: Value, _ verb: Unicode.Scalar) {
        var num: String
        switch verb {
        case "v", "g", "G":
            if f.precPresent {
                num = GoFloatFormat.formatC(d, verb: verb == "G" ? "G" : "g", prec: f.prec, sharp: f.sharp)
            } else {
                num = GoFloatFormat.formatShortest(d, upper: verb == "G")
            }
        case "e", "E", "f", "F":
            num = GoFloatFormat.formatC(d, verb: Character(verb), prec: f.precPresent ? f.prec : 6, sharp: f.sharp)
        case "x", "X":
            num = GoFloatFormat.formatHex(d, upper: verb == "X", prec: f.precPresent ? f.prec : -1)
        case "b":
            num = GoFloatFormat.formatShortest(d)
        default:
            badVerb(v, verb)
            return
        }
        if num == "NaN" || num.hasSuffix("Inf") {
            var s = num
            if num == "NaN" && (f.plus || f.space) { s = (f.plus ? "+" : " ") + "NaN" }
            if num == "+Inf" && !f.plus { s = f.space ? " Inf" : "+Inf" }
            let z = f.zero
            f.zero = false
            pad(s)
            f.zero = z
            return
        }
        var sign = "+"
        if num.hasPrefix("-") { sign = "-"; num.removeFirst() }
        if f.space && sign == "+" && !f.plus { sign = " " }
        if f.plus || sign != "+" {
            let full = sign + num
            if f.zero && f.widPresent && f.wid > full.count {
                buf += sign
                writePadding(f.wid - full.count)
                buf += num
                return
            }
            pad(full)
            return
        }
        if f.zero && f.widPresent && f.wid > num.count {
            writePadding(f.wid - num.count)
            buf += num
            return
        }
        pad(num)
    }
}
