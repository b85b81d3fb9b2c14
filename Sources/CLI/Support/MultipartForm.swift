import Foundation

/// A `multipart/form-data` body with one file field (RFC 7578), as Go's `mime/multipart` writes it.
struct MultipartForm: Sendable {
    let boundary: String
    let body: [UInt8]

    init(fileField: String, fileName: String, content: [UInt8], boundary: String = "kubefate-" + UUID().uuidString.lowercased()) {
        self.boundary = boundary
        func quoted(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        var bytes = Array("--\(boundary)\r\n".utf8)
        bytes += Array("Content-Disposition: form-data; name=\"\(quoted(fileField))\"; filename=\"\(quoted(fileName))\"\r\n".utf8)
        bytes += Array("Content-Type: application/octet-stream\r\n\r\n".utf8)
        bytes += content
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        body = bytes
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}
