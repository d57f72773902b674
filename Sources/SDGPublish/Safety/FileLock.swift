import Foundation
import SDGCore
import SDGSystem

/// An exclusive advisory `flock` on a small file that is never renamed or deleted: the kernel releases it when the
/// process ends however it ends (even `kill -9`), so a crashed holder never leaves a stale lock. The file names the
/// holder's pid and start time, for the message another process prints.
///
/// Used for one run per pipeline (`PipelineLock`, never waits) and for a SQLite database that several pipelines
/// share (`SQLiteResultStore`, waits for the other writer, up to a bound).
package final class FileLock: Sendable {
    package let path: String
    private let fd: Int32

    /// Another process holds the lock (exit 75): `holder` is what that process wrote into the file.
    package struct Held: SDGFailure, Equatable {
        package let path: String
        package let holder: String
        /// What the lock protects, for the message ("another run of this pipeline", "another run writing this database").
        package let what: String
        package let waited: Duration?
        package var category: FailureCategory { .locked }
        package var description: String {
            let waitedText = waited.map { ", waited \(Int($0.components.seconds)) s" } ?? ""
            return "\(what) is in progress (\(holder)\(waitedText)); lock \(path). Try again when it has finished."
        }
    }

    /// Takes the lock. With `wait` `nil`, throws `Held` at once when another process holds it; otherwise polls for
    /// up to `wait`, calling `onWait` once with the holder's note when it first has to wait.
    package init(path: String, what: String, wait: Duration? = nil, onWait: (String) -> Void = { _ in })
        throws(FileLockError)
    {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        let clock = ContinuousClock()
        let start = clock.now
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(fd)
            guard let wait, start.duration(to: clock.now) < wait else {
                close(fd)
                throw .held(Held(path: path, holder: holder, what: what, waited: wait))
            }
            if !announced {
                onWait(holder)
                announced = true
            }
            usleep(50_000)
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

    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingASCIIWhitespace() : "holder unknown"
    }
}

/// Why a lock could not be taken: held by another process (exit 75), or its file cannot be made (exit 4).
package enum FileLockError: SDGFailure, Equatable {
    case held(FileLock.Held)
    case cannotCreate(path: String, reason: String)

    package var category: FailureCategory {
        if case .held = self { return .locked }
        return .output
    }

    package var description: String {
        switch self {
        case .held(let held): return held.description
        case .cannotCreate(let path, let reason): return "\(path): cannot create the lock file (\(reason))."
        }
    }
}
