import Crypto
import Foundation
import SDGIngest

/// SHA-256 of a file, read in 1 MiB chunks so that large feeds are hashed without loading them. A path that cannot
/// be read fails as the readers would (`IngestError.system`): a folder, a missing file, no permission.
enum FileDigest {
    static func sha256(of url: URL, displayPath: String? = nil) throws(IngestError) -> (digest: String, bytes: Int) {
        let path = displayPath ?? url.path
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system(path: path, errno: errno) }
        defer { close(fd) }
        var hasher = SHA256()
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, errno: errno)
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            total += n
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), total)
    }
}
