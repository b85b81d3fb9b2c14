import Testing
@testable import API

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher(iterations: 1000)

    @Test func hashVerifiesOnlyTheSamePassword() {
        let stored = hasher.hash(password: "correct horse")
        #expect(hasher.verify(password: "correct horse", hash: stored.hash, salt: stored.salt))
        #expect(!hasher.verify(password: "correct hors", hash: stored.hash, salt: stored.salt))
        #expect(!hasher.verify(password: "", hash: stored.hash, salt: stored.salt))
    }

    @Test func everyHashGetsItsOwnSalt() {
        let a = hasher.hash(password: "same")
        let b = hasher.hash(password: "same")
        #expect(a.salt != b.salt)
        #expect(a.hash != b.hash)
        #expect(a.salt.count == 32)
    }

    @Test func storedFormatNamesSchemeAndIterations() {
        let stored = hasher.hash(password: "x")
        let parts = stored.hash.split(separator: "$")
        #expect(parts.count == 3)
        #expect(parts[0] == "pbkdf2-sha256")
        #expect(parts[1] == "1000")
        #expect(parts[2].count == 64)
    }

    @Test func verifyingWithTheStoredIterationCountSurvivesAChangedDefault() {
        let stored = hasher.hash(password: "pw")
        #expect(PasswordHasher(iterations: 5).verify(password: "pw", hash: stored.hash, salt: stored.salt))
    }

    @Test(arguments: ["", "pbkdf2-sha256$x$00", "md5$1000$00", "pbkdf2-sha256$1000$zz", "pbkdf2-sha256$0$00"])
    func malformedStoredHashNeverMatches(hash: String) {
        #expect(!hasher.verify(password: "pw", hash: hash, salt: "00"))
    }

    @Test func wrongSaltDoesNotMatch() {
        let stored = hasher.hash(password: "pw")
        #expect(!hasher.verify(password: "pw", hash: stored.hash, salt: "00112233445566778899aabbccddeeff"))
        #expect(!hasher.verify(password: "pw", hash: stored.hash, salt: "not-hex"))
    }
}
