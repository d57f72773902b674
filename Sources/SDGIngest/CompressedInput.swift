import CSystemZlib
import SDGSystem

/// A gzip-compressed source (`data.csv.gz`, `message.xml.gz`; known by its first two bytes, 1f 8b, whatever its
/// name), decompressed by zlib as it is read: memory stays one buffer whatever the file's size.
///
/// Such a file is read by one reader from its start to its end: the readers that cut a large file into pieces for all
/// cores (`CSVPieceReader`, `SDMXParallelReader`) seek, which a gzip stream cannot.
final class CompressedInput {
    private let file: gzFile
    let path: String

    /// Whether the file at `path` starts as a gzip stream does. False when it cannot be read (the plain reader then
    /// says why).
    static func isGzip(path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return isGzip(fd: fd)
    }

    /// The same for a file a reader already has open (its position is left where it was).
    static func isGzip(fd: Int32) -> Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress!, 2, 0) }
        return n == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    init(path: String) throws(IngestError) {
        self.path = path
        guard let file = gzopen(path, "rb") else { throw .system(path: path, errno: errno) }
        self.file = file
        _ = gzbuffer(file, 256 * 1024)
    }

    deinit { gzclose(file) }

    /// Up to `count` decompressed bytes into `buffer`; 0 at the end. A stream that ends early or is damaged is an
    /// error naming the file, never a shorter read taken for the end.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws(IngestError) -> Int {
        let n = gzread(file, buffer, UInt32(min(count, Int(Int32.max))))
        var code: Int32 = Z_OK
        // A stream cut short still hands over what it had, then reports "unexpected end of file" only through
        // `gzerror`: asked at every short read, so that a truncated download is never read as a shorter file.
        if n < count { _ = gzerror(file, &code) }
        if n < 0 || code != Z_OK {
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "zlib error \(code)"
            if code == Z_ERRNO { throw .system(path: path, errno: errno) }
            throw .unreadable(
                path: path,
                reason:
                    "the gzip stream is damaged or cut short (\(message)); download the file again, or check it with `gzip -t`"
            )
        }
        return Int(n)
    }
}
