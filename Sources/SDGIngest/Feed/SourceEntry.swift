import Foundation

/// The file formats a source can be read as; `auto` decides from the extension, then from the first byte.
public enum SourceFormat: String, Sendable, CaseIterable {
    case auto, csv, sdmx
}

/// One input of a pipeline (or the file of `inspect` and `evaluate`): where it is, how to read it and what to call it.
public struct SourceEntry: Sendable {
    public let name: String
    public let url: URL
    /// The path as messages and tables show it: relative to the working folder where possible.
    public let displayPath: String
    public let format: SourceFormat
    public let options: SourceOptions
    /// Line of the entry in the pipeline file, for messages about it.
    public let line: Int?

    public init(name: String, url: URL, displayPath: String, format: SourceFormat, options: SourceOptions, line: Int?) {
        self.name = name
        self.url = url
        self.displayPath = displayPath
        self.format = format
        self.options = options
        self.line = line
    }

    /// The format to read the file as: `format`, or for `auto` the extension (`.xml`, `.sdmx` are SDMX; `.csv`,
    /// `.tsv`, `.txt` and Excel's `.xlsx` are CSV; `.gz` after any of them too), or else the first byte that is not white space or a
    /// byte-order mark (`<` is SDMX), decompressed first for a gzip file.
    public var resolvedFormat: SourceFormat {
        if format != .auto { return format }
        var extensionName = url.pathExtension.lowercased()
        if extensionName == "gz" { extensionName = url.deletingPathExtension().pathExtension.lowercased() }
        switch extensionName {
        case "xml", "sdmx": return .sdmx
        case "csv", "tsv", "txt", "xlsx", "xlsm": return .csv  // an Excel sheet is read as CSV (`CSVSource`)
        default:
            var head = Data()
            if CompressedInput.isGzip(path: url.path), let input = try? CompressedInput(path: url.path) {
                var bytes = [UInt8](repeating: 0, count: 64)
                let n = (try? bytes.withUnsafeMutableBytes { try input.read($0.baseAddress!, 64) }) ?? 0
                head = Data(bytes.prefix(n))
            } else {
                head = (try? FileHandle(forReadingFrom: url).read(upToCount: 64)) ?? Data()
            }
            let firstByte = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
            return firstByte == UInt8(ascii: "<") ? .sdmx : .csv
        }
    }
}
