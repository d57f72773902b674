import Foundation
import SDGIngest

/// libFuzzer entry point: any bytes, as an SDMX-ML data or structure message, must give observations, rejects or a
/// typed error, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "fuzz-sdmx-\(getpid()).xml"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    var reader = SDMXDataReader(path: path, options: SourceOptions(name: "fuzz"))
    _ = try? reader.read { _ in }
    // Again cut in pieces of 16–79 bytes, so that the cutting of large generic messages meets every input too.
    reader.pieceSize = 16 + size % 64
    _ = try? reader.read { _ in }
    _ = try? SDMXStructureReader.read(path: path)
    return 0
}
