import SDGCore

/// Reads the long CSV layout (one observation a row) into observations, rejecting bad rows with their line.
///
/// Column roles come from the source's `columns:` or, where not given, from the conventional header names below
/// (compared case-insensitively, ignoring spaces, `_` and `-`). Every other column is a dimension of the series key,
/// named by its header.
public struct LongCSVReader {
    public let path: String
    public let options: SourceOptions

    /// Header names recognised for each role, in order of preference.
    static let conventionalNames: [SourceOptions.Role: [String]] = [
        .area: ["area", "refarea", "geo", "geoareaname", "geoareacode", "city", "geography", "region"],
        .indicator: ["indicator", "series", "seriescode", "indicatorcode", "measure"],
        .period: ["period", "timeperiod", "year", "time", "date"],
        .value: ["value", "obsvalue"],
        .unit: ["unit", "units", "unitmeasure"],
        .unitMultiplier: ["unitmult", "unitmultiplier"],
        .status: ["obsstatus", "observationstatus", "status"],
    ]

    public init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
    }

    /// What the reader made of the header: the delimiter it used and the column playing each role.
    public struct Layout: Sendable {
        public let delimiter: String
        public let columns: [String]
        public let roles: [SourceOptions.Role: String]
    }

    /// Reads only the header and reports the layout `read` would use.
    public func layout() throws -> Layout {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter)
        let names = (try reader.next()?.fields ?? []).map { $0.trimmingASCIIWhitespace() }
        let roles = try assignRoles(header: names)
        return Layout(delimiter: reader.delimiter == 9 ? "tab" : String(UnicodeScalar(reader.delimiter)), columns: names,
            roles: roles.mapValues { names[$0] })
    }

    /// Streams every row to `handle`. Throws only when the file as a whole is unusable.
    public func read(_ handle: (IngestRecord) throws -> Void) throws {
        let reader = try CSVRecordReader(path: path, delimiter: options.delimiter)
        guard let header = try reader.next() else { return }
        let names = header.fields.map { $0.trimmingASCIIWhitespace() }
        let roles = try assignRoles(header: names)
        let dimensionColumns = names.indices.filter { i in !roles.values.contains(i) }
        let delimiter = String(UnicodeScalar(reader.delimiter))

        // Resolve each role once: a column index or a constant (looked up per row, these were measurable).
        let resolved = Dictionary(uniqueKeysWithValues: SourceOptions.Role.allCases.map { role in
            (role, (index: roles[role], constant: options.defaults[role]))
        })
        let periodRole = resolved[.period]!, valueRole = resolved[.value]!, areaRole = resolved[.area]!
        let indicatorRole = resolved[.indicator]!, unitRole = resolved[.unit]!, multiplierRole = resolved[.unitMultiplier]!
        let statusRole = resolved[.status]!
        func column(_ role: (index: Int?, constant: String?), _ fields: [String]) -> String? {
            if let i = role.index { return fields[i].trimmingASCIIWhitespace() }
            return role.constant
        }

        while let record = try reader.next() {
            let fields = record.fields
            func reject(_ code: String, _ column: Int?, _ reason: String) throws {
                let location = SourceLocation(file: path, line: record.line, column: column)
                try handle(.reject(Reject(
                    source: options.name, location: location, code: code,
                    raw: fields.joined(separator: delimiter), reason: reason)))
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
            let periodText = column(periodRole, fields) ?? ""
            guard let period = Period.parse(periodText) else {
                try reject("csv.period", roles[.period].map { $0 + 1 },
                    "period '\(periodText)' cannot be read; expected a year (2015), quarter (2015-Q1), month (2015-03), date or school year (2015/16)")
                continue
            }
            let valueText = column(valueRole, fields) ?? ""
            var value: Double?
            if !options.missingMarkers.contains(valueText) {
                guard let number = Double(valueText), number.isFinite else {
                    let markers = options.missingMarkers.sorted().map { "'\($0)'" }.joined(separator: ", ")
                    try reject("csv.value-not-a-number", roles[.value].map { $0 + 1 },
                        "value '\(valueText)' is not a number; use a point as decimal separator, or a missing-value marker (\(markers))")
                    continue
                }
                value = number
            }
            var multiplier: Int?
            if let text = column(multiplierRole, fields), !text.isEmpty {
                guard let m = Int(text) else {
                    try reject("csv.unit-multiplier", roles[.unitMultiplier].map { $0 + 1 },
                        "unit multiplier '\(text)' is not a whole power of ten (0, 3, 6, ...)")
                    continue
                }
                multiplier = m
            }
            let dimensions = dimensionColumns.compactMap { i -> SeriesKey.Dimension? in
                let v = fields[i].trimmingASCIIWhitespace()
                return SeriesKey.Dimension(id: names[i], value: v)
            }
            let key = SeriesKey(
                source: options.name, indicator: column(indicatorRole, fields) ?? options.name,
                area: column(areaRole, fields) ?? "", dimensions: dimensions)
            let attributes = ObservationAttributes(
                unit: column(unitRole, fields).flatMap { $0.isEmpty ? nil : $0 }, unitMultiplier: multiplier,
                status: column(statusRole, fields).flatMap { $0.isEmpty ? nil : $0 })
            try handle(.observation(Observation(
                key: key, period: period, value: value, attributes: attributes,
                location: SourceLocation(file: path, line: record.line))))
        }
    }

    /// Column index per role. Period and value are required; area may come from `defaults`.
    func assignRoles(header: [String]) throws(IngestError) -> [SourceOptions.Role: Int] {
        let normalized = header.map(Self.normalize)
        var roles: [SourceOptions.Role: Int] = [:]
        for role in SourceOptions.Role.allCases {
            if let name = options.columns[role] {
                guard let i = header.firstIndex(of: name) ?? normalized.firstIndex(of: Self.normalize(name)) else {
                    throw .missingColumn(file: path, role: role.rawValue, expected: [name], header: header)
                }
                roles[role] = i
            } else if options.defaults[role] == nil {
                let candidates = Self.conventionalNames[role] ?? []
                if let i = candidates.lazy.compactMap({ normalized.firstIndex(of: $0) }).first(where: { !roles.values.contains($0) }) {
                    roles[role] = i
                }
            }
        }
        for required in [SourceOptions.Role.period, .value, .area] where roles[required] == nil && options.defaults[required] == nil {
            throw .missingColumn(file: path, role: required.rawValue, expected: Self.conventionalNames[required] ?? [], header: header)
        }
        return roles
    }

    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" })
    }
}
