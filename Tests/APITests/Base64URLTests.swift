import Foundation
import Testing
@testable import API

/// Base64url as JWT segments use it (no services).
struct Base64URLTests {
    @Test func encodingIsUnpaddedURLSafeBase64() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(Substring(expected)) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func paddedSegmentsDecodeToo() {
        #expect(Base64URL.decode("-_8=") == [0xFB, 0xFF])
        #expect(Base64URL.decode("YQ==") == Array("a".utf8))
        #expect(Base64URL.decode("YQ") == Array("a".utf8))
        #expect(Base64URL.decode("") == [])
    }

    @Test func foreignCharactersMisplacedPaddingAndImpossibleLengthsAreRejected() {
        for bad in ["+/8", "YQ=", "Y===", "Y=Q=", "abcde", "ab cd", "ab.c", "é", "YQ==="] {
            #expect(Base64URL.decode(Substring(bad)) == nil, "\(bad)")
        }
    }
}
