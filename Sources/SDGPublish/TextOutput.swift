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
        buffer.reserveCapacity(4096)
    }

    /// Creates (or truncates) the file at `path`.
    package init(path: String) throws(PublishError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.path = path
        owned = true
        buffer.reserveCapacity(Self.blockSize)
    }

    private let owned: Bool

    /// Writes to the process's standard output (left open).
    package static func standardOutput() -> TextOutput { TextOutput(descriptor: 1, path: "(standard output)") }

    private init(descriptor: Int32, path: String) {
        fd = descriptor
        self.path = path
        owned = false
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit { if let fd, owned { close(fd) } }

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
        try flush()
        if let fd, owned, fsync(fd) != 0, errno != EINVAL {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private func flush() throws(PublishError) {
        guard let fd else { return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
