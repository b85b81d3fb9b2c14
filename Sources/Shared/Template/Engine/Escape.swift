/// Go's escaping helpers (`template.HTMLEscapeString`, `JSEscapeString`, `url.QueryEscape`).
enum Escape {
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for r in s.unicodeScalars {
            switch r {
            case "\0": out += "\u{FFFD}"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(r)
            }
        }
        return out
    }

    static func js(_ s: String) -> String {
        var out = ""
        for r in s.unicodeScalars {
            switch r {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if r.value < 0x20 || (!r.isASCII && !GoStrconv.isPrint(r)) {
                    let h = String(r.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
                } else {
                    out.unicodeScalars.append(r)
                }
            }
        }
        return out
    }

    /// `url.QueryEscape` (`pathEscape: false`) or `url.PathEscape` (`pathEscape: true`).
    static func queryEscape(_ s: String, pathEscape: Bool = false) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Unicode.Scalar(b)
            let unreserved = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                || c == "-" || c == "_" || c == "." || c == "~"
            if unreserved {
                out.unicodeScalars.append(c)
            } else if c == " " && !pathEscape {
                out += "+"
            } else if pathEscape && ":@&=+$".unicodeScalars.contains(c) {
                out.unicodeScalars.append(c)
            } else {
                let h = String(b, radix: 16, uppercase: true)
                out += "%" + (h.count == 1 ? "0" + h : h)
            }
        }
        return out
    }
}
