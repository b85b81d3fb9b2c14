import Foundation
import Testing
@testable import API

@Suite struct APIErrorTests {
    @Test func handlerErrorsUseTheErrorEnvelope() throws {
        let error = APIError.invalid("name", "name is required")
        #expect(error.status == .badRequest)
        #expect(try encoded(error) == #"{"error":"name is required","field":"name"}"#)
    }

    @Test func notFoundKeepsKubefateText() throws {
        #expect(try encoded(APIError.notFound()) == #"{"error":"record not found"}"#)
    }

    @Test func authErrorsUseTheCodeMessageShape() throws {
        let error = APIError.unauthenticated(JWTError(.expired))
        #expect(error.status == .unauthorized)
        #expect(try encoded(error) == #"{"code":401,"message":"Token is expired"}"#)
    }

    @Test func jwtErrorCodesMapToKubefateStatuses() {
        #expect(APIError.unauthenticated(JWTError(.missingToken)).status == .unauthorized)
        #expect(APIError.unauthenticated(JWTError(.badSignature)).status == .unauthorized)
        #expect(APIError.unauthenticated(JWTError(.missingExpiry)).status == .badRequest)
        #expect(APIError.unauthenticated(JWTError(.invalidExpiry)).status == .badRequest)
        #expect(APIError.unauthenticated(JWTError(.missingIdentity)).status == .forbidden)
    }

    @Test func bearerHeaderParsing() throws {
        #expect(try AuthMiddleware.bearerToken("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(throws: JWTError.self) { try AuthMiddleware.bearerToken(nil) }
        #expect(throws: JWTError.self) { try AuthMiddleware.bearerToken("Basic YWRtaW4=") }
        #expect(throws: JWTError.self) { try AuthMiddleware.bearerToken("Bearer ") }
    }

    private func encoded(_ error: APIError) throws -> String {
        String(decoding: try JSONEncoder.api.encode(error.body), as: UTF8.self)
    }
}

@Suite struct ConfigTests {
    @Test func jwtKeyIsRequiredAndMustBeLong() {
        #expect(throws: ConfigError.self) { try APIConfig(environment: Environment([:])) }
        #expect(throws: ConfigError.self) { try APIConfig(environment: Environment(["KUBEFATE_JWT_KEY": "short"])) }
    }

    @Test func defaultsNeedNoAdminPassword() throws {
        let config = try APIConfig(environment: Environment(["KUBEFATE_JWT_KEY": String(repeating: "k", count: 32)]))
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.adminUser == "admin")
        #expect(config.adminPassword == nil)
        #expect(!config.migrate)
    }

    @Test func listenAddressIsParsed() throws {
        let env = Environment(["KUBEFATE_JWT_KEY": String(repeating: "k", count: 32), "KUBEFATE_API_LISTEN": "0.0.0.0:0", "KUBEFATE_MIGRATE": "1"])
        let config = try APIConfig(environment: env)
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 0)
        #expect(config.migrate)
        #expect(throws: ConfigError.self) {
            try APIConfig(environment: Environment(["KUBEFATE_JWT_KEY": String(repeating: "k", count: 32), "KUBEFATE_API_LISTEN": "8080"]))
        }
    }

    @Test func envFileParsingStripsExportAndQuotesAndNamesBadLines() throws {
        let parsed = try Environment.parse("# comment\nexport A='x y'\nB=\"2\"\nC=3\n", file: "f")
        #expect(parsed == ["A": "x y", "B": "2", "C": "3"])
        #expect(throws: ConfigError.self) { try Environment.parse("A=1\nnot a line\n", file: "f") }
    }
}
