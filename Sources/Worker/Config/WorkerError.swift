/// A failure of the worker process itself (not of a job).
struct WorkerError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
