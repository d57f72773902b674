import SDGCore

/// The rows of a CSV file, once its header has been read: each record of a `CSVRecordReader` becomes an observation
/// in a batch, a reject or a notice. One per file, or one per piece when a large file is read in pieces
/// (`CSVPieceReader`): everything it learns while reading (the cells above, keys, periods) is the reading's own.
struct CSVRowReader: Sendable {
    let path: String
    let options: SourceOptions
    let names: [String]
    let r: CSVLayoutResolver.Resolved
    let dimensionColumns: [Int]
    let delimiter: String
    let delimiterByte: UInt8
    let keyColumns: [Int]
    let attributeColumns: [Int]

    init(
        path: String, options: SourceOptions, names: [String], resolved r: CSVLayoutResolver.Resolved, delimiter: UInt8
    ) {
        self.path = path
        self.options = options
        self.names = names
        self.r = r
        let periodColumns = Set(r.periodColumns.map(\.index))
        dimensionColumns = names.indices.filter {
            (!r.roles.values.contains($0) || r.keyColumns.contains($0)) && !r.ignored.contains($0)
                && !periodColumns.contains($0)
        }
        self.delimiter = String(UnicodeScalar(delimiter))
        delimiterByte = delimiter
        keyColumns = dimensionColumns + [r.roles[.indicator], r.roles[.area]].compactMap { $0 }
        attributeColumns = [r.roles[.unitMultiplier], r.roles[.unit], r.roles[.status]].compactMap { $0 }
    }

