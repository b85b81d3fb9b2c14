/// Go's template lexer, run to completion up front (tokens are then read by the parser).
struct Lexer {
    private let input: [UInt8]
    private let breakOK: Bool
    private var pos = 0
    private var start = 0
    private var line = 1
    private var startLine = 1
    private var parenDepth = 0
    private(set) var items: [Item] = []

    private static let leftDelim: [UInt8] = Array("{{".utf8)
    private static let rightDelim: [UInt8] = Array("}}".utf8)

    private enum State { case text, leftDelim, comment, rightDelim, insideAction, done }

    init(input: [UInt8], breakOK: Bool) {
        self.input = input
        self.breakOK = breakOK
        run()
    }

    // MARK: helpers

    private func hasPrefix(_ p: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + p.count <= input.count else { return false }
        for k in 0..<p.count where input[i + k] != p[k] { return false }
        return true
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    private static func isSpace(_ r: Unicode.Scalar?) -> Bool {
        guard let r else { return false }
        return r == " " || r == "\t" || r == "\r" || r == "\n"
    }

    static func isAlphaNumeric(_ r: Unicode.Scalar?) -> Bool {
        guard let r else { return false }
        if r == "_" { return true }
        if r.isASCII { return (r >= "a" && r <= "z") || (r >= "A" && r <= "Z") || (r >= "0" && r <= "9") }
        return isLetter(r) || r.properties.generalCategory == .decimalNumber
    }

    private static func isLetter(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// Decodes the scalar at byte offset `i` and its length.
    private func decode(at i: Int) -> (Unicode.Scalar?, Int) {
        guard i < input.count else { return (nil, 0) }
        let b0 = input[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var len = 0
        var v: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { len = 2; v = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { len = 3; v = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { len = 4; v = UInt32(b0 & 0x07) }
        else { return (Unicode.Scalar(0xFFFD), 1) }
        guard i + len <= input.count else { return (Unicode.Scalar(0xFFFD), 1) }
        for k in 1..<len {
            let b = input[i + k]
            guard b & 0xC0 == 0x80 else { return (Unicode.Scalar(0xFFFD), 1) }
            v = v << 6 | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(v) ?? Unicode.Scalar(0xFFFD), len)
    }

    private var lastWidth = 0
    private var atEOF = false

    private mutating func next() -> Unicode.Scalar? {
        if pos >= input.count { atEOF = true; lastWidth = 0; return nil }
        let (r, w) = decode(at: pos)
        lastWidth = w
        pos += w
        if r == "\n" { line += 1 }
        return r
    }

    private mutating func backup() {
        if !atEOF && pos > 0 && lastWidth > 0 {
            pos -= lastWidth
            lastWidth = 0
            if input[pos] == 0x0A { line -= 1 }
        }
    }

    private func peek() -> Unicode.Scalar? { decode(at: pos).0 }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to { if input[i] == 0x0A { n += 1 }; i += 1 }
        return n
    }

    private mutating func thisItem(_ t: ItemType) -> Item {
        let item = Item(type: t, pos: start, val: text(start, pos), line: startLine)
        start = pos
        startLine = line
        return item
    }

    private mutating func emit(_ t: ItemType) { items.append(thisItem(t)) }

    private mutating func ignore() {
        line += countNewlines(start, pos)
        start = pos
        startLine = line
    }

    private mutating func error(_ message: String) -> State {
        items.append(Item(type: .error, pos: start, val: message, line: startLine))
        return .done
    }

    private mutating func accept(_ valid: String) -> Bool {
        if let r = next(), valid.unicodeScalars.contains(r) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while let r = next(), valid.unicodeScalars.contains(r) {}
        backup()
    }

    private func hasLeftTrimMarker(_ i: Int) -> Bool {
        i + 1 < input.count && input[i] == UInt8(ascii: "-") && Self.isSpace(input[i + 1])
    }

    private func hasRightTrimMarker(_ i: Int) -> Bool {
        i >= 0 && i + 1 < input.count && Self.isSpace(input[i]) && input[i + 1] == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(pos) && hasPrefix(Self.rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(Self.rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    private func atTerminator() -> Bool {
        let r = peek()
        if Self.isSpace(r) { return true }
        switch r {
        case nil, ".", ",", "|", ":", ")", "(": return true
        default: return hasPrefix(Self.rightDelim, at: pos)
        }
    }

    // MARK: states

    private mutating func run() {
        var state = State.text
        while true {
            switch state {
            case .text: state = lexText()
            case .leftDelim: state = lexLeftDelim()
            case .comment: state = lexComment()
            case .rightDelim: state = lexRightDelim()
            case .insideAction: state = lexInsideAction()
            case .done: return
            }
        }
    }

    private func indexOfLeftDelim(from: Int) -> Int? {
        var i = from
        while i + 1 < input.count {
            if input[i] == 0x7B && input[i + 1] == 0x7B { return i }
            i += 1
        }
        return nil
    }

    private mutating func lexText() -> State {
        if let x = indexOfLeftDelim(from: pos) {
            if x > pos {
                pos = x
                var trimLength = 0
                if hasLeftTrimMarker(pos + 2) {
                    var k = pos
                    while k > start && Self.isSpace(input[k - 1]) { k -= 1 }
                    trimLength = pos - k
                }
                pos -= trimLength
                line += countNewlines(start, pos)
                let item = thisItem(.text)
                pos += trimLength
                ignore()
                if !item.val.isEmpty { items.append(item) }
            }
            return .leftDelim
        }
        pos = input.count
        if pos > start {
            line += countNewlines(start, pos)
            emit(.text)
        }
        emit(.eof)
        return .done
    }

    private mutating func lexLeftDelim() -> State {
        pos += 2
        let trimSpace = hasLeftTrimMarker(pos)
        let afterMarker = trimSpace ? 2 : 0
        if hasPrefix(Array("/*".utf8), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return .comment
        }
        let item = thisItem(.leftDelim)
        pos += afterMarker
        ignore()
        parenDepth = 0
        items.append(item)
        return .insideAction
    }

    private mutating func lexComment() -> State {
        pos += 2
        var x: Int? = nil
        var i = pos
        while i + 1 < input.count {
            if input[i] == UInt8(ascii: "*") && input[i + 1] == UInt8(ascii: "/") { x = i; break }
            i += 1
        }
        guard let end = x else { return error("unclosed comment") }
        pos = end + 2
        let (delim, trimSpace) = atRightDelim()
        if !delim { return error("comment ends before closing delimiter") }
        _ = thisItem(.comment)
        if trimSpace { pos += 2 }
        pos += 2
        if trimSpace { while pos < input.count && Self.isSpace(input[pos]) { pos += 1 } }
        ignore()
        return .text
    }

    private mutating func lexRightDelim() -> State {
        let (_, trimSpace) = atRightDelim()
        if trimSpace {
            pos += 2
            ignore()
        }
        pos += 2
        let item = thisItem(.rightDelim)
        if trimSpace {
            while pos < input.count && Self.isSpace(input[pos]) { pos += 1 }
            ignore()
        }
        items.append(item)
        return .text
    }

    private mutating func lexInsideAction() -> State {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return .rightDelim }
            return error("unclosed left paren")
        }
        let r = next()
        switch r {
        case nil:
            return error("unclosed action")
        case let r? where Self.isSpace(r):
            backup()
            return lexSpace()
        case "=":
            emit(.assign)
        case ":":
            if next() != "=" { return error("expected :=") }
            emit(.declare)
        case "|":
            emit(.pipe)
        case "\"":
            return lexQuote()
        case "`":
            return lexRawQuote()
        case "$":
            return lexVariable()
        case "'":
            return lexChar()
        case ".":
            if pos < input.count {
                let c = input[pos]
                if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { return lexFieldOrVariable(.field) }
            }
            backup()
            return lexNumber()
        case let r? where r == "+" || r == "-" || (r >= "0" && r <= "9"):
            backup()
            return lexNumber()
        case let r? where Self.isAlphaNumeric(r):
            backup()
            return lexIdentifier()
        case "(":
            emit(.leftParen)
            parenDepth += 1
        case ")":
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return error("unexpected right paren") }
        case let r? where r.isASCII && r.value >= 0x20 && r.value < 0x7F:
            emit(.char)
        case let r?:
            return error("unrecognized character in action: \(GoStrconv.unicodeHash(r))")
        }
        return .insideAction
    }

    private mutating func lexSpace() -> State {
        var numSpaces = 0
        while Self.isSpace(peek()) {
            _ = next()
            numSpaces += 1
        }
        if hasRightTrimMarker(pos - 1) && hasPrefix(Self.rightDelim, at: pos - 1 + 2) {
            backup()
            if numSpaces == 1 { return .rightDelim }
        }
        emit(.space)
        return .insideAction
    }

    private mutating func lexIdentifier() -> State {
        var r: Unicode.Scalar?
        repeat { r = next() } while Self.isAlphaNumeric(r)
        backup()
        let word = text(start, pos)
        if !atTerminator() { return error("bad character \(GoStrconv.unicodeHash(r ?? " "))") }
        if let kw = ItemType.keywords[word], kw != .dot {
            if (kw == .breakKeyword || kw == .continueKeyword) && !breakOK {
                emit(.identifier)
            } else {
                emit(kw)
            }
        } else if word.hasPrefix(".") {
            emit(.field)
        } else if word == "true" || word == "false" {
            emit(.bool)
        } else {
            emit(.identifier)
        }
        return .insideAction
    }

    private mutating func lexVariable() -> State {
        if atTerminator() {
            emit(.variable)
            return .insideAction
        }
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ t: ItemType) -> State {
        if atTerminator() {
            emit(t == .variable ? .variable : .dot)
            return .insideAction
        }
        var r: Unicode.Scalar?
        while true {
            r = next()
            if !Self.isAlphaNumeric(r) { backup(); break }
        }
        if !atTerminator() { return error("bad character \(GoStrconv.unicodeHash(r ?? " "))") }
        emit(t)
        return .insideAction
    }

    private mutating func lexChar() -> State {
        loop: while true {
            switch next() {
            case "\\":
                if let r = next(), r != "\n" { continue }
                return error("unterminated character constant")
            case nil, "\n":
                return error("unterminated character constant")
            case "'":
                break loop
            default:
                continue
            }
        }
        emit(.charConstant)
        return .insideAction
    }

    private mutating func lexNumber() -> State {
        if !scanNumber() { return error("bad number syntax: \(GoStrconv.quote(text(start, pos)))") }
        if let sign = peek(), sign == "+" || sign == "-" {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                return error("bad number syntax: \(GoStrconv.quote(text(start, pos)))")
            }
            emit(.complex)
            return .insideAction
        }
        emit(.number)
        return .insideAction
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") { digits = "0123456789abcdefABCDEF_" }
            else if accept("oO") { digits = "01234567_" }
            else if accept("bB") { digits = "01_" }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Self.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    private mutating func lexQuote() -> State {
        loop: while true {
            switch next() {
            case "\\":
                if let r = next(), r != "\n" { continue }
                return error("unterminated quoted string")
            case nil, "\n":
                return error("unterminated quoted string")
            case "\"":
                break loop
            default:
                continue
            }
        }
        emit(.string)
        return .insideAction
    }

    private mutating func lexRawQuote() -> State {
        loop: while true {
            switch next() {
            case nil: return error("unterminated raw quoted string")
            case "`": break loop
            default: continue
            }
        }
        emit(.rawString)
        return .insideAction
    }
}
