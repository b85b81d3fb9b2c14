extension Sprig {
    static let conversions: [String: GoFunction] = [
        "atoi": .plain([.string]) { a in .int(Int(str(a[0])) ?? 0) },
        "int": .plain([.interface]) { a in .int(Int(toInt64(a[0]))) },
        "int64": .plain([.interface]) { a in .int64(toInt64(a[0])) },
        "float64": .plain([.interface]) { a in .float64(toFloat64(a[0])) },
        "toDecimal": .plain([.interface]) { a in
            let s = strval(a[0])
            guard !s.isEmpty, s.allSatisfy({ $0 >= "0" && $0 <= "7" }) || (s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 >= "0" && $0 <= "7" })),
                  let v = Int64(s, radix: 8) else { return .int64(0) }
            return .int64(v)
        },
    ]
}
