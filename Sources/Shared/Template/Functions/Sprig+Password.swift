import CCryptoLazy

extension Sprig {
    /// Sprig's `derivePassword` (the Master Password algorithm: scrypt, then HMAC-SHA256).
    static let passwords: [String: GoFunction] = [
        "derivePassword": .plain([.int, .string, .string, .string, .string]) { a in
            .string(try derivePassword(counter: UInt32(truncatingIfNeeded: int(a[0])), type: str(a[1]),
                                   password: str(a[2]), user: str(a[3]), site: str(a[4])))
        },
    ]

    private static let seed = Array("com.lyndir.masterpassword".utf8)

    private static let characters: [UInt8: [UInt8]] = [
        UInt8(ascii: "V"): Array("AEIOU".utf8),
        UInt8(ascii: "C"): Array("BCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "v"): Array("aeiou".utf8),
        UInt8(ascii: "c"): Array("bcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "A"): Array("AEIOUBCDFGHJKLMNPQRSTVWXYZ".utf8),
        UInt8(ascii: "a"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz".utf8),
        UInt8(ascii: "n"): Array("0123456789".utf8),
        UInt8(ascii: "o"): Array("@&%?,=[]_:-+*$#!'^~;()/.".utf8),
        UInt8(ascii: "x"): Array("AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()".utf8),
    ]

    private static let templates: [String: [String]] = [
        "maximum": ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        "long": ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
                 "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
                 "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
                 "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
                 "CvccCvcvCvccno"],
        "medium": ["CvcnoCvc", "CvcCvcno"],
        "short": ["Cvcn"],
        "basic": ["aaanaaan", "aannaaan", "aaannaaa"],
        "pin": ["nnnn"],
    ]

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    static func derivePassword(counter: UInt32, type: String, password: String, user: String, site: String) throws(GoError) -> String {
        guard let temps = templates[type] else { return "cannot find password template \(type)" }
        if let failure = kfcrypto_open() { throw GoError(String(cString: failure)) }
        let salt = seed + bigEndian(UInt32(user.utf8.count)) + Array(user.utf8)
        var key = [UInt8](repeating: 0, count: 64)
        let pass = Array(password.utf8)
        let ok = kfcrypto_scrypt(pass, pass.count, salt, salt.count, 32768, 8, 2, 256 << 20, &key, key.count)
        guard ok == 1 else { return "" }
        let message = seed + bigEndian(UInt32(site.utf8.count)) + Array(site.utf8) + bigEndian(counter)
        var mac = [UInt8](repeating: 0, count: 32)
        guard kfcrypto_hmac_sha256(key, key.count, message, message.count, &mac) == 1 else { return "" }
        let template = Array(temps[Int(mac[0]) % temps.count].utf8)
        var out: [UInt8] = []
        for (i, element) in template.enumerated() {
            guard let chars = characters[element] else { continue }
            out.append(chars[Int(mac[i + 1]) % chars.count])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
