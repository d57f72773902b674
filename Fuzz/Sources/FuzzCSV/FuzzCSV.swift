import Foundation
import SDGIngest

/// libFuzzer entry point: any bytes, as a CSV file in every layout, must give observations, rejects or a typed error,
/// never a crash, a hang or a leak; and read in pieces on several threads (`pieceSize`), exactly what one reader reads.
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
        let whole = records(reader)
        reader.piecedFrom = 0
        reader.pieceSize = 8 + size % 61
        let pieces = records(reader)
        if whole != pieces { fatalError("read in pieces of \(reader.pieceSize): \(pieces)\none reader: \(whole)") }
    }
    return 0
}

/// What a reader hands on, as text; or only the error it threw (what was handed on before it is thrown away by every
/// consumer, and pieces hand on more of it than one reader does).
func records(_ reader: LongCSVReader) -> [String] {
    var out: [String] = []
    do {
        try reader.read { record in
            switch record {
            case .observation(let o):
                out.append("\(o.key) \(o.period.label) \(o.period.start) \(o.value.map { "\($0)" } ?? "-") \(o.attributes.unit ?? "") \(o.location)")
            case .reject(let r): out.append("reject \(r.location) \(r.code) \(r.raw) \(r.reason)")
            case .notice(let d): out.append("notice \(d)")
            }
        }
    } catch {
        return ["error \(error)"]
    }
    return out
}
