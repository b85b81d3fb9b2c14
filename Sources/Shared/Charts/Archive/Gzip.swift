import CZlib

/// gzip decompression through zlib.
enum Gzip {
    /// Decompresses a gzip stream (several concatenated members are read like Go's reader does).
    ///
    /// - Throws: `ChartError.invalidArchive` for data that is not gzip or is corrupt,
    ///   `ChartError.unsafeArchive` when the output would exceed `limit` bytes.
    static func decompress(_ input: [UInt8], limit: Int) throws(ChartError) -> [UInt8] {
        guard input.count >= 2, input[0] == 0x1f, input[1] == 0x8b else {
            throw ChartError(.invalidArchive, "file does not appear to be a gzipped archive")
        }
        var stream = z_stream()
        // 16 + MAX_WBITS: gzip wrapper only.
        let initStatus = inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw ChartError(.invalidArchive, "gzip: cannot initialise zlib (status \(initStatus))")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 4))
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var consumed = 0
        while true {
            let (status, used) = input.withUnsafeBufferPointer { inBuf -> (Int32, Int) in
                chunk.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress! + consumed)
                    stream.avail_in = UInt32(inBuf.count - consumed)
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    let used = (inBuf.count - consumed) - Int(stream.avail_in)
                    return (status, used)
                }
            }
            consumed += used
            let produced = chunkSize - Int(stream.avail_out)
            if output.count + produced > limit {
                throw ChartError(.unsafeArchive, "chart archive unpacks to more than \(limit) bytes")
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow; anything else (e.g. zero padding) ends the stream.
                guard consumed + 1 < input.count, input[consumed] == 0x1f, input[consumed + 1] == 0x8b else {
                    return output
                }
                inflateReset(&stream)
            case Z_OK, Z_BUF_ERROR:
                if used == 0 && produced == 0 {
                    throw ChartError(.invalidArchive, "gzip: unexpected EOF")
                }
            default:
                throw ChartError(.invalidArchive, "gzip: invalid compressed data (zlib status \(status))")
            }
        }
    }
}
