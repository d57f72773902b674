import SDGSystem

/// Text written in 1 MiB blocks to a file, or kept in memory: table writers stream through it, so writing a
/// million-row table needs one block of memory rather than the whole file as a `String`.
package final class TextOutput {
    // A table writer appends to it for every cell; runtime exclusivity checks on each access were a visible share of
    // writing a network's CSV tables. Access is confined to the owning writer (the class is not Sendable).
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    private let fd: Int32?
    private let path: String
    private static let blockSize = 1 << 20

    /// Collects the text in memory (see `text`).
    package init() {
        fd = nil
        path = "(memory)"
        owned = false
        directIO = false
        directWrite = { Glibc.write($0, $1, $2) }
        buffer.reserveCapacity(4096)
    }

    /// Creates (or truncates) the file at `path`. `directIO`: whether the file is written with direct I/O once past
    /// its first block (see `flush`), where the file system allows it; `directWrite` makes those writes (tests make
    /// it refuse one, as a file system without direct I/O would).
    package init(
        path: String, directIO: Bool = true,
        directWrite: @escaping (Int32, UnsafeRawPointer, Int) -> Int = { Glibc.write($0, $1, $2) }
    ) throws(PublishError) {
        self.directIO = directIO
        self.directWrite = directWrite
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.path = path
        owned = true
        buffer.reserveCapacity(Self.blockSize)
    }

    private let owned: Bool
    private let directIO: Bool
    private let directWrite: (Int32, UnsafeRawPointer, Int) -> Int

    /// Writes to the process's standard output (left open).
    package static func standardOutput() -> TextOutput { TextOutput(descriptor: 1, path: "(standard output)") }

    private init(descriptor: Int32, path: String) {
        fd = descriptor
        self.path = path
        owned = false
        directIO = false
        directWrite = { Glibc.write($0, $1, $2) }
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit {
        if let fd, owned { close(fd) }
        staging?.deallocate()
    }

    package func write(_ text: some StringProtocol) throws(PublishError) {
        buffer.append(contentsOf: text.utf8)
        if fd != nil, buffer.count >= Self.blockSize { try flush() }
    }

    /// Bytes already encoded as UTF-8 (a table laid out elsewhere).
    package func write(bytes: [UInt8]) throws(PublishError) {
        buffer.append(contentsOf: bytes)
        if fd != nil, buffer.count >= Self.blockSize { try flush() }
    }

    package func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// The text collected by an in-memory output.
    package var text: String { String(decoding: buffer, as: UTF8.self) }

    /// Writes what is buffered and closes the file; a full disk is reported here, not lost.
    package func finish() throws(PublishError) {
        try flush(final: true)
        if let fd, owned, fsync(fd) != 0, errno != EINVAL {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    // MARK: Direct I/O

    /// Direct I/O's unit: offsets and lengths are whole blocks of it, from a buffer aligned to it.
    static let alignment = 4096
    /// Whether this file is written with direct I/O now, and whether it was decided (at its first block).
    private var direct = false
    private var decided = false
    /// Bytes written to the file so far, its length once finished.
    private var written = 0
    /// The aligned copy of a block that a direct write reads from (a Swift array's storage is not aligned).
    private var staging: UnsafeMutableRawPointer?
    /// Whether the file is being written with direct I/O (for tests).
    package var writesDirectly: Bool { direct }

    /// Writes the buffer: all of it, or through direct I/O its whole blocks (all of it, the last block padded and
    /// the file cut back to its length, when `final`).
    ///
    /// Why direct I/O: a national run at the defaults writes 7.7 GB, and on the virtual machines we measure, copying
    /// them into the page cache took 12% of the run's CPU samples (the kernel's `copy_folio_from_iter_atomic`, about
    /// 3 s of CPU per GB); written from an aligned buffer straight to the device, 2 GB took 0.4 s of CPU instead of
    /// 3–7 s (`dd`). Only files past their first block use it (a small file would pay a padded write and a
    /// truncation for nothing), and a file system that refuses it (`EINVAL`, as tmpfs may) gets the bytes through
    /// the page cache as before.
    private func flush(final: Bool = false) throws(PublishError) {
        guard let fd else { return }
        if !decided, buffer.count >= Self.blockSize {
            decided = true
            if owned, directIO, let flag = Platform.directIOFlag {
                let flags = fcntl(fd, F_GETFL)
                direct = flags >= 0 && fcntl(fd, F_SETFL, flags | flag) == 0
            }
        }
        var start = 0
        if direct {
            let a = Self.alignment
            let end = final ? buffer.count : buffer.count / a * a
            while direct, start < end {
                let chunk = min(Self.blockSize, end - start)
                let padded = (chunk + a - 1) / a * a
                let staging = alignedStaging()
                buffer.withUnsafeBytes { staging.copyMemory(from: $0.baseAddress! + start, byteCount: chunk) }
                if padded > chunk { memset(staging + chunk, 0, padded - chunk) }
                var offset = 0
                while offset < padded {
                    let n = directWrite(fd, staging + offset, padded - offset)
                    if n >= 0 {
                        offset += n
                    } else if errno == EINVAL {
                        // Refused (a file system without direct I/O, or a short write left the offset unaligned):
                        // the rest of the file goes through the page cache, from the first byte not yet written.
                        try setBuffered(fd)
                        break
                    } else if errno != EINTR {
                        throw .cannotWrite(path: path, reason: Platform.errorMessage())
                    }
                }
                let done = min(offset, chunk)
                written += done
                start += done
                if offset > chunk {
                    // The padding of the last block: the file is cut back to the bytes written.
                    guard ftruncate(fd, off_t(written)) == 0 else {
                        throw .cannotWrite(path: path, reason: Platform.errorMessage())
                    }
                }
            }
            if direct {
                buffer.removeFirst(start)
                return
            }
        }
        while start < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + start, $0.count - start) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            start += n
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func setBuffered(_ fd: Int32) throws(PublishError) {
        direct = false
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags & ~(Platform.directIOFlag ?? 0)) == 0 else {
            throw .cannotWrite(path: path, reason: Platform.errorMessage())
        }
    }

    private func alignedStaging() -> UnsafeMutableRawPointer {
        if let staging { return staging }
        let made = UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: Self.alignment)
        staging = made
        return made
    }
}
