import Foundation
import Glibc
import SDGCore
import SDGPublish

/// One run per pipeline at a time: an advisory `flock` on a file next to the outputs, released by the kernel when the
/// process ends however it ends (even `kill -9`), so a crashed run never leaves a stale lock. The file names the
/// holder's pid and start time for the message the second run prints.
public final class PipelineLock {
    public let path: String
    private let fd: Int32

    /// Why the lock could not be taken: another run holds it (exit 75).
    public struct Held: SDGFailure {
        public let path: String
        public let holder: String
        public var category: FailureCategory { .locked }
        public var description: String {
            "another run of this pipeline is in progress (\(holder)); lock \(path). Try again when it has finished."
        }
    }

    /// Takes the lock or throws `Held` at once (never waits).
    public init(path: String) throws {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PublishFailure.lockFile(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let holder =
                n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingASCIIWhitespace() : "holder unknown"
            throw Held(path: path, holder: holder)
        }
        self.fd = fd
        let note = "pid \(getpid()), started \(Date().ISO8601Format())\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Output-side failures that are not about a particular output file.
public enum PublishFailure: SDGFailure {
    case lockFile(path: String, reason: String)

    public var category: FailureCategory { .output }

    public var description: String {
        switch self {
        case .lockFile(let path, let reason): return "\(path): cannot create the pipeline's lock file (\(reason))."
        }
    }
}
