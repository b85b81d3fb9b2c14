import Hummingbird
import Logging

/// Turns every error into a JSON envelope: `APIError`s answer as themselves, Hummingbird's own
/// errors (unknown route → 404, body too large → 413) keep their status with `{"error": …}`, and
/// anything else is logged and answered `500 {"error":"internal error"}` without leaking details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "404 page not found" : error.status.reasonPhrase)
            return try APIError(status: error.status, message: message).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return try APIError.internalError().response(from: request, context: context)
        }
    }
}
