/// Why a bearer token was refused. `message` keeps the texts of KubeFATE's JWT layer (gin-jwt over
/// golang-jwt) where one exists, because clients show them verbatim.
struct JWTError: Error, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// No `Authorization: Bearer` header.
        case missingToken
        /// Not three base64url segments of JSON.
        case malformed
        /// `alg` is not HS256.
        case unsupportedAlgorithm
        /// HMAC does not match.
        case badSignature
        /// `exp` is in the past.
        case expired
        /// No `exp` claim.
        case missingExpiry
        /// `exp` is not a number.
        case invalidExpiry
        /// `id` claim absent, empty or not a string.
        case missingIdentity
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String? = nil) {
        self.code = code
        self.message = message ?? Self.defaultMessage(code)
    }

    var description: String { message }

    private static func defaultMessage(_ code: Code) -> String {
        switch code {
        case .missingToken: "auth header is empty"
        case .malformed: "token contains an invalid number of segments"
        case .unsupportedAlgorithm: "invalid signing algorithm"
        case .badSignature: "signature is invalid"
        case .expired: "Token is expired"
        case .missingExpiry: "missing exp field"
        case .invalidExpiry: "exp must be float64 format"
        case .missingIdentity: "you don't have permission to access this resource"
        }
    }
}
