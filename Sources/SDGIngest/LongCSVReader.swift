import SDGCore

/// Reads CSV feeds into observations: the long layout (one observation a row), the wide layout (periods as columns),
/// Open SDG's tidy files, UN SDG API exports, SDMX-CSV 1.0/2.0 and Gapminder DDF datapoints — detected from the
/// header and file name, or as the source's `layout:` says. Bad rows become rejects with their line and column.
///
/// Column roles come from the source's `columns:` or from each layout's conventional names (compared ignoring case,
/// spaces, `_`, `-` and brackets). Every other column, except descriptive ones, is a dimension of the series key.
public struct LongCSVReader {
    public let path: String
    public let options: SourceOptions

    /// Bytes per read of the file; tests and the fuzzer make it tiny so that records straddle reads.
    public var chunkSize = 256 * 1024

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
    public func layout() throws -> Layout {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        let names = (try reader.next()?.fields ?? []).map { $0.trimmingASCIIWhitespace() }
        let resolved = try CSVLayoutResolver(path: path, options: options).resolve(header: names)
        var roles = resolved.roles.mapValues { names[$0] }
        for (role, value) in resolved.constants where !value.isEmpty { roles[role] = "'\(value)' (constant)" }
        if resolved.layout == .wide { roles[.period] = "\(resolved.periodColumns.count) period columns" }
        return Layout(layout: resolved.layout.rawValue, delimiter: reader.delimiter == 9 ? "tab" : String(UnicodeScalar(reader.delimiter)),
            encoding: options.encoding.rawValue, columns: names, roles: roles)
    }

    /// Streams every row to `handle`. Throws only when the file as a whole is unusable. `progress` hears the bytes
    /// read so far every 64 Ki rows.
    ///
    /// Cells are looked at in place (`CSVRecordReader.withField`): a cell equal to the one above it reuses that
    /// cell's text, a series key whose columns did not change is reused whole, and plain decimals are read from the
    /// bytes. A `String` per cell and a key per row were most of the reading time.
    public func read(_ handle: (IngestRecord) throws -> Void, progress: (Int) -> Void = { _ in }) throws {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding, chunkSize: chunkSize)
        guard let header = try reader.next() else { return }
        let names = header.fields.map { $0.trimmingASCIIWhitespace() }
        let r = try CSVLayoutResolver(path: path, options: options).resolve(header: names)
        let periodColumns = Set(r.periodColumns.map(\.index))
        let dimensionColumns = names.indices.filter {
            (!r.roles.values.contains($0) || r.keyColumns.contains($0)) && !r.ignored.contains($0) && !periodColumns.contains($0)
        }
        let delimiter = String(UnicodeScalar(reader.delimiter))
        let keyColumns = dimensionColumns + [r.roles[.indicator], r.roles[.area]].compactMap { $0 }
        let cells = CSVCellCache(columns: names.count, keyColumns: keyColumns, labelled: r.labelledCells)
        // Roles resolved once into plain slots: dictionary lookups per cell were a tenth of the reading time.
        let slots = SourceOptions.Role.allCases.map { (r.roles[$0], r.constants[$0]) }
        let slot = Dictionary(uniqueKeysWithValues: SourceOptions.Role.allCases.enumerated().map { ($1, $0) })
        let indicatorSlot = slots[slot[.indicator]!], areaSlot = slots[slot[.area]!], periodSlot = slots[slot[.period]!]
        let valueSlot = slots[slot[.value]!], unitSlot = slots[slot[.unit]!], statusSlot = slots[slot[.status]!]
        let multiplierSlot = slots[slot[.unitMultiplier]!]
        let valueColumn = valueSlot.0
        let missing = Array(options.missingMarkers)
        // A missing-value marker that reads as a number (-9999) must be seen before the value is parsed.
        let bytesAreValues = !options.decimalComma && !r.labelledCells && !missing.contains { Double($0)?.isFinite == true }
        var periods: [String: Period] = [:]
        var periodsByBytes = PackedPeriods()
        // Not for labelled layouts (`CODE: Label` cells are cut) or Open SDG's (its placeholder rows are told by the text).
        let periodColumn = r.labelledCells || r.layout == .openSDG ? nil : periodSlot.0
        var previousKey: SeriesKey?
        var previousAttributes: ObservationAttributes?
        func cell(_ role: SourceOptions.Role) throws -> String? {
            let s: (Int?, String?)
            switch role {
            case .indicator: s = indicatorSlot
            case .area: s = areaSlot
            case .period: s = periodSlot
            case .value: s = valueSlot
            case .unit: s = unitSlot
            case .status: s = statusSlot
            case .unitMultiplier: s = multiplierSlot
            }
            if let i = s.0 { return try cells.text(i, of: reader) }
            return s.1
        }

