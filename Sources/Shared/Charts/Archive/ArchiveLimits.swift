/// Limits that protect the loader against hostile chart archives.
public struct ArchiveLimits: Sendable, Equatable {
    /// Most tar entries (of any type) an archive may hold.
    public var maxEntries: Int
    /// Largest size of one file entry, in bytes.
    public var maxEntrySize: Int
    /// Largest total size of all file entries, in bytes.
    public var maxTotalSize: Int

    public init(maxEntries: Int = 10_000, maxEntrySize: Int = 5 << 20, maxTotalSize: Int = 100 << 20) {
        self.maxEntries = maxEntries
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
    }

    /// 10 000 entries, 5 MiB per entry, 100 MiB in total.
    public static let `default` = ArchiveLimits()

    /// How many decompressed bytes a tar stream within these limits can need: the file data plus
    /// one header and padding per entry, extension headers and the end-of-archive blocks.
    var maxTarStreamSize: Int {
        maxTotalSize + maxEntries * 3 * 512 + (1 << 20)
    }
}
