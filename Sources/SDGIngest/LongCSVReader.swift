import SDGCore

/// Reads CSV feeds into observations: the long layout (one observation a row), the wide layout (periods as columns),
/// Open SDG's tidy files, UN SDG API exports, SDMX-CSV 1.0/2.0, Gapminder DDF datapoints and Eurostat's TSV — detected from the
/// header and file name, or as the source's `layout:` says. Bad rows become rejects with their line and column.
///
/// Column roles come from the source's `columns:` or from each layout's conventional names (compared ignoring case,
/// spaces, `_`, `-` and brackets). Every other column, except descriptive ones, is a dimension of the series key.
public struct LongCSVReader: Sendable {
    public let path: String
    public let options: SourceOptions

    /// Bytes per read of the file; tests and the fuzzer make it tiny so that records straddle reads.
    public var chunkSize = 256 * 1024
    /// Files of `piecedFrom` bytes or more are read on all cores in pieces of about `pieceSize` (`CSVPieceReader`);
    /// tests make both small so that every cut is tried.
    public var pieceSize = 1 << 20
    public var piecedFrom = 16 << 20
    /// Where the bytes are when they are not at `path` (an Excel sheet written out as CSV): `path` still names the
    /// file in every message and reject. Such a file is read by one reader.
    public var readFrom: String? {
        didSet { if readFrom != nil { piecedFrom = .max } }
    }
    var bytesPath: String { readFrom ?? path }

    public init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
    }

    /// What the reader made of the header: the layout, the delimiter it used and the column playing each role.
    public struct Layout: Sendable {
        public let layout: String
        public let delimiter: String
        public let encoding: String
        public let columns: [String]
        public let roles: [SourceOptions.Role: String]
    }

    /// Reads only the header and reports the layout `read` would use.
    /// The first `count` records after the header, for the layout's checks that need data (`refine`): a reader of
    /// their own, so the stream's reader is untouched; about a chunk of the file.
    func firstRows(_ count: Int, delimiter: UInt8) throws -> [[String]] {
        let reader = try CSVRecordReader(path: bytesPath, delimiter: delimiter, encoding: options.encoding)
        _ = try reader.next()
        var rows: [[String]] = []
        while rows.count < count, let record = try reader.next() { rows.append(record.fields) }
        return rows
    }

    public func layout() throws -> Layout {
        let reader = try CSVRecordReader(path: bytesPath, delimiter: options.delimiter, encoding: options.encoding)
        let names = (try reader.next()?.fields ?? []).map { $0.trimmingASCIIWhitespace() }
        if names == [] || names == [""] { throw IngestError.noObservations(path: path, notices: []) }
        if options.layout == .eurostatTSV || (options.layout == .auto && EurostatTSVRows.isHeader(names[0])) {
            let rows = try EurostatTSVRows(path: path, options: options, header: names)
            var roles: [SourceOptions.Role: String] = [
                .area: rows.dimensions[rows.areaIndex], .indicator: "'\(rows.indicator)' (constant)",
                .period: "\(rows.periods.count) period columns", .status: "flags after each value",
            ]
            if let unit = rows.unitIndex { roles[.unit] = rows.dimensions[unit] }
            return Layout(
                layout: CSVLayout.eurostatTSV.rawValue, delimiter: reader.delimiter == 9 ? "tab" : ",",
                encoding: options.encoding.rawValue, columns: rows.dimensions + names.dropFirst(), roles: roles)
        }
        let resolved = try CSVLayoutResolver(path: path, options: options).resolve(header: names)
        var roles = resolved.roles.mapValues { names[$0] }
        for (role, value) in resolved.constants where !value.isEmpty { roles[role] = "'\(value)' (constant)" }
        if resolved.layout == .wide { roles[.period] = "\(resolved.periodColumns.count) period columns" }
        return Layout(
            layout: resolved.layout.rawValue,
            delimiter: reader.delimiter == 9 ? "tab" : String(UnicodeScalar(reader.delimiter)),
            encoding: options.encoding.rawValue, columns: names, roles: roles)
    }

    /// Streams every row to `handle`, one record at a time (observations made from the batches of `readBatches(_:)`).
    public func read(_ handle: (IngestRecord) throws -> Void, progress: (Int) -> Void = { _ in }) throws {
        try readBatches({ batch in
            try batch.forEachRecord(handle)
            progress(batch.bytesRead)
        })
    }

    /// Streams every row to `handle` in batches of about 4,096 rows (`CSVRowReader.batchSize`), with the rejects and
    /// notices in file order.
    /// Throws only when the file as a whole is unusable.
    ///
    /// Cells are looked at in place (`CSVRecordReader.field`): a cell equal to the one above it is neither decoded nor
    /// cleaned again, a series key or a set of attributes whose columns did not change is reused whole, known periods
    /// are found by their bytes and plain decimals are read from the bytes. A `String` per cell, a key per row and an
    /// object per observation were most of the reading time.
    public func readBatches(_ handle: (ObservationBatch) throws -> Void) throws {
        let reader = try CSVRecordReader(
            path: bytesPath, delimiter: options.delimiter, encoding: options.encoding, chunkSize: chunkSize)
        // An empty file has no header: no records (`FeedReader` refuses it unless the source is optional).
        guard let header = try reader.next(), header.fields != [""] else { return }
        let names = header.fields.map { $0.trimmingASCIIWhitespace() }
        if options.layout == .eurostatTSV || (options.layout == .auto && EurostatTSVRows.isHeader(names[0])) {
            // Read by one reader: its rows are short and few next to a long CSV's.
            try EurostatTSVRows(path: path, options: options, header: names).read(reader, handle)
            return
        }
        var resolved = try CSVLayoutResolver(path: path, options: options).resolve(header: names)
        if !resolved.labelColumns.isEmpty
            || names.contains(where: { CSVLayoutResolver.recordNumberNames.contains(CSVLayoutResolver.normalize($0)) })
        {
            CSVLayoutResolver.refine(&resolved, sample: try firstRows(1000, delimiter: reader.delimiter), header: names)
        }
        let rows = CSVRowReader(
            path: path, options: options, names: names, resolved: resolved, delimiter: reader.delimiter)
        // Columns left out of the key, said before the first row.
        for (columns, code, why) in [
            (
                resolved.recordNumberColumns, DiagnosticCode.recordNumberColumn,
                "numbers the rows (consecutive integers, one per row)"
            ),
            (resolved.indexColumns, .indexColumn, "has no name, like the index pandas writes"),
        ] where !columns.isEmpty {
            let named = columns.map { "\($0 + 1) ('\(names[$0])')" }.joined(separator: ", ")
            try handle(
                noticeBatch(
                    code, SourceLocation(file: path, line: 1), "column \(named) \(why): left out of the series key"))
        }
        var bytesRead = 0
        func pass(_ batch: ObservationBatch) throws {
            bytesRead = batch.bytesRead
            try handle(batch)
        }
        let pieces = CSVPieceReader(rows: rows, pieceSize: pieceSize, minimumFileSize: piecedFrom)
        let trimmed = try pieces.read(after: reader, pass) ?? rows.read(reader, pass)
        if trimmed > 0 {
            var last = noticeBatch(
                .trimmedCells, SourceLocation(file: path),
                "\(trimmed) cells had leading or trailing spaces, which were removed")
            last.bytesRead = bytesRead
            try handle(last)
        }
    }

    /// A batch without rows that carries one notice about the file.
    private func noticeBatch(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) -> ObservationBatch
    {
        var batch = ObservationBatch(file: path)
        batch.events.append((0, .notice(Diagnostic(.notice, code, at: location, message))))
        return batch
    }
}
