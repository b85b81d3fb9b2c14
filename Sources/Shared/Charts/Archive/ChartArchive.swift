/// Turns archive members into chart files the way Helm's `loader.LoadArchiveFiles` does.
public enum ChartArchive {
    /// Reads a gzipped tar chart package into files keyed by their path below the chart root.
    ///
    /// The first path component is the chart's directory and is dropped (`fate/templates/x.yaml` →
    /// `templates/x.yaml`); names written on Windows with `\` separators are split on `\`.
    /// A UTF-8 byte-order mark at the start of a file is removed. Directories and pax global
    /// headers are skipped.
    ///
    /// - Throws: `ChartError` (`.unsafeArchive`) for absolute paths, `..` components, drive
    ///   letters, links, device entries and archives beyond `limits`; `.invalidArchive` for
    ///   corrupt data or an archive without files.
    public static func files(fromTarGz archive: [UInt8], limits: ArchiveLimits = .default) throws(ChartError) -> [String: [UInt8]] {
        let tar = try Gzip.decompress(archive, limit: limits.maxTarStreamSize)
        return try files(fromTar: tar, limits: limits)
    }

    /// Reads an uncompressed tar stream; see `files(fromTarGz:limits:)`.
    public static func files(fromTar tar: [UInt8], limits: ArchiveLimits = .default) throws(ChartError) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for entry in try TarReader(tar, limits: limits).entries() {
            switch entry.kind {
            case .directory, .globalPaxHeader:
                continue
            case .symlink, .hardlink:
                throw ChartError(.unsafeArchive, "chart archive contains a link, which is not allowed: \(quoted(entry.name))")
            case .other(let flag):
                throw ChartError(.unsafeArchive, "chart archive contains an unsupported entry type '\(Character(Unicode.Scalar(flag)))': \(quoted(entry.name))")
            case .file:
                let name = try chartPath(entry.name)
                files[name] = stripBOM(entry.data)
            }
        }
        if files.isEmpty {
            throw ChartError(.invalidArchive, "no files in chart archive")
        }
        return files
    }

    /// The path of an archive member relative to the chart root, checked for safety.
    static func chartPath(_ rawName: String) throws(ChartError) -> String {
        let delimiter: Character = rawName.contains("\\") ? "\\" : "/"
        let parts = rawName.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
        if rawName.hasPrefix("/") || rawName.hasPrefix("\\") || isDrivePath(rawName) {
            throw ChartError(.unsafeArchive, "chart illegally contains absolute paths: \(quoted(rawName))")
        }
        // Any `..` anywhere is refused, even where cleaning would keep it inside the chart.
        let components = rawName.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if components.contains("..") {
            throw ChartError(.unsafeArchive, "chart illegally references parent directory: \(quoted(rawName))")
        }
        if parts.first == "Chart.yaml" {
            throw ChartError(.invalidChart, "chart yaml not in base directory")
        }
        let cleaned = cleanPath(parts.dropFirst().joined(separator: "/"))
        if cleaned == "." || cleaned.isEmpty {
            throw ChartError(.unsafeArchive, "chart illegally contains content outside the base directory: \(quoted(rawName))")
        }
        if cleaned.hasPrefix("/") {
            throw ChartError(.unsafeArchive, "chart illegally contains absolute paths: \(quoted(rawName))")
        }
        if isDrivePath(cleaned) {
            throw ChartError(.unsafeArchive, "chart contains illegally named files: \(quoted(rawName))")
        }
        return cleaned
    }

    /// Go's `path.Clean` for paths without `..` (those are refused before).
    static func cleanPath(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `c:/…` / `C:\…`: a Windows drive path.
    private static func isDrivePath(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(3))
        guard scalars.count >= 2, scalars[1] == ":" else { return false }
        return scalars[0].properties.isAlphabetic && scalars[0].isASCII
    }

    static func stripBOM(_ data: [UInt8]) -> [UInt8] {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(data.dropFirst(3)) : data
    }

    static func quoted(_ s: String) -> String {
        "\"" + s + "\""
    }
}
