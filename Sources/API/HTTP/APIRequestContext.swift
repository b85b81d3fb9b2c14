import Hummingbird

/// Who is calling, by name: derived from the `Principal`.
struct Identity: Sendable, Equatable {
    var username: String
}

/// The per-request context of `kubefate-api` routes.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` on protected routes; nil on public ones.
    var authenticated: Principal?
    /// The client's IP address (for the login rate limit), or empty when unknown.
    let remoteAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        authenticated = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }

    /// The authenticated caller (401 on a route outside `AuthMiddleware`).
    var principal: Principal {
        get throws(APIError) {
            guard let authenticated else { throw APIError.unauthenticated(JWTError(.missingToken)) }
            return authenticated
        }
    }

    /// The authenticated caller's name; only called from routes behind `AuthMiddleware`.
    var identity: Identity? { authenticated.map { Identity(username: $0.username) } }

    /// The authenticated caller's name (401 on a route outside `AuthMiddleware`).
    func requireIdentity() throws(APIError) -> Identity {
        Identity(username: try principal.username)
    }
}
