/// Salted PBKDF2-HMAC-SHA256 password hashes.
///
/// Stored as two columns: `hash` = `pbkdf2-sha256$<iterations>$<hex key>` (the iteration count travels
/// with the hash, so it can be raised later without invalidating old users) and `salt` = 16 random
/// bytes as hex from OpenSSL's CSPRNG (KubeFATE used `math/rand` seeded with the start time).
struct PasswordHasher: Sendable {
    static let scheme = "pbkdf2-sha256"
    /// Rounds for new hashes. KubeFATE used 100 000 as well; each login costs about that many HMACs.
    var iterations: Int = 100_000
    var keyLength: Int = 32
    var saltLength: Int = 16

    /// A new salt and the hash of `password` under it.
    func hash(password: String) -> (hash: String, salt: String) {
        let salt = Crypto.randomBytes(saltLength)
        let key = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: salt, iterations: iterations, length: keyLength)
        return ("\(Self.scheme)$\(iterations)$\(key.hexString)", salt.hexString)
    }

    /// Whether `password` matches a stored hash and salt. A malformed stored value never matches.
    func verify(password: String, hash: String, salt: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.scheme,
              let rounds = Int(parts[1]), rounds > 0, rounds <= 10_000_000,
              let expected = [UInt8](hex: String(parts[2])), !expected.isEmpty,
              let saltBytes = [UInt8](hex: salt)
        else { return false }
        let key = Crypto.pbkdf2SHA256(password: Array(password.utf8), salt: saltBytes, iterations: rounds, length: expected.count)
        return Crypto.constantTimeEqual(key, expected)
    }
}
