import SDGCore

/// Decides how a CSV header maps onto observations: the layout (long, wide, Open SDG, UN SDG API, SDMX-CSV, Gapminder
/// DDF), the column of each role, the columns that are neither role nor dimension (descriptions, footnotes,
/// SDMX-CSV bookkeeping) and, for the wide layout, the period columns.
struct CSVLayoutResolver {
    struct Resolved {
        var layout: CSVLayout
        var roles: [SourceOptions.Role: Int] = [:]
        /// Constant values for roles the file does not carry.
        var constants: [SourceOptions.Role: String] = [:]
        /// Columns that are not dimensions of the series key.
        var ignored: Set<Int> = []
        /// Wide layout: the columns that are periods.
        var periodColumns: [(index: Int, period: Period)] = []
        /// Open SDG: a blank disaggregation cell means the total (`_T`).
        var blankIsTotal = false
        /// Role columns that also belong to the series key.
        var keyColumns: Set<Int> = []
        /// The dimension name to use for each column (bracketed UN SDG API names lose their brackets).
        var dimensionNames: [String] = []
        /// SDMX-CSV with labels: cells read `A: Value A`; the code is what comes before `: `.
        var labelledCells = false
        /// Columns without a name (pandas writes its index so: an empty header, or `Unnamed: 0` once re-read), left
        /// out of the series key: kept, a row number made every row a series of its own.
        var indexColumns: [Int] = []
        /// SDMX-CSV label columns (`Reference area` after `REF_AREA`), left out of the key.
        var labelColumns: [Int] = []
        /// Columns of consecutive integers, one per row: record numbers, left out of the key (`refine`).
        var recordNumberColumns: [Int] = []
    }

    /// Names a record-number column goes by (normalized as roles are).
    static let recordNumberNames: Set<String> = [
        "id", "rowid", "row", "rownumber", "index", "objectid", "fid", "recordid", "record", "recordnumber", "no", "nr",
        "serial", "obsid",
    ]

    /// What the first rows tell that the header cannot: a label column must map one to one to its code column (else
    /// it is a dimension after all), and a column named as a record number (`id`, `row`, `OBJECTID`) holding
    /// consecutive integers, one per row, is one: kept in the key it made every row a series of its own. Both tests
    /// together, since a dimension may hold consecutive integers (single years of age, one per row) and a dimension
    /// may be called `no`.
    static func refine(_ r: inout Resolved, sample: [[String]], header: [String]) {
        let width = header.count
        let rows = sample.filter { $0.count == width }
        for label in r.labelColumns {
            var codeOf: [String: String] = [:]
            var labelOf: [String: String] = [:]
            let oneToOne = rows.allSatisfy { row in
                let (code, text) = (row[label - 1], row[label])
                // An empty label (OECD leaves `Observation value` and `Time period` empty) tells nothing either way.
                if text.isEmpty { return true }
                defer {
                    codeOf[text] = code
                    labelOf[code] = text
                }
                return (codeOf[text] ?? code) == code && (labelOf[code] ?? text) == text
            }
            if !oneToOne {
                r.ignored.remove(label)
                r.labelColumns.removeAll { $0 == label }
            }
        }
        guard rows.count >= 20, r.layout != .wide else { return }
        for i in 0..<width
        where recordNumberNames.contains(normalize(header[i])) && !r.ignored.contains(i)
            && !r.roles.values.contains(i) && !r.keyColumns.contains(i)
        {
            let numbers = rows.compactMap { Int($0[i].trimmingASCIIWhitespace()) }
            guard numbers.count == rows.count else { continue }
            if zip(numbers, numbers.dropFirst()).allSatisfy({ $1 == $0 + 1 }) {
                r.ignored.insert(i)
                r.recordNumberColumns.append(i)
            }
        }
    }

    let path: String
    let options: SourceOptions

