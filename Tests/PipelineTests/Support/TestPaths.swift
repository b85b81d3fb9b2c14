import Foundation

/// Where the test finds the repository, the built binaries and a scratch directory.
enum TestPaths {
    /// The repository root: the nearest directory above this file holding `Package.swift`.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The debug build folder, where `swift build` put `kubefate-api` and `kubefate-worker`.
    static var buildFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["KUBEFATE_TEST_BIN_DIR"], !folder.isEmpty {
            return URL(fileURLWithPath: folder)
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }

    /// A built executable; throws when `swift build` has not produced it.
    static func binary(_ name: String) throws -> URL {
        let url = buildFolder.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw PipelineError("\(url.path) is missing: run `swift build` (scripts/test.sh does) before the tests")
        }
        return url
    }

    /// A fresh scratch directory under `.build/pipeline-tests/`.
    static func scratchDirectory(_ id: String) throws -> URL {
        let url = repositoryRoot.appendingPathComponent(".build/pipeline-tests/\(id)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PipelineError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw PipelineError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
