import Hummingbird
import ServiceLifecycle

/// Adapts Hummingbird requests to ``APIServer`` and streams watch and log bodies.
struct KubeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let api: APIServer

    func respond(to request: Request, context: Context) async throws -> Response {
        let limit = api.cluster.config.maxBodyBytes
        var bodyBuffer: ByteBuffer
        do {
            bodyBuffer = try await request.body.collect(upTo: limit)
        } catch {
            let e = KubeError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(limit)")
            return response(.error(e))
        }
        var headers: [String: String] = [:]
        for f in request.headers {
            let k = f.name.canonicalName
            headers[k] = headers[k].map { $0 + "," + f.value } ?? f.value
        }
        var target = request.uri.path
        if let q = request.uri.query, !q.isEmpty { target += "?" + q }
        let body = bodyBuffer.readBytes(length: bodyBuffer.readableBytes) ?? []
        let req = APIRequest(method: request.method.rawValue, target: target, headers: headers, body: body)
        return response(await api.handle(req))
    }

    func response(_ r: APIResponse) -> Response {
        var fields = HTTPFields()
        for (k, v) in r.headers {
            if let name = HTTPFields.Element.Name(k) { fields.append(HTTPFields.Element(name: name, value: v)) }
        }
        let status = HTTPResponse.Status(code: r.status)
        switch r.body {
        case .bytes(let b):
            fields[.contentLength] = String(b.count)
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: b)))
        case .stream(let s):
            fields[.cacheControl] = "no-cache, private"
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                // Watches and log follows end when the server shuts down, so graceful shutdown completes.
                let w = UncheckedBox(writer)
                try? await cancelWhenGracefulShutdown {
                    for await chunk in s {
                        try await w.value.write(ByteBuffer(bytes: chunk))
                    }
                }
                try await writer.finish(nil)
            })
        }
    }
}

/// Carries the response writer into the cancellable child task; only that task uses it while the parent waits.
private final class UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
