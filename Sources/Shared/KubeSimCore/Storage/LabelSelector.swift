/// A parsed label selector (`app=web,tier in (a,b),!legacy`), as `labels.Parse` accepts it.
public struct LabelSelector: Sendable, Equatable {
    /// One requirement.
    public enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case notExists(String)
    }

    /// All requirements; every one must hold.
    public var requirements: [Requirement]

    /// Selects everything.
    public static let everything = LabelSelector(requirements: [])

    /// Creates a selector from requirements.
    public init(requirements: [Requirement]) { self.requirements = requirements }

    /// Whether the labels satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        for r in requirements {
            switch r {
            case .equals(let k, let v): if labels[k] != v { return false }
            case .notEquals(let k, let v): if labels[k] == v { return false }
            case .in(let k, let vs): guard let v = labels[k], vs.contains(v) else { return false }
            case .notIn(let k, let vs): if let v = labels[k], vs.contains(v) { return false }
            case .exists(let k): if labels[k] == nil { return false }
            case .notExists(let k): if labels[k] != nil { return false }
            }
        }
        return true
    }

    /// Parses the query-string form; throws 400 with the apiserver's wording on syntax errors.
    public init(parsing text: String) throws(KubeError) {
        var reqs: [Requirement] = []
        var chars = Array(text)
        var i = 0
        func skip() { while i < chars.count, chars[i] == " " { i += 1 } }
        func bad(_ why: String) -> KubeError {
            KubeError.badRequest("unable to parse requirement: \(why)")
        }
        func ident() -> String {
            skip()
            var s = ""
            while i < chars.count, !" ,=!()".contains(chars[i]) { s.append(chars[i]); i += 1 }
            return s
        }
        chars.append(contentsOf: [])
        while true {
            skip()
            if i >= chars.count { break }
            if chars[i] == "!" {
                i += 1
                let k = ident()
                if k.isEmpty { throw bad("found '', expected: identifier") }
                reqs.append(.notExists(k))
            } else {
                let k = ident()
                if k.isEmpty { throw bad("found '\(i < chars.count ? String(chars[i]) : "")', expected: identifier") }
                skip()
                if i >= chars.count || chars[i] == "," {
                    reqs.append(.exists(k))
                } else if chars[i] == "=" {
                    i += 1
                    if i < chars.count, chars[i] == "=" { i += 1 }
                    reqs.append(.equals(k, ident()))
                } else if chars[i] == "!" {
                    i += 1
                    guard i < chars.count, chars[i] == "=" else { throw bad("found '!', expected: '='") }
                    i += 1
                    reqs.append(.notEquals(k, ident()))
                } else {
                    let op = ident()
                    guard op == "in" || op == "notin" else {
                        throw bad("found '\(op)', expected: in, notin, =, ==, !=, gt, lt")
                    }
                    skip()
                    guard i < chars.count, chars[i] == "(" else { throw bad("found '', expected: '('") }
                    i += 1
                    var vals: Set<String> = []
                    while true {
                        let v = ident()
                        if !v.isEmpty { vals.insert(v) }
                        skip()
                        guard i < chars.count else { throw bad("found '', expected: ')'") }
                        if chars[i] == "," { i += 1; continue }
                        if chars[i] == ")" { i += 1; break }
                        throw bad("found '\(chars[i])', expected: ',' or ')'")
                    }
                    reqs.append(op == "in" ? .in(k, vals) : .notIn(k, vals))
                }
            }
            skip()
            if i >= chars.count { break }
            guard chars[i] == "," else { throw bad("found '\(chars[i])', expected: ','") }
            i += 1
        }
        self.requirements = reqs
    }

    /// Builds a selector from a `LabelSelector` object (`matchLabels`, `matchExpressions`).
    public init(object: JSON?) {
        var reqs: [Requirement] = []
        for (k, v) in (object?["matchLabels"]?.stringMap ?? [:]).sorted(by: { $0.key < $1.key }) { reqs.append(.equals(k, v)) }
        for e in object?["matchExpressions"]?.array ?? [] {
            let k = e["key"]?.string ?? ""
            let vals = Set((e["values"]?.array ?? []).compactMap(\.string))
            switch e["operator"]?.string {
            case "In": reqs.append(.in(k, vals))
            case "NotIn": reqs.append(.notIn(k, vals))
            case "Exists": reqs.append(.exists(k))
            case "DoesNotExist": reqs.append(.notExists(k))
            default: break
            }
        }
        self.requirements = reqs
    }

    /// The string form kubectl prints (`app=web,tier in (a,b)`).
    public var description: String {
        requirements.map { r -> String in
            switch r {
            case .equals(let k, let v): return "\(k)=\(v)"
            case .notEquals(let k, let v): return "\(k)!=\(v)"
            case .in(let k, let vs): return "\(k) in (\(vs.sorted().joined(separator: ",")))"
            case .notIn(let k, let vs): return "\(k) notin (\(vs.sorted().joined(separator: ",")))"
            case .exists(let k): return k
            case .notExists(let k): return "!\(k)"
            }
        }.joined(separator: ",")
    }
}
