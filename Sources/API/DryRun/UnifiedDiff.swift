/// A line diff in unified format (`diff -u`): Myers' shortest edit script, hunks with three lines
/// of context, `--- old` / `+++ new` headers. Empty when the texts are equal.
struct UnifiedDiff: Sendable {
    var oldName: String
    var newName: String
    var context = 3

    private enum Edit: Equatable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    func diff(_ old: String, _ new: String) -> String {
        let a = Self.lines(old), b = Self.lines(new)
        let edits = Self.editScript(a, b)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            // Find the next change, then extend the hunk while changes are within 2×context.
            guard let firstChange = edits[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if case .same = edits[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            let stop = min(edits.count, lastChange + context + 1)
            out += hunk(Array(edits[start..<stop]), a, b)
            index = stop
        }
        return out
    }

    private func hunk(_ edits: [Edit], _ a: [Substring], _ b: [Substring]) -> String {
        var oldStart = -1, newStart = -1, oldCount = 0, newCount = 0
        var body = ""
        for edit in edits {
            switch edit {
            case .same(let i, let j):
                if oldStart < 0 { oldStart = i }
                if newStart < 0 { newStart = j }
                oldCount += 1
                newCount += 1
                body += " \(a[i])\n"
            case .delete(let i):
                if oldStart < 0 { oldStart = i }
                oldCount += 1
                body += "-\(a[i])\n"
            case .insert(let j):
                if newStart < 0 { newStart = j }
                newCount += 1
                body += "+\(b[j])\n"
            }
        }
        // Positions of an empty side are those of the line before the hunk (diff -u rules).
        let oldLine = oldCount == 0 ? Self.position(before: edits, old: true) : oldStart + 1
        let newLine = newCount == 0 ? Self.position(before: edits, old: false) : newStart + 1
        return "@@ -\(Self.range(oldLine, oldCount)) +\(Self.range(newLine, newCount)) @@\n" + body
    }

    private static func position(before edits: [Edit], old: Bool) -> Int {
        for edit in edits {
            switch edit {
            case .same(let i, let j): return old ? i : j
            case .delete(let i): if old { return i }
            case .insert(let j): if !old { return j }
            }
        }
        return 0
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Myers' O(ND) algorithm, with the traces kept to walk the path back.
    private static func editScript(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        let n = a.count, m = b.count, max = n + m
        if max == 0 { return [] }
        let offset = max
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break }
            }
            if found { break }
        }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : v[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX, y > prevY {
                x -= 1
                y -= 1
                edits.append(.same(x, y))
            }
            if d > 0 {
                if x == prevX { edits.append(.insert(prevY)) } else { edits.append(.delete(prevX)) }
            }
            x = prevX
            y = prevY
        }
        return edits.reversed()
    }
}
