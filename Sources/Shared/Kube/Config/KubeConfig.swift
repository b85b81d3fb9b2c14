import Foundation

/// Where the API server is and how to authenticate to it.
public struct KubeConfig: Sendable {
    /// How the client proves who it is, besides a client certificate.
    public enum Credential: Sendable {
        case none
        case bearer(String)
        /// A token file, re-read per request: projected service-account tokens rotate.
        case bearerFile(String)
        case basic(username: String, password: String)
    }

    /// Base URL, e.g. `https://127.0.0.1:6443`, without a trailing slash.
    public var server: String
    public var tls: TLSSettings
    public var credential: Credential
    /// The context's default namespace.
    public var namespace: String

    public init(server: String, tls: TLSSettings = TLSSettings(), credential: Credential = .none, namespace: String = "default") {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.credential = credential
        self.namespace = namespace
    }

    /// The `Authorization` header value for the next request, if any.
    func authorization() throws(KubeError) -> String? {
        switch credential {
        case .none: return nil
        case .bearer(let token): return "Bearer \(token)"
        case .bearerFile(let path):
            guard let token = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw KubeError(.configuration, "cannot read the token file \(path)")
            }
            return "Bearer \(token.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .basic(let username, let password):
            return "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"
        }
    }
}
