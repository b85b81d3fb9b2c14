extension Printer {
    /// Go's `doPrintf`.
    mutating func doPrintf(_ format: [Unicode.Scalar], _ a: [Value]) {
        let end = format.count
        var argNum = 0
        var afterIndex = false
        var reordered = false
        var i = 0
        formatLoop: while i < end {
            var goodArgNum = true
            let lasti = i
            while i < end && format[i] != "%" { i += 1 }
            if i > lasti { buf.unicodeScalars.append(contentsOf: format[lasti..<i]) }
            if i >= end { break }
            i += 1
            f = FmtFlags()
            simple: while i < end {
                let c = format[i]
                switch c {
                case "#": f.sharp = true
                case "0": f.zero = !f.minus
                case "+": f.plus = true
                case "-": f.minus = true; f.zero = false
                case " ": f.space = true
                default:
                    if c >= "a" && c <= "z" && argNum < a.count {
                        if c == "v" {
                            f.sharpV = f.sharp; f.sharp = false
                            f.plusV = f.plus; f.plus = false
                        }
                        printArg(a[argNum], c)
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simple
                }
                i += 1
            }
            // explicit argument index
            func argNumber(_ argNum: Int, _ i: Int) -> (Int, Int, Bool, Bool) {
                guard i < end, format[i] == "[" else { return (argNum, i, false, true) }
                reordered = true
                var j = i + 1
                var n = 0
                var ok = false
                while j < end && format[j] >= "0" && format[j] <= "9" {
                    n = n * 10 + Int(format[j].value - 48); j += 1; ok = true
                }
                guard j < end, format[j] == "]" else { return (argNum, j, false, false) }
                if ok && n >= 1 && n - 1 < a.count { return (n - 1, j + 1, true, true) }
                return (argNum, j + 1, true, false)
            }
            var good = true
            (argNum, i, afterIndex, good) = argNumber(argNum, i)
            if !good { goodArgNum = false }
            if i < end && format[i] == "*" {
                i += 1
                (f.wid, f.widPresent, argNum) = intFromArg(a, argNum)
                if !f.widPresent { buf += "%!(BADWIDTH)" }
                if f.wid < 0 { f.wid = -f.wid; f.minus = true; f.zero = false }
                afterIndex = false
            } else {
                (f.wid, f.widPresent, i) = parseNum(format, i, end)
                if afterIndex && f.widPresent { goodArgNum = false }
            }
            if i + 1 < end && format[i] == "." {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex, good) = argNumber(argNum, i)
                if !good { goodArgNum = false }
                if i < end && format[i] == "*" {
                    i += 1
                    (f.prec, f.precPresent, argNum) = intFromArg(a, argNum)
                    if f.prec < 0 { f.prec = 0; f.precPresent = false }
                    if !f.precPresent { buf += "%!(BADPREC)" }
                    afterIndex = false
                } else {
                    (f.prec, f.precPresent, i) = parseNum(format, i, end)
                    if !f.precPresent { f.prec = 0; f.precPresent = true }
                }
            }
            if !afterIndex {
                (argNum, i, afterIndex, good) = argNumber(argNum, i)
                if !good { goodArgNum = false }
            }
            if i >= end {
                buf += "%!(NOVERB)"
                break
            }
            let verb = format[i]
            i += 1
            if verb == "%" {
                buf += "%"
            } else if !goodArgNum {
                buf += "%!"; buf.unicodeScalars.append(verb); buf += "(BADINDEX)"
            } else if argNum >= a.count {
                buf += "%!"; buf.unicodeScalars.append(verb); buf += "(MISSING)"
            } else {
                if verb == "v" {
                    f.sharpV = f.sharp; f.sharp = false
                    f.plusV = f.plus; f.plus = false
                }
                printArg(a[argNum], verb)
                argNum += 1
            }
        }
        if !reordered && argNum < a.count {
            f = FmtFlags()
            buf += "%!(EXTRA "
            for (k, arg) in a[argNum...].enumerated() {
                if k > 0 { buf += ", " }
                if case .null = arg {
                    buf += "<nil>"
                } else {
                    buf += GoFormat.typeName(arg) + "="
                    printArg(arg, "v")
                }
            }
            buf += ")"
        }
    }

    private func intFromArg(_ a: [Value], _ argNum: Int) -> (Int, Bool, Int) {
        guard argNum < a.count else { return (0, false, argNum) }
        switch a[argNum] {
        case .int(let n): return (n, abs(n) <= 1_000_000, argNum + 1)
        case .int64(let n): return (Int(n), abs(n) <= 1_000_000, argNum + 1)
        default: return (0, false, argNum + 1)
        }
    }

    private func parseNum(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
        var i = start
        var n = 0
        var found = false
        while i < end && s[i] >= "0" && s[i] <= "9" {
            if n > 1_000_000 { return (0, false, end) }
            n = n * 10 + Int(s[i].value - 48)
            found = true
            i += 1
        }
        return (n, found, i)
    }
}
