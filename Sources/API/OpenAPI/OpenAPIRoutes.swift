import Hummingbird

/// `GET /v1/openapi.json` (no token needed).
struct OpenAPIRoutes {
    func register(on router: Router<APIRequestContext>) {
        router.get("/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: JSONResponse.contentType],
                     body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.json())))
        }
    }
}
