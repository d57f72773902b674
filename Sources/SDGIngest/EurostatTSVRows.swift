import SDGCore

/// Eurostat's TSV downloads (the bulk download service and the `format=TSV` answers of its API): a first column
/// holding the series key's codes joined by commas, headed by their names and the time dimension
/// (`freq,unit,sex,age,geo\TIME_PERIOD`, older files `...,geo\time`), then one tab-separated column per period
/// (`2023 `, `2023Q1`, `2023M01`, spaces around them). A cell is a value, `:` for a missing one, and flags after a
/// space (`82.3 b`, `: c`) that become the observation's status. `geo` is the area (or the dimension `columns.area`
/// names); the indicator is the dataset code from the file name (`estat_ilc_li02.tsv.gz` → `ilc_li02`) unless the
/// source gives one (`defaults: {indicator: ...}`); `unit` is both a dimension and the observations' unit.
struct EurostatTSVRows {
    let path: String
    let options: SourceOptions
    /// The key's dimension names, from the first header cell.
    let dimensions: [String]
    let areaIndex: Int
    let unitIndex: Int?
    let indicator: String
    /// The period columns (1-based in the file after the key column) and their periods; other columns are rejected
    /// at the header.
    let periods: [(column: Int, period: Period)]

    /// Whether a header line starts the Eurostat way: a backslash, then `time` or `TIME_PERIOD`, in its first cell.
    static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var first: [UInt8] = []
        for b in line {
            if b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
            first.append(b)
        }
        return isHeader(String(decoding: first, as: UTF8.self))
    }

    static func isHeader(_ first: String) -> Bool {
        guard let slash = first.lastIndex(of: "\\") else { return false }
        let after = first[first.index(after: slash)...].trimmingASCIIWhitespace().lowercased()
        return after == "time" || after == "time_period"
    }

    init(path: String, options: SourceOptions, header: [String]) throws(IngestError) {
        self.path = path
        self.options = options
        let first = header.first ?? ""
        let keyPart = first.split(separator: "\\", maxSplits: 1).first.map(String.init) ?? ""
        dimensions = keyPart.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingASCIIWhitespace()
        }
        let areaName = options.columns[.area]?.lowercased() ?? "geo"
        guard let area = dimensions.firstIndex(where: { $0.lowercased() == areaName }) else {
            throw .missingColumn(
                file: path, role: "area", expected: [areaName + " (a dimension of the first column)"],
                header: dimensions)
        }
        areaIndex = area
        unitIndex = dimensions.firstIndex { $0.lowercased() == "unit" }
        var stem = CSVLayoutResolver.fileStem(path)
        if stem.hasSuffix(".tsv") { stem.removeLast(4) }
        if stem.lowercased().hasPrefix("estat_") { stem.removeFirst(6) }
        indicator = options.defaults[.indicator] ?? stem
        var periods: [(Int, Period)] = []
        for (i, name) in header.enumerated().dropFirst() {
            guard let period = Period.parse(name.trimmingASCIIWhitespace()) else {
                throw .missingColumn(
                    file: path, role: "period",
                    expected: ["a period in every column after the first (column \(i + 1) is '\(name)')"],
                    header: header)
            }
            periods.append((i, period))
        }
        guard !periods.isEmpty else {
            throw .missingColumn(file: path, role: "period", expected: ["columns named by periods"], header: header)
        }
        self.periods = periods
    }

    /// Reads the rows after the header into batches; a row whose key does not have the header's codes, or whose
    /// cell is neither a number nor `:`, is a reject with its line and column.
    func read(_ reader: CSVRecordReader, _ handle: (ObservationBatch) throws -> Void) throws {
        var table = CSVPeriodTable()
        let numbers = periods.map { (number: table.add($0.period), column: $0.column) }
        var batch = ObservationBatch(file: path)
        var batchNumber = 0
        let width = periods.count + 1
        while try reader.advance() {
            if batch.count >= CSVRowReader.batchSize {
                batch.bytesRead = reader.bytesRead
                try handle(batch)
                batch = ObservationBatch(file: path)
                batchNumber += 1
            }
            let line = reader.recordLine
            let fields = try (0..<reader.fieldCount).map { try reader.string($0) }
            func reject(_ code: DiagnosticCode, _ column: Int?, _ reason: String) {
                batch.events.append(
                    (
                        batch.count,
                        .reject(
                            Reject(
                                source: options.name, location: SourceLocation(file: path, line: line, column: column),
                                code: code, raw: fields.joined(separator: "\t"), reason: reason))
                    ))
            }
            if let problem = reader.recordProblem {
                reject(.csvMalformedQuotes, nil, problem)
                continue
            }
            guard fields.count == width else {
                reject(
                    .csvFieldCount, nil,
                    "\(fields.count < width ? "too few" : "too many") fields: \(fields.count) where the header has \(width); Eurostat's TSV separates periods by tabs"
                )
                continue
            }
            let codes = fields[0].split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingASCIIWhitespace()
            }
            guard codes.count == dimensions.count else {
                reject(
                    .csvFieldCount, 1,
                    "the key '\(fields[0])' has \(codes.count) codes where the header names \(dimensions.count) (\(dimensions.joined(separator: ",")))"
                )
                continue
            }
            let key = SeriesKey(
                source: options.name, indicator: indicator, area: codes[areaIndex],
                dimensions: dimensions.indices.filter { $0 != areaIndex }.map {
                    SeriesKey.Dimension(id: dimensions[$0], value: codes[$0])
                })
            let keyNumber = Int32(batch.keys.count)
            batch.keys.append(key)
            var attributeNumbers: [String: Int32] = [:]
            for (number, column) in numbers {
                let cell = fields[column].trimmingASCIIWhitespace()
                let (text, flags) = Self.split(cell)
                var value = Double.nan
                if text != ":" && !options.missingMarkers.contains(text) {
                    guard let number = CellText.number(text), number.isFinite else {
                        reject(
                            .csvValueNotANumber, column + 1,
                            "value \(CellText.quoted(cell)) is not a number; Eurostat writes a value, ':' when it is missing, and its flags after a space (82.3 b)"
                        )
                        continue
                    }
                    value = number
                }
                let attributes: Int32
                if let known = attributeNumbers[flags] {
                    attributes = known
                } else {
                    attributes = Int32(batch.attributes.count)
                    batch.attributes.append(
                        ObservationAttributes(
                            unit: unitIndex.map { codes[$0] }, unitMultiplier: nil,
                            status: flags.isEmpty ? nil : flags))
                    attributeNumbers[flags] = attributes
                }
                batch.append(
                    key: keyNumber, attributes: attributes,
                    period: table.place(number, in: &batch, batchNumber: batchNumber), value: value, line: line)
            }
        }
        batch.bytesRead = reader.bytesRead
        try handle(batch)
    }

    /// `82.3 b` → (`82.3`, `b`); `: c` → (`:`, `c`); `:` → (`:`, ``); `12` → (`12`, ``).
    static func split(_ cell: String) -> (value: String, flags: String) {
        guard let space = cell.firstIndex(of: " ") else { return (cell, "") }
        return (String(cell[..<space]), cell[cell.index(after: space)...].trimmingASCIIWhitespace())
    }
}
