import Foundation

/// Where the repository and `../shared` are, as the helper rules define them.
enum DeployTestPaths {
    /// The directory holding `Package.swift`, found from this file's path.
    static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { return directory }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `KUBEFATE_SHARED_DIR`, else `<repository>/../shared`.
    static let sharedDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["KUBEFATE_SHARED_DIR"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A chart archive of `../shared/conformance/charts`.
    static func conformanceChart(_ file: String) -> URL {
        sharedDirectory.appendingPathComponent("conformance/charts/\(file)")
    }
}
