/// What `kubefate doctor` found: one line per check that passed and one actionable line per problem.
struct DoctorReport: Sendable, Equatable {
    enum Outcome: Sendable, Equatable {
        case ok
        case problem
    }

    struct Line: Sendable, Equatable {
        var outcome: Outcome
        /// The checked step: config, dns, tcp, tls, auth, version.
        var check: String
        var text: String
    }

    private(set) var lines: [Line] = []

    var problems: Int { lines.count { $0.outcome == .problem } }

    mutating func ok(_ check: String, _ text: String) {
        lines.append(Line(outcome: .ok, check: check, text: text))
    }

    mutating func problem(_ check: String, _ text: String) {
        lines.append(Line(outcome: .problem, check: check, text: text))
    }

    /// `ok      dns: …` / `PROBLEM tls: …`, then a summary line.
    var text: String {
        var out = lines.map { ($0.outcome == .ok ? "ok      " : "PROBLEM ") + "\($0.check): \($0.text)\n" }.joined()
        out += problems == 0 ? "no problems found\n" : "\(problems) problem\(problems == 1 ? "" : "s") found\n"
        return out
    }
}
