import Foundation
import Testing
@testable import API

@Suite struct JWTSignerTests {
    let signer = JWTSigner(key: Array("0123456789abcdef0123456789abcdef".utf8), lifetime: .seconds(1800))
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func signedTokenVerifiesWithItsClaims() throws {
        let (token, claims) = signer.sign(username: "alice", now: now)
        #expect(claims == JWTClaims(username: "alice", expiresAt: 1_700_001_800, issuedAt: 1_700_000_000, tokenID: claims.tokenID))
        #expect(claims.tokenID.count == 32)
        #expect(try signer.verify(token, now: now) == claims)
    }

    @Test func tokenCarriesKubefateClaimNamesAndARevocableID() throws {
        let (token, _) = signer.sign(username: "alice", now: now, tokenID: "0123abcd")
        let payload = try #require(Base64URL.decode(token.split(separator: ".")[1]))
        #expect(String(decoding: payload, as: UTF8.self) == #"{"exp":1700001800,"id":"alice","jti":"0123abcd","orig_iat":1700000000}"#)
    }

    @Test func tokenFromAnotherKeyIsRejectedAsBadSignature() {
        let other = JWTSigner(key: Array("another-key-another-key-another-key".utf8))
        let (token, _) = other.sign(username: "alice", now: now)
        #expect(throws: JWTError(.badSignature)) { try signer.verify(token, now: now) }
    }

    @Test func alteredPayloadIsRejected() {
        let (token, _) = signer.sign(username: "alice", now: now)
        let parts = token.split(separator: ".")
        let forged = Base64URL.encode(Array(#"{"exp":1700001800,"id":"admin","orig_iat":1700000000}"#.utf8))
        #expect(throws: JWTError(.badSignature)) { try signer.verify("\(parts[0]).\(forged).\(parts[2])", now: now) }
    }

    @Test func expiredTokenIsRejected() {
        let (token, _) = signer.sign(username: "alice", now: now)
        #expect(throws: JWTError(.expired)) { try signer.verify(token, now: now.addingTimeInterval(1801)) }
        #expect(throws: Never.self) { try signer.verify(token, now: now.addingTimeInterval(1800)) }
    }

    @Test(arguments: ["", "abc", "a.b", "a.b.c.d"])
    func tokenWithoutThreeSegmentsIsMalformed(token: String) {
        #expect(throws: JWTError.self) { try signer.verify(token, now: now) }
    }

    @Test func noneAlgorithmIsRejected() {
        let header = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
        let payload = Base64URL.encode(Array(#"{"exp":1700001800,"id":"admin"}"#.utf8))
        #expect(throws: JWTError(.unsupportedAlgorithm)) { try signer.verify("\(header).\(payload).", now: now) }
    }

    @Test func missingAndNonNumericExpiryAreDistinguished() {
        #expect(throws: JWTError(.missingExpiry)) { try signer.verify(sign(#"{"id":"alice"}"#), now: now) }
        #expect(throws: JWTError(.invalidExpiry)) { try signer.verify(sign(#"{"exp":"soon","id":"alice"}"#), now: now) }
        #expect(throws: JWTError(.invalidExpiry)) { try signer.verify(sign(#"{"exp":true,"id":"alice"}"#), now: now) }
    }

    @Test func emptyOrMissingIdentityIsRefused() {
        #expect(throws: JWTError(.missingIdentity)) { try signer.verify(sign(#"{"exp":1700001800,"id":""}"#), now: now) }
        #expect(throws: JWTError(.missingIdentity)) { try signer.verify(sign(#"{"exp":1700001800,"id":7}"#), now: now) }
    }

    /// A correctly signed token with an arbitrary payload.
    private func sign(_ payload: String) -> String {
        let input = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(Crypto.hmacSHA256(key: signer.key, data: Array(input.utf8)))
    }
}

@Suite struct CryptoTests {
    @Test func hmacSHA256MatchesRFC4231TestCase2() {
        let mac = Crypto.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(mac.hexString == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func pbkdf2SHA256MatchesKnownVector() {
        // RFC 7914 §11 (PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64), first 32 bytes.
        let key = Crypto.pbkdf2SHA256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 32)
        #expect(key.hexString == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func hexRoundTripsAndRejectsOddInput() {
        #expect([UInt8](hex: "00ff10") == [0, 255, 16])
        #expect([UInt8](hex: "abc") == nil)
        #expect([UInt8](hex: "zz") == nil)
    }
}
