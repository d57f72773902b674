#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A temporary file for what a run must keep but need not hold in memory: created in the temporary folder (`TMPDIR`)
/// and unlinked at once, so that it disappears with the process however the process ends.
public final class SpillFile: @unchecked Sendable {
    private let fd: Int32
    /// Where it was created, for messages (the name is gone once created).
    public let directory: String

    public init(directory: URL = FileManager.default.temporaryDirectory) throws(SpillError) {
        self.directory = directory.path
        var template = Array((directory.path + "/sdgpipe-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure(directory.path, errno) }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        self.fd = fd
    }

    deinit { close(fd) }

    private static func failure(_ directory: String, _ code: Int32) -> SpillError {
        SpillError(directory: directory, reason: String(cString: strerror(code)))
    }

    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SpillError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Self.failure(directory, n < 0 ? errno : ENOSPC) }
            done += n
        }
    }

    /// Reads bytes this file was given. Reading back what was written can fail only on an I/O error of the disk;
    /// the table makers that call it cannot throw, so that stops the process with the reason.
    public func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        var done = 0
        while done < bytes.count {
            let n = pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                fatalError("reading back the temporary file in \(directory) failed: \(n < 0 ? String(cString: strerror(errno)) : "it is shorter than written")")
            }
            done += n
        }
    }
}

/// Two columns (a value and an entry per observation) in a `SpillFile`, in fixed-size chunks: chunk `c` holds the
/// values of observations `c * size ..< (c + 1) * size`, then their entries.
public struct SpilledColumns<Entry: BitwiseCopyable>: @unchecked Sendable {
    public let file: SpillFile
    public let size: Int
    private var chunkBytes: Int { size * (MemoryLayout<Double>.stride + MemoryLayout<Entry>.stride) }

    public init(file: SpillFile, chunkSize: Int) {
        self.file = file
        size = chunkSize
    }

    public func write(chunk c: Int, values: UnsafeBufferPointer<Double>, entries: UnsafeBufferPointer<Entry>) throws(SpillError) {
        try file.write(UnsafeRawBufferPointer(values), at: c * chunkBytes)
        try file.write(UnsafeRawBufferPointer(entries), at: c * chunkBytes + size * MemoryLayout<Double>.stride)
    }

    /// Observations `from ..< from + values.count` of chunk `c`.
    public func read(chunk c: Int, from: Int = 0, values: UnsafeMutableBufferPointer<Double>, entries: UnsafeMutableBufferPointer<Entry>) {
        file.read(into: UnsafeMutableRawBufferPointer(values), at: c * chunkBytes + from * MemoryLayout<Double>.stride)
        file.read(into: UnsafeMutableRawBufferPointer(entries),
            at: c * chunkBytes + size * MemoryLayout<Double>.stride + from * MemoryLayout<Entry>.stride)
    }
}

/// No temporary file could be made or written (SPEC §1: exit 4, like any output that cannot be written; the previous
/// outputs are untouched, since a run writes nothing before it has read and evaluated everything).
public struct SpillError: SDGFailure, Equatable {
    public let directory: String
    public let reason: String

    public var category: FailureCategory { .output }

    public var description: String {
        "\(directory): cannot write the run's temporary file (\(reason)). Set TMPDIR to a folder with room for about 60 bytes "
            + "an observation; the previous outputs are unchanged."
    }
}