    /// Lower case without spaces, `_`, `-` and brackets; SDMX-CSV's `[;]` list markers and `: label` suffixes dropped.
    static func normalize(_ name: String) -> String {
        var n = name
        if let colon = n.firstIndex(of: ":") { n = String(n[..<colon]) }
        if n.hasSuffix("]"), let open = n.firstIndex(of: "["), open != n.startIndex { n = String(n[..<open]) }
        return String(
            n.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "[" && $0 != "]" })
    }

    /// Header names recognised for each role in the long layout, in order of preference.
    static let conventionalNames: [SourceOptions.Role: [String]] = [
        .area: [
            "area", "refarea", "geo", "geoareaname", "geoareacode", "city", "geography", "region", "district",
            "municipality", "ward", "neighbourhood", "neighborhood", "borough",
        ],
        .indicator: ["indicator", "series", "seriescode", "indicatorcode", "measure"],
        .period: ["period", "timeperiod", "year", "time", "date"],
        .value: ["value", "obsvalue"],
        .unit: ["unit", "units", "unitmeasure"],
        .unitMultiplier: ["unitmult", "unitmultiplier"],
        .status: ["obsstatus", "observationstatus", "status"],
    ]

    /// Role names per layout where they differ from the long layout's.
    static let layoutNames: [CSVLayout: [SourceOptions.Role: [String]]] = [
        .openSDG: [
            .area: ["geography", "geocode", "refarea"], .indicator: ["series"], .period: ["year"], .value: ["value"],
            .unit: ["units", "unitmeasure"], .unitMultiplier: ["unitmultiplier"], .status: ["observationstatus"],
        ],
        .unSDGAPI: [
            .area: ["geoareaname", "geoareacode"], .indicator: ["seriescode"], .period: ["timeperiod"],
            .value: ["value"],
            .unit: ["units"], .unitMultiplier: ["unitmultiplier"], .status: ["nature"],
        ],
        .sdmxCSV: [
            .area: ["refarea", "geo"], .indicator: ["series", "indicator", "indic", "measure"], .period: ["timeperiod"],
            .value: ["obsvalue"], .unit: ["unitmeasure"], .unitMultiplier: ["unitmult"], .status: ["obsstatus"],
        ],
    ]

    /// Columns that describe rather than identify a series, per layout.
    static let ignoredNames: [CSVLayout: Set<String>] = [
        .unSDGAPI: [
            "goal", "target", "indicator", "seriesdescription", "geoareacode", "geoareaname", "timedetail",
            "timecoverage", "upperbound", "lowerbound", "baseperiod", "source", "geoinfourl", "footnote", "nature",
            "units",
        ],
        .sdmxCSV: [
            "dataflow", "structure", "structureid", "structurename", "action", "updated", "serieskey", "obskey",
        ],
        .openSDG: ["geocode", "geography"],
    ]

    func resolve(header: [String]) throws(IngestError) -> Resolved {
        let names = header.map(Self.normalize)
        let layout = options.layout == .auto ? detect(header: header, names: names) : options.layout
        var r = Resolved(
            layout: layout,
            dimensionNames: header.map { name in
                var n = name
                if n.hasPrefix("["), n.hasSuffix("]") { n = String(n.dropFirst().dropLast()) }
                if layout == .sdmxCSV {
                    if let colon = n.firstIndex(of: ":") { n = String(n[..<colon]).trimmingASCIIWhitespace() }
                    if n.hasSuffix("]"), let open = n.firstIndex(of: "[") { n = String(n[..<open]) }
                }
                return n
            })
        let candidates = Self.layoutNames[layout] ?? Self.conventionalNames
        r.labelledCells = layout == .sdmxCSV && header.contains { $0.contains(": ") }
        let ignored = try ignoredColumns(header: header, names: names)
        for role in SourceOptions.Role.allCases {
            if let name = options.columns[role] {
                guard let i = header.firstIndex(of: name) ?? names.firstIndex(of: Self.normalize(name)) else {
                    throw .missingColumn(file: path, role: role.rawValue, expected: [name], header: header)
                }
                if ignored.contains(i) {
                    throw .ignoredColumn(
                        file: path, column: name,
                        reason: "which `columns:` also reads as the \(role.rawValue). Remove it from one of the two.")
                }
                r.roles[role] = i
            } else if options.defaults[role] == nil {
                if let i = (candidates[role] ?? []).lazy.compactMap({ names.firstIndex(of: $0) }).first(where: {
                    !r.roles.values.contains($0) && !ignored.contains($0)
                }) {
                    r.roles[role] = i
                }
            }
        }
        r.ignored = Set(
            names.indices.filter {
                (Self.ignoredNames[layout] ?? []).contains(names[$0]) && !r.roles.values.contains($0)
            })
        r.indexColumns = header.indices.filter { i in
            !r.roles.values.contains(i) && !r.ignored.contains(i)
                && (header[i].trimmingASCIIWhitespace().isEmpty || names[i] == "unnamed")
        }
        r.ignored.formUnion(r.indexColumns)
        r.ignored.formUnion(ignored)
        switch layout {
        case .sdmxCSV:
            // A label column (`labels=both` of .Stat Suite and OECD: `REF_AREA,Reference area,...`) follows its code
            // column and is named in words rather than as an SDMX id: it is not a dimension.
            for i in header.indices.dropFirst()
            where Self.isSDMXID(header[i - 1]) && !Self.isSDMXID(header[i]) && !r.roles.values.contains(i) {
                r.ignored.insert(i)
                r.labelColumns.append(i)
            }
            // Attributes are not dimensions; without TIME_PERIOD, time is the last dimension before OBS_VALUE.
            for (i, n) in r.dimensionNames.enumerated()
            where SDMXObservationAssembler.knownAttributes.contains(n) && !r.roles.values.contains(i) {
                r.ignored.insert(i)
            }
            // Several measures (OBS_VALUE1, OBS_VALUE2): the first is read.
            if r.roles[.value] == nil, let i = names.firstIndex(where: { $0.hasPrefix("obsvalue") }) {
                r.roles[.value] = i
            }
            if let value = r.roles[.value] {
                for i in names.indices where i != value && names[i].hasPrefix("obsvalue") { r.ignored.insert(i) }
            }
            if r.roles[.period] == nil, let value = r.roles[.value] {
                let before = value - 1
                if before >= 0, !r.ignored.contains(before) {
                    r.roles[.period] = before
                } else if let last = names.indices.last(where: {
                    !r.ignored.contains($0) && !r.roles.values.contains($0)
                }) {
                    r.roles[.period] = last
                }
            }
            if let value = r.roles[.value], let period = r.roles[.period], period < value {
                for i in (value + 1)..<max(value + 1, header.count) where !r.roles.values.contains(i) {
                    r.ignored.insert(i)
                }
            }
            if r.roles[.area] == nil { r.constants[.area] = "" }
        case .openSDG:
            r.blankIsTotal = true
            // Units tell series apart in Open SDG files (counts and percentages of one indicator, "Percent by Age"
            // next to "Percent by Gender"), so they stay in the series key as well as being the unit.
            if let units = names.firstIndex(of: "units") { r.keyColumns.insert(units) }
            if r.roles[.area] == nil { r.constants[.area] = "" }
            if r.roles[.indicator] == nil { r.constants[.indicator] = Self.openSDGIndicator(path) }
        case .ddf:
            let parts = Self.fileStem(path).splitting(by: "--")
            if parts.count >= 3, r.roles[.value] == nil, let i = header.firstIndex(of: parts[2]) {
                r.roles[.value] = i
                r.constants[.indicator] = parts[2]
            }
            if r.roles[.area] == nil, parts.count >= 5, let i = header.firstIndex(of: parts[4]) { r.roles[.area] = i }
        case .wide:
            r.periodColumns = header.enumerated().compactMap { i, name in Period.parse(name).map { (i, $0) } }
            r.roles[.period] = nil
            r.roles[.value] = nil
        default: break
        }
        for role in SourceOptions.Role.allCases where r.roles[role] == nil {
            if let value = options.defaults[role] { r.constants[role] = value }
        }
        var required: [SourceOptions.Role] = [.area]
        if layout != .wide { required += [.period, .value] }
        for role in required where r.roles[role] == nil && r.constants[role] == nil {
            throw .missingColumn(file: path, role: role.rawValue, expected: candidates[role] ?? [], header: header)
        }
        if layout == .wide && r.periodColumns.isEmpty {
            throw .missingColumn(
                file: path, role: "period", expected: ["columns named by periods (2015, 2016, ...)"], header: header)
        }
        return r
    }

    /// The columns of the source's `ignore:`, each found by its header name (or the name normalized as roles are).
    func ignoredColumns(header: [String], names: [String]) throws(IngestError) -> Set<Int> {
        var found: Set<Int> = []
        for name in options.ignore {
            guard let i = header.firstIndex(of: name) ?? names.firstIndex(of: Self.normalize(name)) else {
                throw .ignoredColumn(
                    file: path, column: name,
                    reason: "which the header does not have.\(Suggestion.phrase(for: name, in: header)) The header has "
                        + "\(header.joined(separator: ", ")).")
            }
            found.insert(i)
        }
        return found
    }

    func detect(header: [String], names: [String]) -> CSVLayout {
        let set = Set(names)
        if Self.fileStem(path).hasPrefix("ddf--datapoints--") { return .ddf }
        // SDMX-CSV names its structure in a first column; an SDMX REST response without it (`format=csv` of some
        // agencies) still has OBS_VALUE and TIME_PERIOD, and its attributes must stay out of the key.
        if names.contains(where: { $0.hasPrefix("obsvalue") })
            && (set.contains("dataflow") || set.contains("structure") || set.contains("structureid")
                || (set.contains("timeperiod") && header.contains { $0.hasPrefix("OBS_VALUE") }))
        {
            return .sdmxCSV
        }
        if set.contains("seriescode") && set.contains("timeperiod")
            && (set.contains("geoareacode") || set.contains("geoareaname"))
        {
            return .unSDGAPI
        }
        if header.filter({ Period.parse($0) != nil }).count >= 2 { return .wide }
        if names.first == "year" && set.contains("value") && !set.contains("indicator") && !set.contains("area") {
            return .openSDG
        }
        return .long
    }

    /// An SDMX component id as a header: capitals, digits and `_` (`REF_AREA`, `OBS_VALUE`), a list marker allowed.
    static func isSDMXID(_ name: String) -> Bool {
        let id = name.split(separator: "[", maxSplits: 1).first.map(String.init) ?? name
        guard let first = id.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let plain = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        return plain.hasSuffix(".csv") ? String(plain.dropLast(4)) : plain
    }

    /// `indicator_4-3-1.csv` → `4.3.1` (Open SDG names its data files by indicator).
    static func openSDGIndicator(_ path: String) -> String {
        var stem = fileStem(path)
        if stem.hasPrefix("indicator_") { stem = String(stem.dropFirst("indicator_".count)) }
        return stem.replacingOccurrences(of: "-", with: ".")
    }

    /// Unit multipliers as words (Open SDG writes `Units`, `Thousands`) or powers of ten.
    static func multiplier(_ text: String) -> Int? {
        if let n = Int(text) { return n }
        let words = [
            "units": 0, "unit": 0, "tens": 1, "hundreds": 2, "thousands": 3, "tens of thousands": 4,
            "hundreds of thousands": 5, "millions": 6, "billions": 9, "trillions": 12,
        ]
        return words[text.lowercased()]
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
