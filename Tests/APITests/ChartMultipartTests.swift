import Testing
@testable import API

/// The multipart reader of chart uploads and the chart digest (no services).
struct ChartMultipartTests {
    @Test func boundaryIsReadFromTheContentTypeQuotedOrNot() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartForm.boundary(contentType: #"multipart/form-data; charset=utf-8; boundary="a b""#) == "a b")
        #expect(MultipartForm.boundary(contentType: "application/json") == nil)
        #expect(MultipartForm.boundary(contentType: nil) == nil)
    }

    @Test func partsAreSplitOnTheBoundaryWithTheirNamesAndBytes() throws {
        let body = Array("preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.tgz\"\r\nContent-Type: application/gzip\r\n\r\n".utf8)
            + [0, 13, 10, 45, 45, 255] + Array("\r\n--xyz--\r\n".utf8)
        let form = try MultipartForm(body: body, boundary: "xyz")
        #expect(form.parts.map(\.name) == ["note", "file"])
        #expect(form.part("note")?.data == Array("hello".utf8))
        #expect(form.part("file")?.filename == "c.tgz")
        #expect(form.part("file")?.data == [0, 13, 10, 45, 45, 255])
    }

    @Test func malformedBodiesAreRefusedNamingTheFileField() {
        for body in ["no boundary here", "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nnever ends", "--xyz\r\nX: y\r\n\r\nz\r\n--xyz--"] {
            #expect(throws: APIError.self) { try MultipartForm(body: Array(body.utf8), boundary: "xyz") }
            do {
                _ = try MultipartForm(body: Array(body.utf8), boundary: "xyz")
            } catch {
                #expect(error.field == "file")
            }
        }
    }

    @Test func digestDependsOnNamesAndContentNotOrder() {
        let a = ChartImport.digest(["Chart.yaml": [1], "values.yaml": [2]])
        #expect(a == ChartImport.digest(["values.yaml": [2], "Chart.yaml": [1]]))
        #expect(a != ChartImport.digest(["Chart.yaml": [1], "values.yaml": [3]]))
        #expect(a != ChartImport.digest(["Chart.yaml": [1], "values.yml": [2]]))
        #expect(a.count == 64)
    }
}
