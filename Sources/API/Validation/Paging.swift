import HTTPTypes
import Hummingbird

/// Paging for list endpoints: `?limit=&offset=` or `?limit=&after=`. Without `limit` the whole
/// list is answered (as KubeFATE did); `offset` alone skips rows of the whole list. `after` is a
/// keyset cursor: the rows strictly after that row `ID` in the list's order (the endpoint decides
/// what "after" means for its order); it cannot be combined with `offset`.
struct Paging: Sendable, Equatable {
    var limit: Int?
    var offset: Int
    /// The `ID` of the last row the client has seen, or nil.
    var after: Int64?

    init(limit: Int? = nil, offset: Int = 0, after: Int64? = nil) {
        self.limit = limit
        self.offset = offset
        self.after = after
    }

    static func parse(_ request: Request) throws(APIError) -> Paging {
        let query = request.uri.queryParameters
        var paging = Paging()
        if let raw = query.get("limit") {
            guard let n = Int(raw), (1...10_000).contains(n) else { throw APIError.invalid("limit", "limit must be an integer in 1...10000") }
            paging.limit = n
        }
        if let raw = query.get("offset") {
            guard let n = Int(raw), n >= 0 else { throw APIError.invalid("offset", "offset must be a non-negative integer") }
            paging.offset = n
        }
        if let raw = query.get("after") {
            guard let n = Int64(raw), n >= 0 else { throw APIError.invalid("after", "after must be a non-negative integer (a row ID)") }
            guard query.get("offset") == nil else { throw APIError.invalid("after", "after and offset cannot be combined") }
            paging.after = n
        }
        return paging
    }

    /// The SQL limit: the page size, or every row.
    var sqlLimit: Int { limit ?? Int(Int32.max) }

    /// The `Link` header value pointing at the page after the one answered, or nil when there is
    /// none: no `limit` was given or the page is not full (`count < limit`). The next page keeps
    /// the request's path and other query parameters (e.g. `all`, `status`) and replaces the
    /// paging ones with `limit=N&after=lastID`.
    func nextLink(_ request: Request, count: Int, lastID: Int64?) -> String? {
        guard let limit, count >= limit, let lastID else { return nil }
        let paging: Set<Substring> = ["limit", "offset", "after"]
        var parts = (request.uri.query ?? "").split(separator: "&").filter { part in
            let key = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return !key.isEmpty && !paging.contains(key)
        }.map(String.init)
        parts += ["limit=\(limit)", "after=\(lastID)"]
        return "<\(request.uri.path)?\(parts.joined(separator: "&"))>; rel=\"next\""
    }

    /// `response` with the `Link: <…>; rel="next"` header when there is a next page.
    func linked(_ response: Response, _ request: Request, count: Int, lastID: Int64?) -> Response {
        guard let link = nextLink(request, count: count, lastID: lastID) else { return response }
        var response = response
        response.headers[Self.linkHeader] = link
        return response
    }

    static let linkHeader = HTTPField.Name("Link")!
}
