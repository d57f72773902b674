import CLibXML2
import SDGCore
import SDGSystem

/// Reads a large SDMX-ML data message (generic or structure-specific) on all cores: the file is cut into pieces of about
/// 512 KiB just before a `Series` start tag, and each piece is parsed by a push parser of its own as a small message — the original's
/// header, the data set's start tag and the groups met so far in front, the data set's and root's closing tags
/// behind. Each piece's rows are gathered into batches on its worker; the batches are handed on in file order, piece
/// after piece, with the file's own line numbers; at most a few pieces are in memory at a time.
///
/// Why: libxml2 itself took two thirds of reading a generic message on one core (`perf`), so one parser could never
/// keep up with `xmllint`. Only what is safe to cut is cut: a comment, CDATA section or processing instruction after
/// the header makes the rest be read on one parser from the last safe cut; a message with a DTD, without `Series`
/// elements (flat or cross-sectional) or a small file is read on one parser from the start.
struct SDMXParallelReader {
    let path: String
    let options: SourceOptions
    var pieceSize = 512 << 10
    var minimumFileSize = 16 << 20
    /// Pieces parsed ahead of the one being handed on.
    var inFlight = 4

    /// `nil` when the file is not read in pieces (too small, one core, or a layout that is not safe to cut).
    func read(_ handle: (ObservationBatch) throws -> Void) throws -> SDMXDataReader.MessageInfo? {
        guard Platform.processorCount >= 2 else { return nil }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }  // the one-parser path reports why
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, Int(status.st_size) >= minimumFileSize else { return nil }
        let size = Int(status.st_size)
        guard let layout = Layout(head: Self.bytes(fd, at: 0, count: min(size, 1 << 20))) else { return nil }
        var scanner = Scanner(
            fd: fd, size: size, layout: layout, pieceSize: pieceSize)
        // The first piece is checked here (its header may hold comments; the data after it may not).
        guard let first = scanner.next(), scanner.firstPieceIsSafe(first) else { return nil }

