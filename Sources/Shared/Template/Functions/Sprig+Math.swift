import Foundation

extension Sprig {
    static let math: [String: GoFunction] = [
        "add1": .plain([.interface]) { a in .int64(toInt64(a[0]) &+ 1) },
        "add": .plain([], variadic: .interface) { a in .int64(a.reduce(Int64(0)) { $0 &+ toInt64($1) }) },
        "sub": .plain([.interface, .interface]) { a in .int64(toInt64(a[0]) &- toInt64(a[1])) },
        "div": .plain([.interface, .interface]) { a in
            let d = toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(toInt64(a[0]) / d)
        },
        "mod": .plain([.interface, .interface]) { a in
            let d = toInt64(a[1])
            if d == 0 { throw GoError("runtime error: integer divide by zero") }
            return .int64(toInt64(a[0]) % d)
        },
        "mul": .plain([.interface], variadic: .interface) { a in
            .int64(a.dropFirst().reduce(toInt64(a[0])) { $0 &* toInt64($1) })
        },
        "max": .plain([.interface], variadic: .interface) { a in .int64(a.map(toInt64).max() ?? 0) },
        "biggest": .plain([.interface], variadic: .interface) { a in .int64(a.map(toInt64).max() ?? 0) },
        "min": .plain([.interface], variadic: .interface) { a in .int64(a.map(toInt64).min() ?? 0) },
        "maxf": .plain([.interface], variadic: .interface) { a in
            .float64(a.dropFirst().reduce(toFloat64(a[0])) { Swift.max($0, toFloat64($1)) })
        },
        "minf": .plain([.interface], variadic: .interface) { a in
            .float64(a.dropFirst().reduce(toFloat64(a[0])) { Swift.min($0, toFloat64($1)) })
        },
        "ceil": .plain([.interface]) { a in .float64(toFloat64(a[0]).rounded(.up)) },
        "floor": .plain([.interface]) { a in .float64(toFloat64(a[0]).rounded(.down)) },
        "round": .plain([.interface, .int], variadic: .float64) { a in
            let roundOn = a.count > 2 ? toFloat64(a[2]) : 0.5
            let val = toFloat64(a[0])
            let pow = Foundation.pow(10.0, Double(int(a[1])))
            let digit = pow * val
            let frac = digit - digit.rounded(.towardZero)
            let r = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
            return .float64(r / pow)
        },
        "addf": .plain([], variadic: .interface) { a in
            .float64(decimalOp(a, start: 0) { $0 + $1 })
        },
        "add1f": .plain([.interface]) { a in .float64(decimalOp([a[0], .float64(1)], start: 0) { $0 + $1 }) },
        "subf": .plain([.interface], variadic: .interface) { a in
            .float64(decimalOp(Array(a.dropFirst()), start: decimal(a[0])) { $0 - $1 })
        },
        "mulf": .plain([.interface], variadic: .interface) { a in
            .float64(decimalOp(Array(a.dropFirst()), start: decimal(a[0])) { $0 * $1 })
        },
        "divf": .plain([.interface], variadic: .interface) { a in
            var acc = decimal(a[0])
            for v in a.dropFirst() {
                let d = decimal(v)
                if d == 0 { throw GoError("decimal division by 0") }
                var q = acc / d
                var r = Decimal()
                NSDecimalRound(&r, &q, 16, .plain)
                acc = r
            }
            return .float64(NSDecimalNumber(decimal: acc).doubleValue)
        },
        "seq": .plain([], variadic: .int) { a in
            let p = a.map(int)
            var inc = 1
            var r: [Int] = []
            switch p.count {
            case 1:
                if p[0] < 1 { inc = -1 }
                r = untilStep(1, p[0] + inc, inc)
            case 2:
                let step = p[1] < p[0] ? -1 : 1
                r = untilStep(p[0], p[1] + step, step)
            case 3:
                if p[2] < p[0] {
                    inc = -1
                    if p[1] > 0 { return .string("") }
                }
                r = untilStep(p[0], p[2] + inc, p[1])
            default:
                return .string("")
            }
            return .string(r.map(String.init).joined(separator: " "))
        },
    ]

    /// A float as shopspring/decimal's `NewFromFloat` sees it (its shortest decimal form).
    static func decimal(_ v: Value) -> Decimal {
        let d = toFloat64(v)
        if d.isNaN || d.isInfinite { return 0 }
        return Decimal(string: GoFloatFormat.formatC(d, verb: "g", prec: 17).contains("e") ? shortestPlain(d) : shortestPlain(d)) ?? 0
    }

    private static func shortestPlain(_ d: Double) -> String {
        let (digits, dp) = GoFloatFormat.shortestDigits(d)
        let ds = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        let sign = d < 0 ? "-" : ""
        if dp <= 0 { return sign + "0." + String(repeating: "0", count: -dp) + ds }
        if dp >= ds.count { return sign + ds + String(repeating: "0", count: dp - ds.count) }
        return sign + String(ds.prefix(dp)) + "." + String(ds.dropFirst(dp))
    }

    private static func decimalOp(_ a: [Value], start: Decimal, _ op: (Decimal, Decimal) -> Decimal) -> Double {
        var acc = start
        for v in a { acc = op(acc, decimal(v)) }
        return NSDecimalNumber(decimal: acc).doubleValue
    }
}
