/// A handler's success body: `{"msg": …, "data": …}`.
struct APIEnvelope<T: Decodable & Sendable>: Decodable, Sendable {
    var msg: String?
    var data: T
}

/// `GET /v1/version` answers `{"msg": …, "version": …}`.
struct VersionEnvelope: Decodable, Sendable {
    var msg: String?
    var version: String
}

/// A success body with only a message, e.g. `{"msg": "delete Job Success"}`.
struct MessageEnvelope: Decodable, Sendable {
    var msg: String
}
