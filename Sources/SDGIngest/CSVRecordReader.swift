import SDGCore
import SDGSystem

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
/// nor keeps ragged rows; this reader works on raw bytes in 256 KiB `read(2)` chunks,
/// so memory stays flat however large the file.
///
/// Its hot properties opt out of runtime exclusivity checks (`@exclusivity(unchecked)`): a reader belongs to one thread
/// and never hands them out `inout`; the checks cost a tenth of the reading time (`perf`).
public final class CSVRecordReader {
    public let path: String
    public private(set) var delimiter: UInt8
    private let fd: Int32
    /// Raw memory rather than an array: every byte of the file passes through here, and an array's bounds and
    /// exclusivity checks showed up in `perf` at this rate.
    @exclusivity(unchecked) private var buffer: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var filled = 0
    @exclusivity(unchecked) private var atEOF = false
    /// A gzip file's decompressing reader (`CompressedInput`); the bytes come from it instead of `fd`.
    private var compressed: CompressedInput?
    /// Whether the file is gzip: read by this one reader, never in pieces.
    public var isCompressed: Bool { compressed != nil }
    @exclusivity(unchecked) private var line = 1
    private let chunkSize: Int

    public let encoding: TextEncoding
    /// Bytes read from the file so far, for progress displays.
    @exclusivity(unchecked) public private(set) var bytesRead = 0

