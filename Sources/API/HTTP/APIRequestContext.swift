import Hummingbird

/// Who is calling: filled in by `AuthMiddleware` from the verified token.
struct Identity: Sendable, Equatable {
    var username: String
}

/// The per-request context of `kubefate-api` routes.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` on protected routes; nil on public ones.
    var identity: Identity?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// The authenticated caller; only called from routes behind `AuthMiddleware`.
    func requireIdentity() throws(APIError) -> Identity {
        guard let identity else { throw APIError.unauthenticated(JWTError(.missingToken)) }
        return identity
    }
}
