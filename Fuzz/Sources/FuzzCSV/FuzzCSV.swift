import Foundation
import SDGIngest

/// libFuzzer entry point: any bytes, as a CSV file in every layout, must give observations, rejects or a typed error,
/// never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "fuzz-csv-\(getpid()).csv"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    for layout in [CSVLayout.auto, .wide, .openSDG, .sdmxCSV] {
        var options = SourceOptions(name: "fuzz")
        options.layout = layout
        options.encoding = size % 2 == 0 ? .utf8 : .windows1252
        options.decimalComma = size % 3 == 0
        options.range = .start
        var reader = LongCSVReader(path: path, options: options)
        // Tiny reads for some inputs: records then straddle reads and are scanned again after each refill.
        if size % 5 < 2 { reader.chunkSize = 1 + size % 7 }
        try? reader.read { _ in }
    }
    return 0
}
