/// Builds tar and gzip streams byte by byte, so tests can craft hostile archives.
struct TarBuilder {
    private(set) var bytes: [UInt8] = []

    /// Appends a header (ustar) and data padded to 512 bytes.
    mutating func add(_ name: String, _ data: [UInt8] = [], type: UInt8 = UInt8(ascii: "0"),
                      linkName: String = "", size: Int? = nil, prefix: String = "") {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ s: String, _ at: Int, _ length: Int) {
            for (i, b) in Array(s.utf8).prefix(length).enumerated() { header[at + i] = b }
        }
        func octal(_ n: Int, _ at: Int, _ length: Int) {
            put(zeroPadded(String(n, radix: 8), length - 1), at, length - 1)
        }
        put(name, 0, 100)
        octal(0o644, 100, 8)
        octal(0, 108, 8)
        octal(0, 116, 8)
        octal(size ?? data.count, 124, 12)
        octal(0, 136, 12)
        header[156] = type
        put(linkName, 157, 100)
        put("ustar\0", 257, 6)
        put("00", 263, 2)
        put(prefix, 345, 155)
        for i in 148..<156 { header[i] = UInt8(ascii: " ") }
        let sum = header.reduce(0) { $0 + Int($1) }
        put(zeroPadded(String(sum, radix: 8), 6) + "\0 ", 148, 8)
        bytes += header
        bytes += data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    /// Appends a pax extended header carrying `records`.
    mutating func pax(_ records: [String: String], global: Bool = false) {
        var body: [UInt8] = []
        for (key, value) in records.sorted(by: { $0.key < $1.key }) {
            let rest = " \(key)=\(value)\n"
            var length = rest.utf8.count + 1
            while String(length).utf8.count + rest.utf8.count != length { length += 1 }
            body += Array("\(length)\(rest)".utf8)
        }
        add("PaxHeaders/x", body, type: UInt8(ascii: global ? "g" : "x"))
    }

    /// The archive with its two zero end blocks.
    var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}

private func zeroPadded(_ digits: String, _ length: Int) -> String {
    String(repeating: "0", count: max(0, length - digits.count)) + digits
}

/// gzip with stored (uncompressed) deflate blocks and a real CRC-32.
enum GzipBuilder {
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out.append(final)
            out += le16(length) + le16(~length & 0xFFFF)
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        out += le32(Int(crc32(data))) + le32(data.count & 0xFFFF_FFFF)
        return out
    }

    private static func le16(_ n: Int) -> [UInt8] { [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF)] }
    private static func le32(_ n: Int) -> [UInt8] { le16(n & 0xFFFF) + le16(n >> 16 & 0xFFFF) }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
