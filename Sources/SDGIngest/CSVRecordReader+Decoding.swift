import SDGCore

/// Turning a record's bytes into text, and the byte-level rewrite of lone-CR line ends.
extension CSVRecordReader {
    /// Field `i` of the current record as text, decoded from the file's encoding.
    public func string(_ i: Int) throws(IngestError) -> String {
        try decode(field(i), column: i + 1)
    }

    /// Decodes a cell's bytes. Most cells are ASCII: checking that is a tight loop, and ASCII needs no further
    /// validation (the generic `String(validating:)` was a tenth of the reading time).
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) throws(IngestError) -> String {
        switch encoding {
        case .utf8:
            var combined: UInt8 = 0
            for byte in bytes { combined |= byte }
            if combined < 0x80 { return String(decoding: bytes, as: UTF8.self) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .invalidEncoding(location: SourceLocation(file: path, line: recordLine, column: column))
            }
            return text
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return String(String.UnicodeScalarView(bytes.map { Self.windows1252($0) }))
        }
    }

    /// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes, ...).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
            0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        guard byte >= 0x80, byte <= 0x9F else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(high[Int(byte - 0x80)])!
    }

    static func crToLineFeed(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        for i in bytes.indices where bytes[i] == UInt8(ascii: "\r") { bytes[i] = UInt8(ascii: "\n") }
    }
}