        var pieces = OrderedPieces<Job>(inFlight: inFlight)
        defer { pieces.abandon() }
        func start(_ piece: Piece) {
            let (path, options) = (path, options)
            pieces.start { () -> sending Job in
                let job = Job(piece: piece, path: path, options: options, fd: fd, layout: layout)
                job.run()
                return job
            }
        }
        start(first)
        var info: SDMXDataReader.MessageInfo?
        var dataSets = 0
        var restStarted = false
        while true {
            while !restStarted, pieces.hasRoom, let piece = scanner.next() { start(piece) }
            guard let job = pieces.next() else { break }
            if job.unsafe {
                // A comment, CDATA or instruction in this piece: it and the rest are read by one parser from its start.
                pieces.abandon()
                restStarted = true
                start(
                    Piece(
                        prefix: job.piece.prefix, body: nil, start: job.piece.start, end: size, suffix: [],
                        lineOffset: job.piece.lineOffset, newlinesBefore: job.piece.newlinesBefore,
                        context: job.piece.context))
                continue
            }
            for var batch in job.batches {
                batch.bytesRead = job.piece.end
                try handle(batch)
            }
            if let error = job.error { throw error }
            if info == nil, let state = job.state { info = try SDMXDataReader.messageInfo(state, path: path) }
            // The rest after an unsafe cut counted its data sets itself, less the one copied in front of it.
            dataSets += job.piece.body == nil ? job.dataSets - (job.piece.prefix.isEmpty ? 0 : 1) : job.newDataSets
            if job.changedContext, !restStarted {
                // A new data set or group: the pieces already started had the old one in front; start them again.
                pieces.abandon()
                scanner.restart(after: job.piece, context: job.context)
            }
        }
        guard let info else { return nil }
        return SDMXDataReader.MessageInfo(
            messageType: info.messageType, structureID: info.structureID,
            dimensionAtObservation: info.dimensionAtObservation, dataSets: dataSets)
    }

    /// The data set start tag and the group elements met so far: what a piece needs in front of it.
    struct Context: Sendable {
        var dataSetTag: [UInt8] = []
        var groups: [UInt8] = []
    }

    /// A piece of the file and what to parse around it.
    struct Piece: Sendable {
        let prefix: [UInt8]
        /// The piece's bytes, or `nil` to read from `start` to the end of the file (the rest after an unsafe cut).
        let body: [UInt8]?
        let start: Int, end: Int
        let suffix: [UInt8]
        let lineOffset: Int
        /// Line feeds before the piece, and in it.
        let newlinesBefore: Int
        var newlinesInBody = 0
        /// The context in front of the piece.
        let context: Context

        init(
            prefix: [UInt8], body: [UInt8]?, start: Int, end: Int, suffix: [UInt8], lineOffset: Int,
            newlinesBefore: Int,
            context: Context, newlinesInBody: Int = 0
        ) {
            (self.prefix, self.body, self.start, self.end, self.suffix) = (prefix, body, start, end, suffix)
            (self.lineOffset, self.newlinesBefore, self.context, self.newlinesInBody) = (
                lineOffset, newlinesBefore, context, newlinesInBody
            )
        }
    }

    /// Finds the cuts: reads the next `pieceSize` bytes and cuts before the last series start tag in them.
    struct Scanner {
        let fd: Int32, size: Int, layout: Layout, pieceSize: Int
        var position = 0
        var newlines = 0
        var context = Context()

        init(fd: Int32, size: Int, layout: Layout, pieceSize: Int) {
            (self.fd, self.size, self.layout, self.pieceSize) = (fd, size, layout, pieceSize)
        }

        mutating func next() -> Piece? {
            guard position < size else { return nil }
            let start = position
            let prefix = start == 0 ? [] : layout.header + context.dataSetTag + context.groups
            var want = pieceSize
            var bytes: [UInt8] = []
            var cut: Int?
            while true {
                bytes = SDMXParallelReader.bytes(fd, at: start, count: min(want, size - start))
                cut = lastSeriesStart(bytes, after: start == 0 ? layout.header.count : 1)
                if cut != nil || start + bytes.count >= size { break }
                want *= 2
            }
            if let cut { bytes.removeSubrange(cut...) }
            let body = bytes
            let lines = SDMXParallelReader.newlines(body[...])
            let piece = Piece(
                prefix: prefix, body: body, start: start, end: start + body.count,
                suffix: start + body.count >= size ? [] : layout.closing,
                lineOffset: newlines - SDMXParallelReader.newlines(prefix[...]), newlinesBefore: newlines,
                context: context,
                newlinesInBody: lines)
            if start == 0 {
                context = Job.survey(body, from: layout.header.count, layout: layout, context: context).context
            }
            position = piece.end
            newlines += lines
            return piece
        }

        /// Cuts again after `piece`, with the context it ended in.
        mutating func restart(after piece: Piece, context: Context) {
            position = piece.end
            newlines = piece.newlinesBefore + piece.newlinesInBody
            self.context = context
        }

        /// The first piece holds the header: only what follows its data set start tag must be free of comments,
        /// CDATA sections and instructions.
        func firstPieceIsSafe(_ piece: Piece) -> Bool {
            guard let body = piece.body else { return false }
            return !Job.survey(body, from: layout.header.count, layout: layout, context: Context()).unsafe
        }

        /// The last position in `bytes` (after `after`) where a series start tag begins, searched from the end.
        func lastSeriesStart(_ bytes: [UInt8], after: Int) -> Int? {
            let needle = layout.seriesOpen
            var i = bytes.count - needle.count - 1
            while i >= after {
                if bytes[i] == UInt8(ascii: "<"), Layout.isNameEnd(bytes[i + needle.count]),
                    bytes[i..<(i + needle.count)].elementsEqual(needle)
                {
                    return i
                }
                i -= 1
            }
            return nil
        }
    }

    /// One piece parsed on a worker: its batches or the error that stopped it, and what the piece means for the
    /// pieces after it (a new data set or group, or markup that makes cutting unsafe).
    final class Job {
        let piece: Piece, path: String, options: SourceOptions, fd: Int32, layout: Layout
        var batches: [ObservationBatch] = []
        var error: Error?
        var state: SDMXMessageDispatcher?
        var dataSets = 0, newDataSets = 0
        var unsafe = false, changedContext = false
        var context = Context()

        init(piece: Piece, path: String, options: SourceOptions, fd: Int32, layout: Layout) {
            (self.piece, self.path, self.options, self.fd, self.layout) = (piece, path, options, fd, layout)
        }

        /// One pass over `body` from `from`: whether it holds a comment, CDATA section or instruction (`<!`, `<?`:
        /// unsafe to cut), its data set start tags and group elements, and the context after it. Each `<` is looked at
        /// by the byte after its prefix before any comparison (a search per needle compared every tag four times:
        /// a sixth of the workers' time in `memcmp`).
        static func survey(_ body: [UInt8], from: Int = 0, layout: Layout, context incoming: Context)
            -> (unsafe: Bool, context: Context, dataSets: Int, changed: Bool)
        {
            var context = incoming
            var dataSets = 0
            var changed = false
            let (dataSetOpen, groupOpen) = (layout.dataSetOpen, layout.groupOpen)
            // Where the "D" of DataSet and the "G" of Group sit after a `<` (their prefixes may differ).
            let (dKey, gKey) = (dataSetOpen.count - 7, groupOpen.count - 5)
            let closeTag = Array(("</" + String(decoding: groupOpen.dropFirst(), as: UTF8.self) + ">").utf8)
            return body.withUnsafeBufferPointer { b -> (Bool, Context, Int, Bool) in
                var at = from
                let raw = UnsafeRawBufferPointer(b)
                let reach = max(1, dKey, gKey) + Candidates.width
                while at < b.count {
                    while at + reach <= b.count, !Candidates.any(raw, at, dKey: dKey, gKey: gKey) {
                        at += Candidates.width
                    }
                    guard let hit = memchr(b.baseAddress! + at, Int32(UInt8(ascii: "<")), b.count - at) else { break }
                    let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b.baseAddress!
                    at = i + 1
                    guard i + 1 < b.count else { break }
                    let next = b[i + 1]
                    if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                        return (true, context, dataSets, changed)
                    }
                    guard
                        (i + dKey < b.count && b[i + dKey] == UInt8(ascii: "D"))
                            || (i + gKey < b.count && b[i + gKey] == UInt8(ascii: "G"))
                    else { continue }
                    func matches(_ needle: [UInt8]) -> Bool {
                        i + needle.count < b.count && needle.indices.allSatisfy { b[i + $0] == needle[$0] }
                            && Layout.isNameEnd(b[i + needle.count])
                    }
                    guard
                        let gt = UnsafeBufferPointer(rebasing: b[i...]).firstIndex(of: UInt8(ascii: ">")).map({ $0 + i }
                        )
                    else { continue }
                    if matches(dataSetOpen) {
                        dataSets += 1
                        changed = true
                        context = Context(dataSetTag: Array(b[i...gt]), groups: [])
                    } else if matches(groupOpen) {
                        let end =
                            b[gt - 1] == UInt8(ascii: "/")
                            ? gt + 1
                            : (Layout.find(closeTag, in: body[gt...]).map { $0 + closeTag.count } ?? b.count)
                        context.groups += b[i..<end]
                        changed = true
                        at = end
                    }
                }
                return (false, context, dataSets, changed)
            }
        }

        func run() {
            let piece = self.piece
            if let body = piece.body, piece.start > 0 {
                (unsafe, context, newDataSets, changedContext) = Self.survey(
                    body, layout: layout, context: piece.context)
                if unsafe { return }
            } else if let body = piece.body {
                newDataSets =
                    Self.survey(body, from: layout.header.count, layout: layout, context: piece.context).dataSets
            }
            // The input one part after the other: prefix, body (or the file from `start`), suffix.
            var segment = 0
            var offset = 0
            var fileAt = piece.start
            func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
                while segment < 3 {
                    if segment == 1, piece.body == nil {
                        let n = pread(fd, buffer.baseAddress!, buffer.count, off_t(fileAt))
                        if n > 0 {
                            fileAt += n
                            return n
                        }
                        (segment, offset) = (2, 0)
                        continue
                    }
                    let source = segment == 0 ? piece.prefix : segment == 1 ? piece.body! : piece.suffix
                    if offset < source.count {
                        let n = min(buffer.count, source.count - offset)
                        source.withUnsafeBytes {
                            buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n)
                        }
                        offset += n
                        return n
                    }
                    (segment, offset) = (segment + 1, 0)
                }
                return 0
            }
            do {
                let state = try SDMXDataReader.parse(
                    path: path, options: options, lineOffset: piece.lineOffset,
                    internerCapacity: piece.body == nil ? 8192 : 1024, handle: { batches.append($0) }
                ) { sax, context, attach, progress, after in
                    try LibXML2PushParser.parse(
                        name: path, sax: &sax, context: context, attach: attach, progress: progress,
                        afterChunk: after, fill: fill)
                }
                if piece.start == 0 { self.state = state }
                dataSets = state.delegate?.dataSets ?? 0
            } catch {
                self.error = error
            }
        }
    }
}
