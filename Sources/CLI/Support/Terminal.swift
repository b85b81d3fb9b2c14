#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Facts about standard output and a writer that does not go through C's `stdout` global.
enum Terminal {
    static var isTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Terminal columns (TIOCGWINSZ, then `COLUMNS`), or nil off a terminal.
    static var columns: Int? {
        guard isTTY else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
    }

    /// KubeFATE's key/value tables wrap at terminal width − 20, or 120 off a terminal.
    static var keyValueWidth: Int { columns.map { max(20, $0 - 20) } ?? 120 }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Terminal {
    static func write(bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
