import Foundation
import Testing
@testable import API

/// Remembered signature checks never outlive the token or accept what the signer refuses (no services).
struct VerifiedTokensTests {
    let signer = JWTSigner(key: Array("0123456789abcdef0123456789abcdef".utf8), lifetime: .seconds(1800))
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aRememberedTokenGivesTheSameClaimsUntilItExpires() throws {
        let tokens = VerifiedTokens()
        let (token, claims) = signer.sign(username: "alice", now: now)
        #expect(try tokens.claims(of: token, signer: signer, now: now) == claims)
        #expect(try tokens.claims(of: token, signer: signer, now: now.addingTimeInterval(1800)) == claims)
        #expect(throws: JWTError(.expired)) { try tokens.claims(of: token, signer: signer, now: now.addingTimeInterval(1801)) }
    }

    @Test func aTokenTheSignerRefusesIsRefusedEveryTime() {
        let tokens = VerifiedTokens()
        let (token, _) = JWTSigner(key: Array("another-key-another-key-another-key".utf8)).sign(username: "alice", now: now)
        for _ in 0..<2 {
            #expect(throws: JWTError(.badSignature)) { try tokens.claims(of: token, signer: signer, now: now) }
        }
    }

    @Test func aFullCacheStartsOverAndStillAnswers() throws {
        let tokens = VerifiedTokens(capacity: 2)
        let issued = (0..<5).map { signer.sign(username: "user\($0)", now: now) }
        for (token, claims) in issued + issued {
            #expect(try tokens.claims(of: token, signer: signer, now: now) == claims)
        }
    }
}
