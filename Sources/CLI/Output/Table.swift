/// Text tables in the layout of KubeFATE's CLI (gosuri/uitable + helm's `EncodeTable`): every cell,
/// the last included, is left-aligned and right-padded to its column's width; cells are joined by a
/// TAB, rows by a newline; a final row holds one empty cell padded to the first column's width, and
/// the text ends with a newline. Cells may hold several lines; with `maxColumnWidth`, long lines are
/// word-wrapped (key/value tables).
struct Table {
    private(set) var rows: [[String]] = []
    /// Wrap width for key/value tables (terminal width − 20, or 120 off a terminal); nil = no limit.
    var maxColumnWidth: Int?

    init(maxColumnWidth: Int? = nil) {
        self.maxColumnWidth = maxColumnWidth
    }

    mutating func addRow(_ cells: String...) {
        rows.append(cells)
    }

    mutating func addRow(_ cells: [String]) {
        rows.append(cells)
    }

    func render() -> String {
        let wrapped = rows.map { row in row.map { cell in wrap(cell) } }
        var widths: [Int] = []
        for row in wrapped {
            for (index, lines) in row.enumerated() {
                let width = lines.map(Self.displayWidth).max() ?? 0
                if index < widths.count { widths[index] = max(widths[index], width) } else { widths.append(width) }
            }
        }
        var out: [String] = []
        for row in wrapped {
            let height = row.map(\.count).max() ?? 1
            for line in 0..<height {
                let cells = row.enumerated().map { index, lines in
                    Self.pad(line < lines.count ? lines[line] : "", to: widths[index])
                }
                out.append(cells.joined(separator: "\t"))
            }
        }
        out.append(Self.pad("", to: widths.first ?? 0))
        return out.joined(separator: "\n") + "\n"
    }

    private func wrap(_ cell: String) -> [String] {
        let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let limit = maxColumnWidth, limit > 0 else { return lines }
        return lines.flatMap { line -> [String] in
            guard Self.displayWidth(line) > limit else { return [line] }
            var result: [String] = []
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if current.isEmpty {
                    current = String(word)
                } else if Self.displayWidth(current) + 1 + Self.displayWidth(String(word)) <= limit {
                    current += " " + word
                } else {
                    result.append(current)
                    current = String(word)
                }
            }
            result.append(current)
            return result
        }
    }

    private static func pad(_ text: String, to width: Int) -> String {
        let missing = width - displayWidth(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// Columns a string takes on a terminal: characters, ANSI escape sequences excluded.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7e).contains(scalar.value), scalar != "[" { inEscape = false }
            } else if scalar == "\u{1b}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
