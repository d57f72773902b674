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
    public func read(_ handle: (IngestRecord) throws -> Void, progress: (Int) -> Void = { _ in }) throws {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        guard let header = try reader.next() else { return }
        let names = header.fields.map { $0.trimmingASCIIWhitespace() }
        let r = try CSVLayoutResolver(path: path, options: options).resolve(header: names)
        let periodColumns = Set(r.periodColumns.map(\.index))
        let dimensionColumns = names.indices.filter {
            (!r.roles.values.contains($0) || r.keyColumns.contains($0)) && !r.ignored.contains($0) && !periodColumns.contains($0)
        }
        let delimiter = String(UnicodeScalar(reader.delimiter))
        var trimmed = 0
        // Roles resolved once into plain slots: dictionary lookups per cell were a tenth of the reading time.
        let slots = SourceOptions.Role.allCases.map { (r.roles[$0], r.constants[$0]) }
        let slot = Dictionary(uniqueKeysWithValues: SourceOptions.Role.allCases.enumerated().map { ($1, $0) })
        let indicatorSlot = slots[slot[.indicator]!], areaSlot = slots[slot[.area]!], periodSlot = slots[slot[.period]!]
        let valueSlot = slots[slot[.value]!], unitSlot = slots[slot[.unit]!], statusSlot = slots[slot[.status]!]
        let multiplierSlot = slots[slot[.unitMultiplier]!]
        let missing = Array(options.missingMarkers)
        var previousKey: SeriesKey?
        func cell(_ role: SourceOptions.Role, _ fields: [String]) -> String? {
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
            if let i = s.0 { return clean(fields[i]) }
            return s.1
        }
        func clean(_ text: String) -> String {
            var t = text.trimmingASCIIWhitespace()
            if t.utf8.count != text.utf8.count { trimmed += 1 }
            if r.labelledCells, let colon = t.splitting(by: ": ").first, colon.utf8.count < t.utf8.count { t = colon }
            return t
        }

        var rows = 0
        while let record = try reader.next() {
            rows += 1
            if rows & 0xFFFF == 0 { progress(reader.bytesRead) }
            let fields = record.fields
            func reject(_ code: String, _ column: Int?, _ reason: String) throws {
                try handle(.reject(Reject(source: options.name, location: SourceLocation(file: path, line: record.line, column: column),
                    code: code, raw: fields.joined(separator: delimiter), reason: reason)))
            }
            if let problem = record.problem {
                try reject("csv.malformed-quotes", nil, problem)
                continue
            }
            guard fields.count == names.count else {
                let what = fields.count < names.count ? "too few" : "too many"
                try reject("csv.field-count", nil,
                    "\(what) fields: \(fields.count) where the header has \(names.count); check for an unquoted delimiter or a missing cell")
                continue
            }
            // Open SDG marks an indicator without data by a sentence in the Year column and nothing else.
            if r.layout == .openSDG, let year = cell(.period, fields), year.contains(where: { $0.isLetter }), year.contains(" "),
                (cell(.value, fields) ?? "").isEmpty
            {
                try handle(.notice(location: SourceLocation(file: path, line: record.line), message: "placeholder row, no data: \"\(year)\""))
                continue
            }
            var multiplier: Int?
            if let text = cell(.unitMultiplier, fields), !text.isEmpty {
                guard let m = CSVLayoutResolver.multiplier(text) else {
                    try reject("csv.unit-multiplier", r.roles[.unitMultiplier].map { $0 + 1 },
                        "unit multiplier '\(text)' is neither a power of ten (0, 3, 6) nor a word such as Units, Thousands, Millions")
                    continue
                }
                multiplier = m
            }
            let dimensions = dimensionColumns.map { i -> SeriesKey.Dimension in
                var v = clean(fields[i])
                if r.layout == .unSDGAPI || r.layout == .sdmxCSV { v = SDGCodeConventions.dimension(v) }
                return SeriesKey.Dimension(id: r.dimensionNames[i], value: v.isEmpty && r.blankIsTotal ? "_T" : v)
            }
            let indicator = cell(.indicator, fields) ?? options.name, area = cell(.area, fields) ?? ""
            // Rows come grouped by series: reuse the previous key (and its storage) when it is the same series.
            let key: SeriesKey
            if let previousKey, previousKey.indicator == indicator, previousKey.area == area, previousKey.dimensions.count == dimensions.count,
                previousKey.dimensions.allSatisfy({ d in dimensions.contains(d) })
            {
                key = previousKey
            } else {
                key = SeriesKey(source: options.name, indicator: indicator, area: area, dimensions: dimensions)
                previousKey = key
            }
            let attributes = ObservationAttributes(
                unit: cell(.unit, fields).flatMap { $0.isEmpty ? nil : (r.layout == .unSDGAPI ? SDGCodeConventions.unit($0) : $0) },
                unitMultiplier: multiplier, status: cell(.status, fields).flatMap { $0.isEmpty ? nil : $0 })
            let cells: [(period: Period?, label: String, value: String, column: Int?)]
            if r.layout == .wide {
                cells = r.periodColumns.map { ($0.period, $0.period.label, clean(fields[$0.index]), $0.index + 1) }
            } else {
                let label = cell(.period, fields) ?? ""
                cells = [(period(label), label, cell(.value, fields) ?? "", r.roles[.value].map { $0 + 1 })]
            }
            for c in cells {
                guard let period = c.period else {
                    let isRange = c.label.contains("-") && c.label.split(separator: "-").count == 2
                    try reject(isRange ? "csv.period-range" : "csv.period", r.roles[.period].map { $0 + 1 }, isRange
                        ? "period '\(c.label)' is a range; set `range: start` or `range: end` on the source to place it"
                        : "period '\(c.label)' cannot be read; expected a year (2015), quarter (2015-Q1), month (2015-03), date or school year (2015/16)")
                    continue
                }
                var value: Double?
                if !missing.contains(c.value) {
                    let text = options.decimalComma ? c.value.replacingOccurrences(of: ",", with: ".") : c.value
                    guard let number = Double(text), number.isFinite else {
                        let markers = options.missingMarkers.sorted().map { "'\($0)'" }.joined(separator: ", ")
                        let hint = !options.decimalComma && c.value.contains(",") ? "if the file writes decimals with a comma, set `decimal: \",\"` on the source" : "use a point as decimal separator"
                        try reject("csv.value-not-a-number", c.column, "value '\(c.value)' is not a number; \(hint), or a missing-value marker (\(markers))")
                        continue
                    }
                    value = number
                }
                try handle(.observation(Observation(key: key, period: period, value: value, attributes: attributes,
                    location: SourceLocation(file: path, line: record.line))))
            }
        }
        if trimmed > 0 {
            try handle(.notice(location: SourceLocation(file: path), message: "\(trimmed) cells had leading or trailing spaces, which were removed"))
        }
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
