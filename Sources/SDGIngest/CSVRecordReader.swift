#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SDGCore

/// One CSV record: its fields and the line it starts on (records with quoted line breaks span several lines).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
    /// Set when the record is malformed (a stray quote, an unterminated quoted field); the reader still returns the
    /// record so that the caller can reject it with its line.
    public var problem: String?
}

/// A streaming RFC 4180 reader: quoted fields with delimiters, doubled quotes and line breaks; CRLF or LF; a UTF-8
/// BOM skipped; the delimiter given or sniffed from the header line.
///
/// Hand-written on purpose: the CSV packages available to us were measured at 7–12 MB/s and neither reports positions
/// nor keeps ragged rows (see ../shared/ENGINEERING.md); this reader works on raw bytes in 256 KiB `read(2)` chunks,
/// so memory stays flat however large the file.
public final class CSVRecordReader {
    public let path: String
    public private(set) var delimiter: UInt8
    private let fd: Int32
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    private var atEOF = false
    private var line = 1
    private static let chunkSize = 256 * 1024

    public let encoding: TextEncoding
    /// Bytes read from the file so far, for progress displays.
    public private(set) var bytesRead = 0

    /// Opens `path`. Throws `IngestError.fileNotFound` or `.unreadable`.
    public init(path: String, delimiter: UInt8? = nil, encoding: TextEncoding = .utf8) throws(IngestError) {
        self.encoding = encoding
        self.path = path
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        self.fd = fd
        self.buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        self.delimiter = UInt8(ascii: ",")
        try refill()
        // A UTF-8 byte order mark is not part of the first column's name.
        if filled - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
        self.delimiter = delimiter ?? sniffDelimiter()
    }

    deinit { close(fd) }

    /// The next record, or `nil` at the end of the file. Empty lines are skipped (they hold no record).
    public func next() throws(IngestError) -> CSVRecord? {
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1, record.fields[0].isEmpty, record.problem == nil { continue }
            return record
        }
    }

    private func refill() throws(IngestError) {
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + position, remaining)
                }
            }
            filled = remaining
            position = 0
        }
        if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize)) }
        let count = buffer.withUnsafeMutableBufferPointer { b in
            read(fd, b.baseAddress! + filled, b.count - filled)
        }
        if count < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if count == 0 { atEOF = true }
        filled += count
        bytesRead += count
    }

    /// Counts `,`, `;` and tab outside quotes on the first line and picks the most frequent (comma on a tie).
    private func sniffDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for b in buffer[position..<filled] {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if b == UInt8(ascii: "\n") { break }
            if counts[b] != nil { counts[b]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != UInt8(ascii: ",")) }!
        return best.value == 0 ? UInt8(ascii: ",") : best.key
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes, ...).
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
            0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        guard byte >= 0x80, byte <= 0x9F else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(high[Int(byte - 0x80)])!
    }

    private func readRecord() throws(IngestError) -> CSVRecord? {
        if position >= filled {
            if !atEOF { try refill() }
            if position >= filled { return nil }
        }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var state = State.fieldStart
        var problem: String?
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func finishField() throws(IngestError) {
            if state == .unquoted, field.last == cr { field.removeLast() }
            switch encoding {
            case .utf8:
                // Most cells are ASCII: checking that is a tight loop, and ASCII needs no further validation
                // (the generic `String(validating:)` was a tenth of the reading time).
                let ascii = field.withUnsafeBufferPointer { buffer in
                    var combined: UInt8 = 0
                    for byte in buffer { combined |= byte }
                    return combined < 0x80
                }
                if ascii {
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    guard let text = String(validating: field, as: UTF8.self) else {
                        throw .invalidEncoding(location: SourceLocation(file: path, line: line, column: fields.count + 1))
                    }
                    fields.append(text)
                }
            case .latin1:
                fields.append(String(String.UnicodeScalarView(field.map { Unicode.Scalar($0) })))
            case .windows1252:
                fields.append(String(String.UnicodeScalarView(field.map { Self.windows1252($0) })))
            }
            field.removeAll(keepingCapacity: true)
        }

        while true {
            if position >= filled {
                if !atEOF { try refill() }
                if position >= filled {
                    if state == .quoted {
                        problem = "a quoted field opened on line \(startLine) is never closed; add the closing quote (\")"
                    }
                    try finishField()
                    return CSVRecord(fields: fields, line: startLine, problem: problem)
                }
            }
            let b = buffer[position]
            position += 1
            switch state {
            case .fieldStart:
                if b == quote {
                    state = .quoted
                } else if b == delimiter {
                    state = .unquoted
                    try finishField()
                    state = .fieldStart
                } else if b == newline {
                    state = .unquoted
                    try finishField()
                    line += 1
                    return CSVRecord(fields: fields, line: startLine, problem: problem)
                } else {
                    field.append(b)
                    state = .unquoted
                }
            case .unquoted:
                if b == delimiter {
                    try finishField()
                    state = .fieldStart
                } else if b == newline {
                    try finishField()
                    line += 1
                    return CSVRecord(fields: fields, line: startLine, problem: problem)
                } else {
                    if b == quote, problem == nil {
                        problem = "a quote inside an unquoted field (column \(fields.count + 1)); quote the whole field and double the inner quote"
                    }
                    field.append(b)
                }
            case .quoted:
                if b == quote {
                    state = .quoteInQuoted
                } else {
                    if b == newline { line += 1 }
                    field.append(b)
                }
            case .quoteInQuoted:
                if b == quote {
                    field.append(quote)
                    state = .quoted
                } else if b == delimiter {
                    try finishField()
                    state = .fieldStart
                } else if b == newline || b == cr {
                    if b == cr, position < filled || !atEOF {
                        // CRLF after a closing quote: swallow the CR, the LF ends the record next.
                        state = .quoteInQuoted
                        continue
                    }
                    try finishField()
                    line += 1
                    return CSVRecord(fields: fields, line: startLine, problem: problem)
                } else {
                    if problem == nil {
                        problem = "text after a closing quote (column \(fields.count + 1)); quote the whole field and double the inner quote"
                    }
                    field.append(b)
                    state = .unquoted
                }
            }
        }
    }
}
