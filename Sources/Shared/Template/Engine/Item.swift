/// Token kinds of Go's `text/template/parse` lexer.
enum ItemType: Equatable {
    case error, bool, char, charConstant, comment, complex, assign, declare, eof, field
    case identifier, leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen
    case space, string, text, variable
    // keywords
    case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword
    case range, template, with

    var isKeyword: Bool {
        switch self {
        case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end,
             .ifKeyword, .nilKeyword, .range, .template, .with: true
        default: false
        }
    }

    static let keywords: [String: ItemType] = [
        ".": .dot, "block": .block, "break": .breakKeyword, "continue": .continueKeyword,
        "define": .define, "else": .elseKeyword, "end": .end, "if": .ifKeyword,
        "range": .range, "nil": .nilKeyword, "template": .template, "with": .with,
    ]
}

/// A lexed token: kind, byte offset, text and line (1-based) where it starts.
struct Item {
    var type: ItemType
    var pos: Int
    var val: String
    var line: Int

    /// The token as Go's `item.String()` prints it in parse errors.
    var description: String {
        switch type {
        case .eof: return "EOF"
        case .error: return val
        default:
            if type.isKeyword { return "<\(val)>" }
            let scalars = Array(val.unicodeScalars)
            if scalars.count > 10 {
                return GoStrconv.quote(String(String.UnicodeScalarView(scalars[0..<10]))) + "..."
            }
            return GoStrconv.quote(val)
        }
    }
}