        var rows = 0
        while try reader.advance() {
            rows += 1
            if rows & 0xFFFF == 0 { progress(reader.bytesRead) }
            func reject(_ code: String, _ column: Int?, _ reason: String) throws {
                let raw = try (0..<reader.fieldCount).map { try reader.string($0) }.joined(separator: delimiter)
                try handle(.reject(Reject(source: options.name, location: SourceLocation(file: path, line: reader.recordLine, column: column),
                    code: code, raw: raw, reason: reason)))
            }
            if let problem = reader.recordProblem {
                try reject("csv.malformed-quotes", nil, problem)
                continue
            }
            let fieldCount = reader.fieldCount
            guard fieldCount == names.count else {
                let what = fieldCount < names.count ? "too few" : "too many"
                try reject("csv.field-count", nil,
                    "\(what) fields: \(fieldCount) where the header has \(names.count); check for an unquoted delimiter or a missing cell")
                continue
            }
            // Open SDG marks an indicator without data by a sentence in the Year column and nothing else.
            if r.layout == .openSDG, let year = try cell(.period), year.contains(where: { $0.isLetter }), year.contains(" "),
                (try cell(.value) ?? "").isEmpty
            {
                try handle(.notice(location: SourceLocation(file: path, line: reader.recordLine), message: "placeholder row, no data: \"\(year)\""))
                continue
            }
            var multiplier: Int?
            if let text = try cell(.unitMultiplier), !text.isEmpty {
                guard let m = CSVLayoutResolver.multiplier(text) else {
                    try reject("csv.unit-multiplier", r.roles[.unitMultiplier].map { $0 + 1 },
                        "unit multiplier '\(text)' is neither a power of ten (0, 3, 6) nor a word such as Units, Thousands, Millions")
                    continue
                }
                multiplier = m
            }
            let indicator = try cell(.indicator) ?? options.name, area = try cell(.area) ?? ""
            for i in dimensionColumns { _ = try cells.text(i, of: reader) }
            // Rows come grouped by series: when no key column changed, the previous key (and its storage) is reused.
            let key: SeriesKey
            if let previousKey, !cells.keyChanged {
                key = previousKey
            } else {
                let dimensions = dimensionColumns.map { i -> SeriesKey.Dimension in
                    var v = cells.lastText(i)
                    if r.layout == .unSDGAPI || r.layout == .sdmxCSV { v = SDGCodeConventions.dimension(v) }
                    return SeriesKey.Dimension(id: r.dimensionNames[i], value: v.isEmpty && r.blankIsTotal ? "_T" : v)
                }
                key = SeriesKey(source: options.name, indicator: indicator, area: area, dimensions: dimensions)
                previousKey = key
                cells.keyBuilt()
            }
            let unit = try cell(.unit).flatMap { $0.isEmpty ? nil : (r.layout == .unSDGAPI ? SDGCodeConventions.unit($0) : $0) }
            let status = try cell(.status).flatMap { $0.isEmpty ? nil : $0 }
            // Consecutive rows nearly always share their attributes: share their storage too.
            let attributes: ObservationAttributes
            if let previous = previousAttributes, previous.unit == unit, previous.unitMultiplier == multiplier, previous.status == status {
                attributes = previous
            } else {
                attributes = ObservationAttributes(unit: unit, unitMultiplier: multiplier, status: status)
                previousAttributes = attributes
            }
            let location = SourceLocation(file: path, line: reader.recordLine)
            func emit(_ period: Period?, _ label: String, _ column: Int?, _ valueColumn: Int?) throws {
                guard let period else {
                    let isRange = label.contains("-") && label.split(separator: "-").count == 2
                    try reject(isRange ? "csv.period-range" : "csv.period", r.roles[.period].map { $0 + 1 }, isRange
                        ? "period '\(label)' is a range; set `range: start` or `range: end` on the source to place it"
                        : "period '\(label)' cannot be read; expected a year (2015), quarter (2015-Q1), month (2015-03), date or school year (2015/16)")
                    return
                }
                var value: Double?
                if let valueColumn, bytesAreValues, let number = DecimalParser.parse(reader.field(valueColumn)) {
                    value = number
                } else {
                    let text = valueColumn.map { try? cells.text($0, of: reader) } ?? (valueSlot.1 ?? "")
                    guard let text else { throw IngestError.invalidEncoding(location: SourceLocation(file: path, line: reader.recordLine, column: valueColumn.map { $0 + 1 })) }
                    if !missing.contains(text) {
                        let number = Double(options.decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text)
                        guard let number, number.isFinite else {
                            let markers = options.missingMarkers.sorted().map { "'\($0)'" }.joined(separator: ", ")
                            let hint = !options.decimalComma && text.contains(",") ? "if the file writes decimals with a comma, set `decimal: \",\"` on the source" : "use a point as decimal separator"
                            try reject("csv.value-not-a-number", column, "value '\(text)' is not a number; \(hint), or a missing-value marker (\(markers))")
                            return
                        }
                        value = number
                    }
                }
                try handle(.observation(Observation(key: key, period: period, value: value, attributes: attributes, location: location)))
            }
            if r.layout == .wide {
                for c in r.periodColumns { try emit(c.period, c.period.label, c.index + 1, c.index) }
            } else {
                // The period column changes every row but cycles through a few labels: known ones are found by their
                // bytes, without decoding and trimming the cell (5% of reading a long file, `perf`).
                let packed = periodColumn.flatMap { Self.packed(reader.field($0)) }
                if let packed, let known = periodsByBytes.lookup(packed) {
                    try emit(known, known.label, valueColumn.map { $0 + 1 }, valueColumn)
                    continue
                }
                let label = try cell(.period) ?? ""
                let period: Period?
                if label.utf8.count == 4 {
                    period = self.period(label)
                } else if let known = periods[label] {
                    period = known
                } else {
                    period = self.period(label)
                    if let period, periods.count < 4096 { periods[label] = period }
                }
                if let packed, let period { periodsByBytes.remember(packed, period) }
                try emit(period, label, valueColumn.map { $0 + 1 }, valueColumn)
            }
        }
        if cells.trimmed > 0 {
            try handle(.notice(location: SourceLocation(file: path), message: "\(cells.trimmed) cells had leading or trailing spaces, which were removed"))
        }
    }

    /// Up to 7 printable ASCII bytes (no space) and their count in one word; `nil` for anything else, which takes
    /// the path through the cell's text (trimming, encoding checks).
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
        var word = UInt64(bytes.count) << 56
        for (i, b) in bytes.enumerated() {
            guard b > 0x20, b < 0x7F else { return nil }
            word |= UInt64(b) << (8 * UInt64(i))
        }
        return word
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

/// Periods by their packed label (`LongCSVReader.packed`) in 256 direct-mapped slots: a dictionary lookup per row was
/// 5% of reading a long file, and a file cycles through far fewer labels than that (a clash only means a parse).
struct PackedPeriods {
    private var keys = [UInt64](repeating: 0, count: 256)
    private var periods = [Period?](repeating: nil, count: 256)

    private static func slot(_ packed: UInt64) -> Int { Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 56) }

    func lookup(_ packed: UInt64) -> Period? {
        let i = Self.slot(packed)
        return keys[i] == packed ? periods[i] : nil
    }

    mutating func remember(_ packed: UInt64, _ period: Period) {
        let i = Self.slot(packed)
        (keys[i], periods[i]) = (packed, period)
    }
}
