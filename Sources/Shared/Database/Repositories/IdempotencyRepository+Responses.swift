import KFModels

/// What the first use of an idempotency key decides for a request.
public enum IdempotencyClaim: Sendable, Hashable {
    /// The key is new (or its earlier request died unfinished): run the request, then `complete`.
    case started
    /// The same request finished before: answer with its stored response.
    case replay(status: Int, body: [UInt8])
    /// The same key is in use by a request still running.
    case inProgress
    /// The key was used with a different request.
    case mismatch
}

extension IdempotencyRepository {
    /// Claims (`actor`, `key`) for a request hashing to `requestHash`. A claim left unfinished for
    /// longer than `staleAfter` (the API died mid-request) is taken over.
    public func begin(actor: String, key: String, requestHash: String, staleAfter: Duration = .seconds(300)) async throws -> IdempotencyClaim {
        try await pool.transaction { conn in
            let inserted = try conn.execute("""
                INSERT IGNORE INTO idempotency_keys (actor, idem_key, request_hash, created_at) VALUES (?, ?, ?, NOW(6))
                """, [.text(actor), .text(key), .text(requestHash)])
            if inserted.affectedRows == 1 { return .started }
            guard let row = try conn.query("""
                SELECT request_hash, status_code, response, created_at < NOW(6) - INTERVAL ? MICROSECOND
                FROM idempotency_keys WHERE actor = ? AND idem_key = ? FOR UPDATE
                """, [.int(staleAfter.microseconds), .text(actor), .text(key)], idempotent: false).first else {
                throw KubefateError(.internal, "idempotency key vanished", context: [.field: "Idempotency-Key"])
            }
            guard try row.string(0) == requestHash else { return .mismatch }
            if let status = try row.optionalInt(1) {
                return .replay(status: Int(status), body: row.isNull(2) ? [] : try row.bytes(2))
            }
            guard try row.bool(3) else { return .inProgress }
            try conn.execute("UPDATE idempotency_keys SET created_at = NOW(6) WHERE actor = ? AND idem_key = ?", [.text(actor), .text(key)])
            return .started
        }
    }

    /// Records the response of the request that claimed (`actor`, `key`).
    public func complete(actor: String, key: String, status: Int, response: [UInt8], jobID: String?) async throws {
        try await pool.execute("""
            UPDATE idempotency_keys SET status_code = ?, response = ?, job_uuid = ? WHERE actor = ? AND idem_key = ? AND status_code IS NULL
            """, [.int(status), .bytes(response), .optional(jobID), .text(actor), .text(key)], idempotent: true)
    }

    /// Forgets an unfinished claim (the request failed in a way worth retrying).
    public func abandon(actor: String, key: String) async throws {
        try await pool.execute("DELETE FROM idempotency_keys WHERE actor = ? AND idem_key = ? AND status_code IS NULL",
                               [.text(actor), .text(key)], idempotent: true)
    }
}
