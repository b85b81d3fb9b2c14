import Foundation

extension Chart {
    /// Loads an unpacked chart directory (the directory holding `Chart.yaml`).
    ///
    /// Hidden files under `templates/` are skipped (Helm's default `.helmignore` rule); symbolic
    /// links are refused and the archive limits apply.
    public static func load(directory: String, limits: ArchiveLimits = .default) throws(ChartError) -> Chart {
        try load(files: directoryFiles(directory, limits: limits))
    }

    /// Loads a chart from a path: a directory, or a `.tgz` package.
    public static func load(path: String, limits: ArchiveLimits = .default) throws(ChartError) -> Chart {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ChartError(.io, "path \"\(path)\" not found")
        }
        if isDirectory.boolValue { return try load(directory: path, limits: limits) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChartError(.io, "cannot read \"\(path)\"")
        }
        return try load(archive: [UInt8](data), limits: limits)
    }

    static func directoryFiles(_ directory: String, limits: ArchiveLimits) throws(ChartError) -> [String: [UInt8]] {
        let root = URL(fileURLWithPath: directory)
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isSymbolicLinkKey, .isRegularFileKey, .fileSizeKey]) else {
            throw ChartError(.io, "cannot read directory \"\(directory)\"")
        }
        var files: [String: [UInt8]] = [:]
        var entries = 0
        var total = 0
        let rootPath = root.standardizedFileURL.path
        for case let url as URL in walker {
            entries += 1
            if entries > limits.maxEntries {
                throw ChartError(.unsafeArchive, "chart directory has more than \(limits.maxEntries) entries")
            }
            let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isRegularFileKey, .fileSizeKey])
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(rootPath + "/") { relative.removeFirst(rootPath.count + 1) }
            if values?.isSymbolicLink == true {
                throw ChartError(.unsafeArchive, "chart directory contains a symbolic link, which is not allowed: \"\(relative)\"")
            }
            guard values?.isRegularFile == true else { continue }
            if relative.hasPrefix("templates/"), relative.split(separator: "/").last?.hasPrefix(".") == true { continue }
            let size = values?.fileSize ?? 0
            if size > limits.maxEntrySize {
                throw ChartError(.unsafeArchive, "chart file \"\(relative)\" is larger than \(limits.maxEntrySize) bytes")
            }
            total += size
            if total > limits.maxTotalSize {
                throw ChartError(.unsafeArchive, "chart directory holds more than \(limits.maxTotalSize) bytes")
            }
            guard let data = fm.contents(atPath: url.path) else {
                throw ChartError(.io, "cannot read \"\(url.path)\"")
            }
            files[relative] = [UInt8](data)
        }
        return files
    }
}
