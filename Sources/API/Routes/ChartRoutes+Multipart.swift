import Foundation

/// A `multipart/form-data` body (RFC 7578), enough for a chart upload: parts with their form
/// name, optional file name and bytes. Malformed bodies are a 400 naming `file`.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    var parts: [Part]

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "="), piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = String(piece[piece.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 200 ? nil : value
        }
        return nil
    }

    /// Splits `body` on `--boundary` lines and reads each part's headers.
    init(body: [UInt8], boundary: String) throws(APIError) {
        let delimiter = Array("--\(boundary)".utf8)
        let bad = { (why: String) in APIError.invalid("file", "malformed multipart/form-data body: \(why)") }
        guard var position = Self.find(delimiter, in: body, from: 0) else { throw bad("no boundary line") }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if body[position...].starts(with: Array("--".utf8)) { break }
            guard body[position...].starts(with: Self.crlf) else { throw bad("boundary not followed by CRLF") }
            position += 2
            guard let headerEnd = Self.find(Self.crlf + Self.crlf, in: body, from: position) else { throw bad("part headers do not end") }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find(Self.crlf + delimiter, in: body, from: contentStart) else { throw bad("part does not end with the boundary") }
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else {
                throw bad("a part has no Content-Disposition form-data name")
            }
            parts.append(Part(name: name, filename: disposition["filename"], data: Array(body[contentStart..<next])))
            position = next + 2
        }
        self.parts = parts
    }

    private static let crlf: [UInt8] = [13, 10]

    /// The parameters of a `Content-Disposition: form-data; name="…"; filename="…"` header.
    private static func disposition(_ headers: String) -> [String: String]? {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var parameters: [String: String] = [:]
            let value = line[line.index(after: colon)...]
            for piece in value.split(separator: ";").dropFirst() {
                guard let eq = piece.firstIndex(of: "=") else { continue }
                let key = piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                var text = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
                parameters[key] = text
            }
            return parameters
        }
        return nil
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
