import Foundation
import SDGCore
import SDGSystem

/// A temporary file for what a run must keep but need not hold in memory: created in the temporary folder (`TMPDIR`)
/// and unlinked at once, so that it disappears with the process however the process ends.
///
/// This module is the run's storage seam: the observation store, the localizer's points and the localized series'
/// values go to disk here and come back from here, and nowhere else.
///
/// Reading back is done inside work that cannot throw (a table row made while a writer asks for it, a series'
/// values read inside an estimator's loop), so a failed read does not stop the process: it is recorded, the bytes
/// read as zeros, and `SpillFile.checkReadBack()` throws it. The runner calls that after writing everything and before
/// swapping anything in, so a run that met a read error fails with exit 4 and leaves the previous outputs as they
/// were (like `ferror` after a stream of reads).
package final class SpillFile: @unchecked Sendable {
    private let fd: Int32
    /// Where it was created, for messages (the name is gone once created).
    package let directory: String

    package init(directory: URL = FileManager.default.temporaryDirectory) throws(SpillError) {
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

    package func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SpillError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Self.failure(directory, n < 0 ? errno : ENOSPC) }
            done += n
        }
    }

    /// Reads bytes this file was given. Reading back what was written fails only on an I/O error of the disk (or the
    /// `read-back` failpoint of the tests); the failure is recorded for `checkReadBack()` and the bytes are
    /// zeros.
    package func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        var done = 0
        while done < bytes.count {
            let n =
                Self.failsReads ? -1 : pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR, !Self.failsReads { continue }
            guard n > 0 else {
                let reason =
                    Self.failsReads
                    ? "read-back failpoint" : n < 0 ? String(cString: strerror(errno)) : "it is shorter than written"
                Self.recordFailure(SpillError(directory: directory, reason: "reading back failed: \(reason)"))
                let rest = UnsafeMutableRawBufferPointer(rebasing: bytes[done...])
                // Zeros: a number read as an index (a series, a period) stays a valid one; the results are never used.
                rest.withMemoryRebound(to: UInt8.self) { $0.update(repeating: 0) }
                return
            }
            done += n
        }
    }

    private static let failureLock = NSLock()
    nonisolated(unsafe) private static var firstFailure: SpillError?
    /// Test hook (`SDGPIPE_FAILPOINT=read-back`): every read back fails, as on a failing disk.
    package static let failsReads = ProcessInfo.processInfo.environment["SDGPIPE_FAILPOINT"] == "read-back"

    private static func recordFailure(_ error: SpillError) {
        failureLock.withLock { if firstFailure == nil { firstFailure = error } }
    }

    /// Throws the first failed read back of any temporary file of this process, if there was one.
    package static func checkReadBack() throws(SpillError) {
        if let failure = failureLock.withLock({ firstFailure }) { throw failure }
    }
}

/// Two columns (a value and an entry per observation) in a `SpillFile`, in fixed-size chunks: chunk `c` holds the
/// values of observations `c * size ..< (c + 1) * size`, then their entries.
package struct SpilledColumns<Entry: BitwiseCopyable>: @unchecked Sendable {
    package let file: SpillFile
    package let size: Int
    private var chunkBytes: Int { size * (MemoryLayout<Double>.stride + MemoryLayout<Entry>.stride) }

    package init(file: SpillFile, chunkSize: Int) {
        self.file = file
        size = chunkSize
    }

    package func write(chunk c: Int, values: UnsafeBufferPointer<Double>, entries: UnsafeBufferPointer<Entry>)
        throws(SpillError)
    {
        try file.write(UnsafeRawBufferPointer(values), at: c * chunkBytes)
        try file.write(UnsafeRawBufferPointer(entries), at: c * chunkBytes + size * MemoryLayout<Double>.stride)
    }

    /// Observations `from ..< from + values.count` of chunk `c`.
    package func read(
        chunk c: Int, from: Int = 0, values: UnsafeMutableBufferPointer<Double>,
        entries: UnsafeMutableBufferPointer<Entry>
    ) {
        file.read(into: UnsafeMutableRawBufferPointer(values), at: c * chunkBytes + from * MemoryLayout<Double>.stride)
        file.read(
            into: UnsafeMutableRawBufferPointer(entries),
            at: c * chunkBytes + size * MemoryLayout<Double>.stride + from * MemoryLayout<Entry>.stride)
    }
}

/// No temporary file could be made or written (exit 4, like any output that cannot be written; the previous
/// outputs are untouched, since a run writes nothing before it has read and evaluated everything).
package struct SpillError: SDGFailure, Equatable {
    package let directory: String
    package let reason: String

    package var category: FailureCategory { .output }

    package var description: String {
        "\(directory): cannot write the run's temporary file (\(reason)). Set TMPDIR to a folder with room for about 60 bytes "
            + "an observation; the previous outputs are unchanged."
    }
}
