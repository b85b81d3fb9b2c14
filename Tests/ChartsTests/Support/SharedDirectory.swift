import Foundation

/// Locates `../shared` (or `$KUBEFATE_SHARED_DIR`) for tests that read the conformance corpus.
enum SharedDirectory {
    static var url: URL {
        if let dir = ProcessInfo.processInfo.environment["KUBEFATE_SHARED_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir.deletingLastPathComponent().appendingPathComponent("shared")
            }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/work/shared")
    }

    static var charts: URL { url.appendingPathComponent("conformance/charts") }
    static var render: URL { url.appendingPathComponent("conformance/render") }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
