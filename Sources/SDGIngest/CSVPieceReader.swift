import SDGCore
import SDGSystem

/// Reads a large CSV file's rows on all cores: the file after its header is cut into pieces of about a MiB just after a
/// line feed, each piece's rows are read by a `CSVRowReader` of its own on a worker thread, and the batches are handed
/// on in file order with the file's own line numbers (a piece's reader numbers its lines from 1; they are renumbered
/// as the pieces are handed on, each after the line feeds of those before it). At most a few pieces are in memory.
///
/// Why: reading one long CSV row by row kept one core busy while the other waited (0.8 s of the 1.1 s `inspect` of
/// the 573 MiB file of bench/ingest/large was the reading thread). A line feed may lie inside a quoted field: then the
/// piece before it ends inside quotes, which its reader sees exactly (it read that piece as one reader reading the
/// whole file would), and that piece and the rest of the file are read by one reader from the piece's start.
struct CSVPieceReader {
    let rows: CSVRowReader
    var pieceSize: Int
    var minimumFileSize = 16 << 20
    /// Pieces read ahead of the one being handed on.
    var inFlight = 4

    /// What a worker read of one piece.
    private struct PieceRead: Sendable {
        let start: Int, end: Int, isLast: Bool
        var batches: [ObservationBatch] = []
        var trimmed = 0
        /// Line feeds in the piece (its reader numbers its lines from 1).
        var lineFeeds = 0
        var error: (any Error)?
        var endedInsideQuotes = false

        static func read(_ fd: Int32, _ rows: CSVRowReader, start: Int, end: Int, isLast: Bool) -> PieceRead {
            var piece = PieceRead(start: start, end: end, isLast: isLast)
            do {
                let reader = try CSVRecordReader(
                    pieceOf: fd, from: start, to: end, path: rows.path, delimiter: rows.delimiterByte,
                    encoding: rows.options.encoding)
                defer { (piece.endedInsideQuotes, piece.lineFeeds) = (reader.endedInsideQuotes, reader.nextLine - 1) }
                piece.trimmed = try rows.read(reader) { piece.batches.append($0) }
            } catch {
                piece.error = error
            }
            return piece
        }
    }

    /// Reads the rows after the header `header` has read; `nil` when the file is not read in pieces (small, or one
    /// core), else the number of trimmed cells.
    func read(after header: CSVRecordReader, _ handle: (ObservationBatch) throws -> Void) throws -> Int? {
        guard Platform.processorCount >= 2 || minimumFileSize == 0, !header.lineEndsAreCR, !header.isCompressed else {
            return nil
        }
        let fd = open(rows.path, O_RDONLY)
        guard fd >= 0 else { return nil }  // the one-reader path reports why
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, Int(status.st_size) >= minimumFileSize else { return nil }
        let size = Int(status.st_size)
        var position = header.offset
        var line = header.nextLine
        var pieces = OrderedPieces<PieceRead>(inFlight: inFlight)
        defer { pieces.abandon() }
        var trimmed = 0
        while true {
            while pieces.hasRoom, position < size {
                let end = try Self.cut(fd, after: position + pieceSize, size: size, path: rows.path)
                let (start, rows) = (position, rows)
                position = end
                pieces.start { PieceRead.read(fd, rows, start: start, end: end, isLast: end >= size) }
            }
            guard let job = pieces.next() else { break }
            if job.endedInsideQuotes, !job.isLast {
                // Cut inside a quoted field: this piece and the rest are read by one reader from the piece's start.
                pieces.abandon()
                let reader = try CSVRecordReader(
                    path: rows.path, delimiter: rows.delimiterByte, encoding: rows.options.encoding,
                    offset: job.start, line: line)
                return trimmed + (try rows.read(reader, handle))
            }
            for batch in job.batches {
                var batch = batch
                batch.bytesRead = job.end
                batch.renumberLines(from: line)
                try handle(batch)
            }
            if let error = job.error {
                // Its line is the piece's own: in the file it is `line - 1` further.
                if case IngestError.invalidEncoding(let l) = error {
                    throw IngestError.invalidEncoding(
                        location: SourceLocation(file: l.file, line: l.line.map { $0 + line - 1 }, column: l.column))
                }
                throw error
            }
            trimmed += job.trimmed
            line += job.lineFeeds
        }
        return trimmed
    }

    /// Just after the first line feed at or after `offset`, or the end of the file.
    static func cut(_ fd: Int32, after offset: Int, size: Int, path: String) throws -> Int {
        var window = [UInt8](repeating: 0, count: 64 << 10)
        var at = offset
        while at < size {
            let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(at)) }
            guard n > 0 else {
                if n < 0, errno == EINTR { continue }
                throw IngestError.unreadable(
                    path: path,
                    reason: n < 0 ? String(cString: strerror(errno)) : "the file became shorter while it was read")
            }
            if let i = window[..<n].firstIndex(of: UInt8(ascii: "\n")) { return at + i + 1 }
            at += n
        }
        return size
    }
}
