/// One member of a tar archive after extension headers (pax, GNU long names) are applied.
struct TarEntry: Sendable, Equatable {
    /// The kind of member, from the header's typeflag.
    enum Kind: Sendable, Equatable {
        case file
        case directory
        case symlink
        case hardlink
        case globalPaxHeader
        /// Devices, FIFOs, sparse files and unknown typeflags.
        case other(UInt8)
    }

    var name: String
    var kind: Kind
    var data: [UInt8]
}
