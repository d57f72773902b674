import Foundation
import SDGIngest

/// libFuzzer entry point: any bytes, as an SDMX-ML data or structure message, must give observations, rejects or a
/// typed error, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "fuzz-sdmx-\(getpid()).xml"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    _ = try? SDMXDataReader(path: path, options: SourceOptions(name: "fuzz")).read { _ in }
    _ = try? SDMXStructureReader.read(path: path)
    return 0
}
