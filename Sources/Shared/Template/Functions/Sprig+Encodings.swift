import CCryptoLazy

extension Sprig {
    static let encodings: [String: GoFunction] = [
        "b64enc": .plain([.string]) { a in .string(Base.encode64(Array(str(a[0]).utf8))) },
        "b64dec": .plain([.string]) { a in
            switch Base.decode64(str(a[0])) {
            case .success(let b): return .string(String(decoding: b, as: UTF8.self))
            case .failure(let e): return .string(e.message)
            }
        },
        "b32enc": .plain([.string]) { a in .string(Base.encode32(Array(str(a[0]).utf8))) },
        "b32dec": .plain([.string]) { a in
            switch Base.decode32(str(a[0])) {
            case .success(let b): return .string(String(decoding: b, as: UTF8.self))
            case .failure(let e): return .string(e.message)
            }
        },
        "sha1sum": .plain([.string]) { a in .string(try digest(str(a[0]), sha256: false)) },
        "sha256sum": .plain([.string]) { a in .string(try digest(str(a[0]), sha256: true)) },
        "adler32sum": .plain([.string]) { a in
            var s1: UInt32 = 1, s2: UInt32 = 0
            for b in str(a[0]).utf8 {
                s1 = (s1 + UInt32(b)) % 65521
                s2 = (s2 + s1) % 65521
            }
            return .string(String(s2 << 16 | s1))
        },
        "urlJoin": .plain([.stringMap]) { a in .string(URLParts.join(goMap(a[0]))) },
        "urlParse": .plain([.string]) { a in try .map(URLParts.parse(str(a[0]))) },
    ]

    /// Lower-case hex SHA-256 or SHA-1 of the string's UTF-8 (libcrypto, loaded on first use).
    static func digest(_ s: String, sha256: Bool) throws(GoError) -> String {
        if let failure = kfcrypto_open() { throw GoError(String(cString: failure)) }
        let bytes = Array(s.utf8)
        var out = [UInt8](repeating: 0, count: sha256 ? 32 : 20)
        let ok = bytes.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                sha256 ? kfcrypto_sha256(p.baseAddress, p.count, o.baseAddress)
                    : kfcrypto_sha1(p.baseAddress, p.count, o.baseAddress)
            }
        }
        guard ok == 1 else { throw GoError("\(sha256 ? "sha256sum" : "sha1sum"): libcrypto failed") }
        return out.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }
}

/// Go's `encoding/base64` (StdEncoding) and `encoding/base32` (StdEncoding) with Go's errors.
enum Base {
    private static let b64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let b32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode64(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let n = min(3, data.count - i)
            var v: UInt32 = 0
            for k in 0..<3 { v = v << 8 | (k < n ? UInt32(data[i + k]) : 0) }
            for k in 0..<4 {
                out.append(k <= n ? b64[Int((v >> (18 - 6 * UInt32(k))) & 63)] : UInt8(ascii: "="))
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode64(_ s: String) -> Result<[UInt8], GoError> {
        let input = Array(s.utf8).filter { $0 != 0x0A && $0 != 0x0D }
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            var vals: [UInt32] = []
            var pad = 0
            for k in 0..<4 {
                let idx = i + k
                guard idx < input.count else {
                    return .failure(GoError("illegal base64 data at input byte \(input.count)"))
                }
                let c = input[idx]
                if c == UInt8(ascii: "=") {
                    if k < 2 { return .failure(GoError("illegal base64 data at input byte \(idx)")) }
                    pad += 1
                    vals.append(0)
                    continue
                }
                if pad > 0 { return .failure(GoError("illegal base64 data at input byte \(idx)")) }
                guard let p = b64.firstIndex(of: c) else { return .failure(GoError("illegal base64 data at input byte \(idx)")) }
                vals.append(UInt32(p))
            }
            let v = vals[0] << 18 | vals[1] << 12 | vals[2] << 6 | vals[3]
            out.append(UInt8(v >> 16 & 0xFF))
            if pad < 2 { out.append(UInt8(v >> 8 & 0xFF)) }
            if pad < 1 { out.append(UInt8(v & 0xFF)) }
            i += 4
            if pad > 0 && i < input.count { return .failure(GoError("illegal base64 data at input byte \(i)")) }
        }
        return .success(out)
    }

    static func encode32(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let n = min(5, data.count - i)
            var v: UInt64 = 0
            for k in 0..<5 { v = v << 8 | (k < n ? UInt64(data[i + k]) : 0) }
            let chars = [0, 2, 4, 5, 7, 8][n]
            for k in 0..<8 {
                out.append(k < chars ? b32[Int((v >> (35 - 5 * UInt64(k))) & 31)] : UInt8(ascii: "="))
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode32(_ s: String) -> Result<[UInt8], GoError> {
        let input = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            var v: UInt64 = 0
            var chars = 0
            for k in 0..<8 {
                guard i + k < input.count else { return .failure(GoError("illegal base32 data at input byte \(input.count)")) }
                let c = input[i + k]
                if c == UInt8(ascii: "=") { v <<= 5; continue }
                guard let p = b32.firstIndex(of: c) else { return .failure(GoError("illegal base32 data at input byte \(i + k)")) }
                v = v << 5 | UInt64(p)
                chars += 1
            }
            let bytes = [0, 0, 1, 1, 2, 3, 3, 4, 5][chars]
            for k in 0..<bytes { out.append(UInt8(v >> (32 - 8 * UInt64(k)) & 0xFF)) }
            i += 8
        }
        return .success(out)
    }
}
