import Hummingbird
import KFModels

extension APIError {
    /// The HTTP answer for a domain error. This mapping is the only place statuses are chosen for
    /// `KubefateError`s: invalid input 400 (naming the field), conflicts 409 (naming the holding job), exhausted quotas 429,
    /// unknown things 404, unreachable dependencies 503.
    init(_ error: KubefateError) {
        switch error.code {
        case .invalidArgument:
            self.init(status: .badRequest, message: error.message, field: error[.field])
        case .unauthenticated:
            self.init(status: .unauthorized, message: error.message, shape: .auth)
        case .forbidden:
            self.init(status: .forbidden, message: error.message)
        case .notFound:
            self.init(status: .notFound, message: error.message)
        case .conflict:
            self.init(status: .conflict, message: error.message, jobID: error[.job])
        case .invalidState, .leaseLost:
            self.init(status: .conflict, message: error.message)
        case .quotaExceeded:
            self.init(status: .tooManyRequests, message: error.message)
        case .unavailable:
            self.init(status: .serviceUnavailable, message: error.message)
        case .internal:
            self.init(status: .internalServerError, message: "internal error")
        }
    }
}

/// Runs a repository call, turning its errors into HTTP answers: `KubefateError`s by code, anything
/// else (driver errors, lost connections) as 503 after logging, because the cause is a dependency.
func mapErrors<T>(_ context: APIRequestContext, _ body: () async throws -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch let error as APIError {
        throw error
    } catch let error as KubefateError {
        if error.code == .internal { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
        throw APIError(error)
    } catch {
        context.logger.error("dependency failed", metadata: ["error": "\(String(reflecting: error))"])
        throw APIError.unavailable("service temporarily unavailable, please retry")
    }
}
