import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MiB chunks so that large feeds are hashed without loading them.
enum FileDigest {
    static func sha256(of url: URL) throws -> (digest: String, bytes: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            hasher.update(data: data)
            total += data.count
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), total)
    }
}
