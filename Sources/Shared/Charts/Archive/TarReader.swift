/// A tar reader for the formats `helm package`, GNU tar, bsdtar and Go's archive/tar write:
/// ustar (with `prefix`), GNU long names/link names (`L`/`K`), pax extended headers (`x`, `g`),
/// octal and base-256 numbers. Limits are checked while reading, before data is copied.
struct TarReader {
    private let bytes: [UInt8]
    private let limits: ArchiveLimits

    init(_ bytes: [UInt8], limits: ArchiveLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// All members in archive order.
    func entries() throws(ChartError) -> [TarEntry] {
        var entries: [TarEntry] = []
        var offset = 0
        var headerCount = 0
        var totalSize = 0
        var longName: String?
        var paxPath: String?
        var paxSize: Int?
        while true {
            guard offset + 512 <= bytes.count else {
                if offset == bytes.count { return entries }
                throw ChartError(.invalidArchive, "tar: unexpected EOF")
            }
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return entries }
            headerCount += 1
            if headerCount > limits.maxEntries {
                throw ChartError(.unsafeArchive, "chart archive has more than \(limits.maxEntries) entries")
            }
            try Self.verifyChecksum(header)
            let typeflag = header[header.startIndex + 156]
            var size = try Self.number(header, 124, 12)
            if let paxSize { size = paxSize }
            let isRegular = typeflag == UInt8(ascii: "0") || typeflag == 0 || typeflag == UInt8(ascii: "7")
            if isRegular || typeflag == UInt8(ascii: "x") || typeflag == UInt8(ascii: "L") {
                if size > limits.maxEntrySize {
                    throw ChartError(.unsafeArchive, "chart archive entry larger than \(limits.maxEntrySize) bytes")
                }
                totalSize += size
                if totalSize > limits.maxTotalSize {
                    throw ChartError(.unsafeArchive, "chart archive unpacks to more than \(limits.maxTotalSize) bytes")
                }
            }
            let dataStart = offset + 512
            guard size >= 0, dataStart + size <= bytes.count else {
                throw ChartError(.invalidArchive, "tar: unexpected EOF")
            }
            offset = dataStart + (size + 511) / 512 * 512
            let data = Array(bytes[dataStart..<dataStart + size])
            switch typeflag {
            case UInt8(ascii: "L"):
                longName = Self.cString(data[...])
                continue
            case UInt8(ascii: "K"):
                continue
            case UInt8(ascii: "x"):
                let records = try Self.paxRecords(data)
                paxPath = records["path"] ?? paxPath
                if let s = records["size"] {
                    guard let n = Int(s), n >= 0 else { throw ChartError(.invalidArchive, "tar: invalid pax size \(s)") }
                    paxSize = n
                }
                continue
            default:
                break
            }
            var name = Self.cString(header[header.startIndex..<header.startIndex + 100])
            let magic = Array(header[header.startIndex + 257..<header.startIndex + 263])
            if magic == Array("ustar\0".utf8) {
                let prefix = Self.cString(header[header.startIndex + 345..<header.startIndex + 500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            if let longName { name = longName }
            if let paxPath { name = paxPath }
            longName = nil
            paxPath = nil
            paxSize = nil
            let kind: TarEntry.Kind = switch typeflag {
            case _ where isRegular: .file
            case UInt8(ascii: "5"): .directory
            case UInt8(ascii: "2"): .symlink
            case UInt8(ascii: "1"): .hardlink
            case UInt8(ascii: "g"): .globalPaxHeader
            default: .other(typeflag)
            }
            entries.append(TarEntry(name: name, kind: kind, data: kind == .file ? data : []))
        }
    }

    private static func verifyChecksum(_ header: ArraySlice<UInt8>) throws(ChartError) {
        let stored = try number(header, 148, 8)
        var unsigned = 0
        var signed = 0
        for (i, byte) in header.enumerated() {
            let b = (148..<156).contains(i) ? UInt8(ascii: " ") : byte
            unsigned += Int(b)
            signed += Int(Int8(bitPattern: b))
        }
        guard stored == unsigned || stored == signed else {
            throw ChartError(.invalidArchive, "tar: invalid header (checksum mismatch)")
        }
    }

    /// Reads a numeric header field: NUL/space-terminated octal, or base-256 when the high bit is set.
    private static func number(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) throws(ChartError) -> Int {
        let field = header[header.startIndex + at..<header.startIndex + at + length]
        if let first = field.first, first & 0x80 != 0 {
            guard first == 0x80 else { throw ChartError(.invalidArchive, "tar: negative or oversized number in header") }
            var value = 0
            for byte in field.dropFirst() {
                guard value < Int.max >> 8 else { throw ChartError(.invalidArchive, "tar: number in header overflows") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var seenDigit = false
        for byte in field {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value < Int.max >> 3 else { throw ChartError(.invalidArchive, "tar: number in header overflows") }
                value = value << 3 | Int(byte - UInt8(ascii: "0"))
                seenDigit = true
            case UInt8(ascii: " ") where !seenDigit:
                continue
            case 0, UInt8(ascii: " "):
                return value
            default:
                throw ChartError(.invalidArchive, "tar: invalid number in header")
            }
        }
        return value
    }

    private static func cString(_ field: ArraySlice<UInt8>) -> String {
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }

    /// Parses pax records `"<length> <key>=<value>\n"`.
    private static func paxRecords(_ data: [UInt8]) throws(ChartError) -> [String: String] {
        var records: [String: String] = [:]
        var i = 0
        while i < data.count {
            guard let space = data[i...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: data[i..<space], as: UTF8.self)),
                  length > space - i, i + length <= data.count, data[i + length - 1] == UInt8(ascii: "\n"),
                  let equals = data[(space + 1)..<(i + length)].firstIndex(of: UInt8(ascii: "="))
            else {
                throw ChartError(.invalidArchive, "tar: invalid pax header")
            }
            let key = String(decoding: data[(space + 1)..<equals], as: UTF8.self)
            records[key] = String(decoding: data[(equals + 1)..<(i + length - 1)], as: UTF8.self)
            i += length
        }
        return records
    }
}
