import Foundation
import SDGSystem
import SDGTestSupport
import Testing

@testable import SDGPublish

/// Files past their first block are written with direct I/O, whole aligned blocks from a staging copy, the last one
/// padded and the file cut back: the bytes on disk must be exactly those written, whatever the length, wherever the
/// pieces end, and when the file system refuses direct I/O part-way.
@Suite struct TextOutputTests {
    /// `total` bytes in pieces of every kind a writer uses (text of varied lengths, arrays, single bytes), so that
    /// blocks end anywhere in a piece; deterministic for a seed.
    static func write(total: Int, seed: UInt64, to out: TextOutput) throws -> [UInt8] {
        var expected: [UInt8] = []
        expected.reserveCapacity(total)
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        while expected.count < total {
            let length = min(1 + next() % 9000, total - expected.count)
            let byte = UInt8(ascii: "a") + UInt8(next() % 26)
            switch next() % 3 {
            case 0:
                let text = String(repeating: Character(Unicode.Scalar(byte)), count: length)
                try out.write(text)
                expected += Array(text.utf8)
            case 1:
                let bytes = (0..<length).map { UInt8(truncatingIfNeeded: Int(byte) + $0) }
                try out.write(bytes: bytes)
                expected += bytes
            default:
                out.write(byte: byte)
                expected.append(byte)
            }
        }
        return expected
    }

    /// Whether the folder's file system takes `O_DIRECT`, probed as the writer does.
    static func takesDirectIO(_ folder: String) -> Bool {
        guard let flag = Platform.directIOFlag else { return false }
        let fd = open(folder + "/probe", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        return fd >= 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | flag) == 0
    }

    @Test(arguments: [100_000, 1 << 20, (1 << 20) + 1, 3 << 20, (3 << 20) + 4096, (3 << 20) + 123, 5_000_001])
    func theFileHoldsExactlyTheBytesWritten(total: Int) throws {
        let dir = TemporaryDirectory()
        let direct = Self.takesDirectIO(dir.url.path)
        for directIO in [true, false] {
            let path = dir.path("table-\(directIO).csv")
            let out = try TextOutput(path: path, directIO: directIO)
            let expected = try Self.write(total: total, seed: UInt64(total), to: out)
            // Past its first block (1 MiB) a file is written directly where the file system takes it.
            if total < 1 << 20 || total > (1 << 20) + 9000 {
                #expect(out.writesDirectly == (directIO && direct && total > 1 << 20))
            }
            try out.finish()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "\(total) bytes, \(directIO)")
        }
    }

    /// A direct write refused with EINVAL (a file system without direct I/O, or an offset left unaligned): the rest
    /// of the file goes through the page cache from the first byte not written, in the middle of the file and in its
    /// padded last block alike.
    @Test(arguments: [1, 3, 4])
    func aRefusedDirectWriteFallsBackWithoutLosingABlock(refusedWrite: Int) throws {
        let dir = TemporaryDirectory()
        guard Self.takesDirectIO(dir.url.path) else { return }
        var calls = 0
        let path = dir.path("table.csv")
        let out = try TextOutput(path: path) { fd, bytes, count in
            calls += 1
            if calls == refusedWrite {
                errno = EINVAL
                return -1
            }
            // A short write first: half the blocks, as a device may.
            return calls == 2 ? Glibc.write(fd, bytes, count / 2 / 4096 * 4096) : Glibc.write(fd, bytes, count)
        }
        let expected = try Self.write(total: (3 << 20) + 777, seed: 7, to: out)
        try out.finish()
        #expect(calls >= refusedWrite)
        #expect(!out.writesDirectly)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }

    @Test func aFullDiskIsAnErrorNamingTheFile() throws {
        let dir = TemporaryDirectory()
        guard Self.takesDirectIO(dir.url.path) else { return }
        let out = try TextOutput(path: dir.path("table.csv")) { _, _, _ in
            errno = ENOSPC
            return -1
        }
        let error = #expect(throws: PublishError.self) {
            _ = try Self.write(total: 2 << 20, seed: 1, to: out)
            try out.finish()
        }
        let message = error.map { String(describing: $0) } ?? ""
        #expect(message.contains("table.csv") && message.contains("No space left"), "\(message)")
    }
}