    /// Reads the reader's records to its end into batches; returns the number of cells that were trimmed.
    func read(_ reader: CSVRecordReader, _ handle: (ObservationBatch) throws -> Void) throws -> Int {
        let (path, options, names, r, dimensionColumns, delimiter) = (
            path, options, names, r, dimensionColumns, delimiter
        )
        let cells = CSVCellCache(
            columns: names.count, keyColumns: keyColumns, attributeColumns: attributeColumns, labelled: r.labelledCells)
        func cell(_ role: SourceOptions.Role) throws -> String? {
            if let i = r.roles[role] { return try cells.text(i, of: reader) }
            return r.constants[role]
        }
        // Roles resolved once into plain slots: dictionary lookups per cell were a tenth of the reading time.
        let (indicatorColumn, areaColumn, unitColumn) = (r.roles[.indicator], r.roles[.area], r.roles[.unit])
        let (statusColumn, multiplierColumn, valueColumn) = (
            r.roles[.status], r.roles[.unitMultiplier], r.roles[.value]
        )
        let missing = Array(options.missingMarkers)
        // A missing-value marker that reads as a number (-9999) must be seen before the value is parsed.
        let bytesAreValues =
            !options.decimalComma && !r.labelledCells && !missing.contains { Double($0)?.isFinite == true }
        var periods = CSVPeriodTable()
        let widePeriods = r.periodColumns.map { (number: periods.add($0.period), column: $0.index) }
        // Not for labelled layouts (`CODE: Label` cells are cut) or Open SDG's (its placeholder rows are told by the text).
        let periodColumn = r.labelledCells || r.layout == .openSDG ? nil : r.roles[.period]

        var batch = ObservationBatch(file: path)
        var batchNumber = 0
        var key: SeriesKey?
        var keyInBatch: Int32 = -1
        var attributes = ObservationAttributes()
        var attributesInBatch: Int32 = -1
        // The unit multiplier of the cell last read: a number, or the cell's text when it is not one.
        var multiplier: Result<Int?, MultiplierError> = .success(nil)
        if multiplierColumn == nil, let text = r.constants[.unitMultiplier] { multiplier = Self.multiplier(text) }

        func flush() throws {
            batch.bytesRead = reader.bytesRead
            try handle(batch)
            batch = ObservationBatch(file: path)
            batch.reserve(Self.batchSize)
            batchNumber += 1
            (keyInBatch, attributesInBatch) = (-1, -1)
        }
        batch.reserve(Self.batchSize)
        while try reader.advance() {
            if batch.count >= Self.batchSize { try flush() }
            func reject(_ code: DiagnosticCode, _ column: Int?, _ reason: String) throws {
                let raw = try (0..<reader.fieldCount).map { try reader.string($0) }.joined(separator: delimiter)
                batch.events.append(
                    (
                        batch.count,
                        .reject(
                            Reject(
                                source: options.name,
                                location: SourceLocation(file: path, line: reader.recordLine, column: column),
                                code: code, raw: raw, reason: reason))
                    ))
            }
            if let problem = reader.recordProblem {
                try reject(.csvMalformedQuotes, nil, problem)
                continue
            }
            let fieldCount = reader.fieldCount
            guard fieldCount == names.count else {
                let what = fieldCount < names.count ? "too few" : "too many"
                try reject(
                    .csvFieldCount, nil,
                    "\(what) fields: \(fieldCount) where the header has \(names.count); check for an unquoted delimiter or a missing cell"
                )
                continue
            }
            // Open SDG marks an indicator without data by a sentence in the Year column and nothing else.
            if r.layout == .openSDG, let year = try cell(.period), year.contains(where: { $0.isLetter }),
                year.contains(" "),
                (try cell(.value) ?? "").isEmpty
            {
                batch.events.append(
                    (
                        batch.count,
                        .notice(
                            Diagnostic(
                                .notice, .placeholderRow,
                                at: SourceLocation(file: path, line: reader.recordLine),
                                "placeholder row, no data: \"\(year)\""))
                    ))
                continue
            }
            if let m = multiplierColumn, try cells.refresh(m, of: reader) {
                multiplier = Self.multiplier(cells.lastText(m))
            }
            if case .failure(let bad) = multiplier {
                try reject(
                    .csvUnitMultiplier, multiplierColumn.map { $0 + 1 },
                    "unit multiplier \(CellText.quoted(bad.text)) is neither a power of ten (0, 3, 6) nor a word such as Units, Thousands, Millions"
                )
                continue
            }
            if let i = indicatorColumn { try cells.refresh(i, of: reader) }
            if let i = areaColumn { try cells.refresh(i, of: reader) }
            for i in dimensionColumns { try cells.refresh(i, of: reader) }
            // Rows come grouped by series: while no key column changes, the key (and its storage) is reused.
            if key == nil || cells.keyChanged {
                let indicator = indicatorColumn.map { cells.lastText($0) } ?? r.constants[.indicator] ?? options.name
                let area = areaColumn.map { cells.lastText($0) } ?? r.constants[.area] ?? ""
                let dimensions = dimensionColumns.map { i -> SeriesKey.Dimension in
                    var v = cells.lastText(i)
                    if r.layout == .unSDGAPI || r.layout == .sdmxCSV { v = SDGCodeConventions.dimension(v) }
                    return SeriesKey.Dimension(id: r.dimensionNames[i], value: v.isEmpty && r.blankIsTotal ? "_T" : v)
                }
                key = SeriesKey(source: options.name, indicator: indicator, area: area, dimensions: dimensions)
                cells.keyBuilt()
                keyInBatch = -1
            }
            if let i = unitColumn { try cells.refresh(i, of: reader) }
            if let i = statusColumn { try cells.refresh(i, of: reader) }
            if attributesInBatch < 0 || cells.attributesChanged {
                let unit = (unitColumn.map { cells.lastText($0) } ?? r.constants[.unit])
                    .flatMap { $0.isEmpty ? nil : (r.layout == .unSDGAPI ? SDGCodeConventions.unit($0) : $0) }
                let status = (statusColumn.map { cells.lastText($0) } ?? r.constants[.status]).flatMap {
                    $0.isEmpty ? nil : $0
                }
                let m = try? multiplier.get()
                if attributes.unit != unit || attributes.unitMultiplier != m || attributes.status != status {
                    attributes = ObservationAttributes(unit: unit, unitMultiplier: m, status: status)
                    attributesInBatch = -1
                }
                cells.attributesBuilt()
            }
            let line = reader.recordLine
            func emit(_ number: Int32?, _ label: String, _ column: Int?, _ valueColumn: Int?) throws {
                guard let number else {
                    let isRange = label.contains("-") && label.split(separator: "-").count == 2
                    try reject(
                        isRange ? .csvPeriodRange : .csvPeriod, r.roles[.period].map { $0 + 1 },
                        isRange
                            ? "period \(CellText.quoted(label)) is a range; set `range: start` or `range: end` on the source to place it"
                            : "period \(CellText.quoted(label)) cannot be read; expected a year (2015), quarter (2015-Q1), month (2015-03), date or school year (2015/16)"
                    )
                    return
                }
                var value = Double.nan
                if let valueColumn, bytesAreValues, let number = DecimalParser.parse(reader.field(valueColumn)) {
                    value = number
                } else {
                    let text = valueColumn.map { try? cells.text($0, of: reader) } ?? (r.constants[.value] ?? "")
                    guard let text else {
                        throw IngestError.invalidEncoding(
                            location: SourceLocation(file: path, line: line, column: valueColumn.map { $0 + 1 }))
                    }
                    if !missing.contains(text) {
                        let number = CellText.number(
                            options.decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text)
                        guard let number, number.isFinite else {
                            let markers = options.missingMarkers.sorted().map { "'\($0)'" }.joined(separator: ", ")
                            let hint =
                                !options.decimalComma && text.contains(",")
                                ? "if the file writes decimals with a comma, set `decimal: \",\"` on the source"
                                : "use a point as decimal separator"
                            try reject(
                                .csvValueNotANumber, column,
                                "value \(CellText.quoted(text)) is not a number; \(hint), or a missing-value marker (\(markers))"
                            )
                            return
                        }
                        value = number
                    }
                }
                if keyInBatch < 0 {
                    keyInBatch = Int32(batch.keys.count)
                    batch.keys.append(key!)
                }
                if attributesInBatch < 0 {
                    attributesInBatch = Int32(batch.attributes.count)
                    batch.attributes.append(attributes)
                }
                batch.append(
                    key: keyInBatch, attributes: attributesInBatch,
                    period: periods.place(number, in: &batch, batchNumber: batchNumber), value: value, line: line)
            }
            if r.layout == .wide {
                for (n, c) in widePeriods { try emit(n, "", c + 1, c) }
            } else {
                let packed = periodColumn.flatMap { CSVPeriodTable.packed(reader.field($0)) }
                if let packed, let known = periods.known(packed) {
                    try emit(known, "", valueColumn.map { $0 + 1 }, valueColumn)
                } else {
                    let label = try cell(.period) ?? ""
                    try emit(
                        periods.number(label: label, packed: packed, parse: period), label, valueColumn.map { $0 + 1 },
                        valueColumn)
                }
            }
        }
        try flush()
        return cells.trimmed
    }

    static let batchSize = 4096

    struct MultiplierError: Error { let text: String }

    /// An empty cell is no multiplier; anything but a power of ten or a word for one is an error.
    static func multiplier(_ text: String) -> Result<Int?, MultiplierError> {
        if text.isEmpty { return .success(nil) }
        guard let m = CSVLayoutResolver.multiplier(text) else { return .failure(MultiplierError(text: text)) }
        return .success(m)
    }

    /// A period label, or a range placed at its start or end when the source says so.
    func period(_ label: String) -> Period? {
        if let p = Period.parse(label) { return p }
        guard let end = options.range else { return nil }
        let parts = label.split(separator: "-").map(String.init)
        if parts.count == 2, let a = Period.parse(parts[0]), let b = Period.parse(parts[1]) {
            let chosen = end == .start ? a : b
            return Period(label: label, start: chosen.start, frequency: chosen.frequency)
        }
        let words = label.splitting(by: " to ")
        if words.count == 2, let a = Period.parse(words[0]), let b = Period.parse(words[1]) {
            let chosen = end == .start ? a : b
            return Period(label: label, start: chosen.start, frequency: chosen.frequency)
        }
        return nil
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