    /// Opens `path`. Throws `IngestError.fileNotFound` or `.unreadable`. `chunkSize` is the bytes asked of each
    /// `read(2)`; tests and the fuzzer make it tiny so that records straddle reads everywhere. From `offset` on, the
    /// records start on `line` (a file read in pieces goes on from a piece this way; the delimiter must then be given).
    public init(
        path: String, delimiter: UInt8? = nil, encoding: TextEncoding = .utf8, chunkSize: Int = 256 * 1024,
        offset: Int = 0, line: Int = 1
    ) throws(IngestError) {
        self.chunkSize = max(1, chunkSize)
        self.encoding = encoding
        self.path = path
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .system(path: path, errno: errno) }
        self.fd = fd
        if offset == 0, CompressedInput.isGzip(fd: fd) { compressed = try CompressedInput(path: path) }
        self.buffer = .allocate(capacity: self.chunkSize)
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        self.line = line
        if offset > 0 {
            precondition(delimiter != nil, "a reader that starts within a file is given its delimiter")
            guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            bytesRead = offset
            return
        }
        // The header line whole (up to 64 KiB) before the byte order mark and the delimiter are looked for.
        repeat {
            try refill()
        } while !atEOF && filled < 65536
            && !UnsafeBufferPointer(rebasing: buffer[0..<filled]).contains(UInt8(ascii: "\n"))
        // Line ends written as a lone CR (classic Mac OS, some exports of Excel for Mac): without this the whole file
        // was one line. Such a file has no line feed, so turning every CR into one is exact.
        let head = UnsafeBufferPointer(rebasing: buffer[0..<filled])
        if !head.contains(UInt8(ascii: "\n")),
            let cr = head.firstIndex(of: UInt8(ascii: "\r")), cr + 1 < filled || atEOF
        {
            lineEndsAreCR = true
            Self.crToLineFeed(UnsafeMutableBufferPointer(rebasing: buffer[0..<filled]))
        }
        // A UTF-8 byte order mark is not part of the first column's name.
        if filled - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF
        {
            position += 3
        }
        self.delimiter = delimiter ?? sniffDelimiter()
    }

    /// Reads the records of bytes `from ..< to` of the open file `fd` (a piece of a file that ends where a record ends,
    /// unless it was cut inside quotes), numbering lines from 1 at `from`.
    init(pieceOf fd: Int32, from: Int, to: Int, path: String, delimiter: UInt8, encoding: TextEncoding)
        throws(IngestError)
    {
        chunkSize = max(1, to - from)
        self.encoding = encoding
        self.path = path
        self.fd = -1
        buffer = .allocate(capacity: chunkSize)
        while filled < to - from {
            let n = pread(fd, buffer.baseAddress! + filled, to - from - filled, off_t(from + filled))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)) : "the file became shorter while it was read"
                buffer.deallocate()
                scratch.deallocate()
                spans.deallocate()
                throw .unreadable(path: path, reason: reason)
            }
            filled += n
        }
        atEOF = true
        self.delimiter = delimiter
    }

    /// Where in the file the records not yet scanned start.
    public var offset: Int { bytesRead - (filled - position) }
    /// The line the next record starts on.
    public var nextLine: Int { line }
    /// Whether the last record scanned is a quoted field that runs to the end of the bytes: for a piece of a file, a
    /// sign that it was cut inside quotes.
    @exclusivity(unchecked) public private(set) var endedInsideQuotes = false
    /// The file ends its lines with a lone CR; its bytes are read with each CR as a line feed. (Found from the first
    /// 64 KiB; such a file is read by one reader, not in pieces.)
    public private(set) var lineEndsAreCR = false
    /// A quoted field with more line breaks than this is taken as unterminated: no real cell has so many, and a stray
    /// quote must not turn the rest of a file into one reject.
    static let maxLineBreaksInField = 1000

    deinit {
        if fd >= 0 { close(fd) }
        buffer.deallocate()
        scratch.deallocate()
        spans.deallocate()
    }

    private func refill() throws(IngestError) {
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 {
                _ = memmove(buffer.baseAddress!, buffer.baseAddress! + position, remaining)
            }
            filled = remaining
            position = 0
        }
        if filled == buffer.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count + chunkSize)
            _ = memcpy(larger.baseAddress!, buffer.baseAddress!, filled)
            buffer.deallocate()
            buffer = larger
        }
        let count: Int
        if let compressed {
            count = try compressed.read(buffer.baseAddress! + filled, buffer.count - filled)
        } else {
            count = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 { throw .system(path: path, errno: errno) }
        }
        if count == 0 { atEOF = true }
        if lineEndsAreCR, count > 0 {
            Self.crToLineFeed(UnsafeMutableBufferPointer(rebasing: buffer[filled..<filled + count]))
        }
        filled += count
        bytesRead += count
    }

    /// Counts `,`, `;` and tab outside quotes on the first line and picks the most frequent; on a tie the first of
    /// comma, semicolon, tab. (A dictionary's `max` broke ties by its iteration order, which differs between two
    /// dictionaries of the same process: the fuzzer read one header with `;` and then with tab.)
    private func sniffDelimiter() -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts = [0, 0, 0]
        var quoted = false
        for b in UnsafeBufferPointer(rebasing: buffer[position..<filled]) {
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if b == UInt8(ascii: "\n") { break }
            if let i = candidates.firstIndex(of: b) { counts[i] += 1 }
        }
        var best = 0
        for i in 1..<3 where counts[i] > counts[best] { best = i }
        // Eurostat's TSV: `unit,sex,geo\TIME_PERIOD` then tabs; with few periods the commas would win the count.
        if counts[2] > 0, EurostatTSVRows.isHeader(UnsafeBufferPointer(rebasing: buffer[position..<filled])) {
            return UInt8(ascii: "\t")
        }
        return candidates[best]
    }

    /// Where each field of the current record lies in `buffer`: valid until the next `advance()`, which is what lets
    /// a reader look at a cell without making a `String` of it (a String per cell was most of the reading time).
    /// Raw memory: an array's uniqueness checks, retains and releases per record were a tenth of reading (`perf`).
    @exclusivity(unchecked) private var spans = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: 64)
    @exclusivity(unchecked) private var spanCount = 0
    @exclusivity(unchecked) private var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
    private struct FieldSpan {
        var start: Int
        var end: Int
        /// A quoted field with `""` inside: its bytes need the doubled quotes undone.
        var doubledQuotes: Bool
    }

    /// The line the current record starts on (records with quoted line breaks span several lines).
    @exclusivity(unchecked) public private(set) var recordLine = 0
    /// Why the current record is malformed (a stray quote, an unterminated quoted field), or `nil`.
    @exclusivity(unchecked) public private(set) var recordProblem: String?
    /// The number of fields of the current record.
    public var fieldCount: Int { spanCount }

    /// The next record, or `nil` at the end of the file. Empty lines are skipped (they hold no record).
    public func next() throws(IngestError) -> CSVRecord? {
        guard try advance() else { return nil }
        var fields: [String] = []
        fields.reserveCapacity(spanCount)
        for i in 0..<spanCount { fields.append(try string(i)) }
        return CSVRecord(fields: fields, line: recordLine, problem: recordProblem)
    }

    /// Moves to the next record, skipping empty lines; `false` at the end of the file. Its cells are then read with
    /// `field`, `string` or `fieldCount`.
    public func advance() throws(IngestError) -> Bool {
        while true {
            guard try scanRecord() else { return false }
            if spanCount == 1, spans[0].start == spans[0].end, recordProblem == nil { continue }
            return true
        }
    }

    /// The bytes of field `i` of the current record (doubled quotes undone, not decoded), valid until the next
    /// `advance()` or `field` call.
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < spanCount, "field index out of range")
        let span = spans[i]
        if !span.doubledQuotes { return UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]) }
        if scratch.count < span.end - span.start {
            scratch.deallocate()
            scratch = .allocate(capacity: span.end - span.start)
        }
        var j = span.start
        var n = 0
        while j < span.end {
            let b = buffer[j]
            scratch[n] = b
            n += 1
            j += b == UInt8(ascii: "\"") && j + 1 < span.end && buffer[j + 1] == b ? 2 : 1
        }
        return UnsafeBufferPointer(rebasing: scratch[0..<n])
    }

    /// Finds the fields of the next record. A record that runs past the bytes read so far is scanned again from its
    /// start after a refill (the buffer grows for a record longer than a chunk), so spans always point into `buffer`.
    private func scanRecord() throws(IngestError) -> Bool {
        while true {
            if position >= filled {
                if !atEOF { try refill() }
                if position >= filled { return false }
            }
            var problem: String?
            var newlines = 0
            spanCount = 0
            let end = scan(from: position, problem: &problem, newlines: &newlines)
            if end < 0 {
                try refill()
                continue
            }
            recordLine = line
            recordProblem = problem
            line += newlines
            position = end
            return true
        }
    }

    private func addSpan(_ start: Int, _ end: Int, _ doubledQuotes: Bool) {
        if spanCount == spans.count {
            let larger = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: spans.count * 2)
            _ = larger.initialize(from: spans)
            spans.deallocate()
            spans = larger
        }
        spans[spanCount] = FieldSpan(start: start, end: end, doubledQuotes: doubledQuotes)
        spanCount += 1
    }

    /// Bit 7 of each byte of the result is set where `word` has `byte`; exact for the lowest such byte (higher ones
    /// may be false alarms after it, which callers never look at). Eight bytes are looked at in a few instructions:
    /// fields are scanned for their end this way (`scanRecord` was a fifth of reading a long file byte by byte).
    @inline(__always) private static func mark(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    @inline(__always) private func word(at p: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(buffer.baseAddress! + p).loadUnaligned(as: UInt64.self))
    }

    /// RFC 4180 over raw bytes: returns the position after the record, or -1 when the record runs past the bytes read
    /// and more of the file can be read. A field with a stray quote or text after its closing quote keeps its raw
    /// bytes and the record gets a `problem`, so that it is rejected with its line rather than guessed at.
    private func scan(from start: Int, problem: inout String?, newlines: inout Int) -> Int {
        let quote = UInt8(ascii: "\"")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        let (buf, end, atEOF, delimiter) = (UnsafeBufferPointer(buffer), filled, atEOF, delimiter)
        var p = start
        while true {
            var fieldStart = p
            if p < end, buf[p] == quote {
                let opening = p
                p += 1
                fieldStart = p
                var doubled = false
                var fieldEnd = -1
                let newlinesAtOpening = newlines
                var firstLineFeed = -1
                while p < end {
                    if p + 8 <= end {
                        let w = word(at: p)
                        let m = Self.mark(w, quote) | Self.mark(w, lf)
                        if m == 0 {
                            p += 8
                            continue
                        }
                        p += m.trailingZeroBitCount >> 3
                    }
                    let b = buf[p]
                    if b == quote {
                        if p + 1 < end, buf[p + 1] == quote {
                            doubled = true
                            p += 2
                            continue
                        }
                        if p + 1 >= end, !atEOF { return -1 }
                        fieldEnd = p
                        p += 1
                        break
                    }
                    if b == lf {
                        if firstLineFeed < 0 { firstLineFeed = p }
                        newlines += 1
                        if newlines - newlinesAtOpening > Self.maxLineBreaksInField { break }
                    }
                    p += 1
                }
                if fieldEnd < 0 {
                    let pastBound = newlines - newlinesAtOpening > Self.maxLineBreaksInField
                    if !atEOF, !pastBound { return -1 }
                    // Never closed: this line is the reject, and reading goes on at the next line. (At the end of a
                    // piece of a file, the flag hands the piece and the rest to one reader: the quote may close in
                    // the next piece.)
                    if !pastBound { endedInsideQuotes = true }
                    problem =
                        problem
                        ?? "a quoted field opened in column \(spanCount + 1) is not closed \(pastBound ? "within \(Self.maxLineBreaksInField) line breaks" : "before the end of the file"); this line is rejected and reading goes on at the next line. Add the closing quote (\"), or double a quote that belongs to the text"
                    guard firstLineFeed >= 0 else {
                        addSpan(fieldStart, end, doubled)
                        return end
                    }
                    var e = firstLineFeed
                    if e > fieldStart, buf[e - 1] == cr { e -= 1 }
                    addSpan(fieldStart, e, doubled)
                    newlines = newlinesAtOpening + 1
                    return firstLineFeed + 1
                }
                // After the closing quote: a delimiter, the end of the line (CRLF or LF) or the end of the file.
                var q = p
                if q < end, buf[q] == cr { q += 1 }
                if q >= end {
                    if !atEOF { return -1 }
                    addSpan(fieldStart, fieldEnd, doubled)
                    return end
                }
                if buf[q] == delimiter || buf[q] == lf {
                    addSpan(fieldStart, fieldEnd, doubled)
                    if buf[q] == delimiter {
                        p = q + 1
                        continue
                    }
                    newlines += 1
                    return q + 1
                }
                // Text after the closing quote: the field keeps its raw bytes, scanned on as an unquoted one.
                if problem == nil {
                    problem =
                        "text after a closing quote (column \(spanCount + 1)); quote the whole field and double the inner quote"
                }
                fieldStart = opening
                p = q
            }
            while p < end {
                if p + 8 <= end {
                    let w = word(at: p)
                    let m = Self.mark(w, delimiter) | Self.mark(w, lf) | Self.mark(w, quote)
                    if m == 0 {
                        p += 8
                        continue
                    }
                    p += m.trailingZeroBitCount >> 3
                }
                let b = buf[p]
                if b == delimiter || b == lf { break }
                if b == quote, problem == nil {
                    problem =
                        "a quote inside an unquoted field (column \(spanCount + 1)); quote the whole field and double the inner quote"
                }
                p += 1
            }
            if p >= end, !atEOF { return -1 }
            var e = p
            if e > fieldStart, buf[e - 1] == cr { e -= 1 }
            addSpan(fieldStart, e, false)
            if p >= end { return end }
            if buf[p] == delimiter {
                p += 1
                continue
            }
            newlines += 1
            return p + 1
        }
    }
}
