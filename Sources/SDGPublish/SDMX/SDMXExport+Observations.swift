import SDGCore

extension SDMXExport {
    /// Writes the `observations` table (every observation read, in series order) in every requested format, to
    /// `sdmx/observations.csv`, `sdmx/observations-sdmx-csv-1.0.csv` and `sdmx/observations.xml`: what a city reports
    /// upstream when it publishes its own data rather than the pipeline's results. An observation keeps its own
    /// attributes (`UNIT_MEASURE`, `UNIT_MULT`, `OBS_STATUS`, `NATURE`, through `codes`); a missing value is written
    /// as `NaN` with `OBS_STATUS` `M`.
    ///
    /// The `SERIES` code of a source's indicator is `series:` (keyed by the source's code), else the code itself where
    /// the DSD's `SERIES` codelist has it. Left out and counted, never silently: observations of indicators without a
    /// code, series whose SDMX key repeats another's, and observations whose series-level attributes (the unit, in the
    /// SDG DSD) differ from their series' first (SDMX-ML carries them once per series). Memory stays flat: one
    /// series at a time, plus the keys of the series written.
    package func writeObservations(_ table: Table, prepared: String, open: (String) throws -> TextOutput) throws
        -> Summary
    {
        var outputs: [(Format, TextOutput)] = []
        for format in formats {
            let name =
                switch format {
                case .sdmxCSV: "sdmx/observations.csv"
                case .sdmxCSV1: "sdmx/observations-sdmx-csv-1.0.csv"
                case .sdmxML: "sdmx/observations.xml"
                }
            let out = try open(name)
            try header(format, out, prepared: prepared)
            outputs.append((format, out))
        }
        let summary = try forEachObservationSeries(table) { row in
            for (format, out) in outputs { try write(row, format, out) }
        }
        for (format, out) in outputs {
            if format == .sdmxML { try out.write("</message:DataSet>\n</message:StructureSpecificData>\n") }
            try out.finish()
        }
        return summary
    }

    /// The SDMX series of the `observations` table, one at a time, and what was left out: what `writeObservations`
    /// writes, and (`collect` false) what a run warns about before writing it.
    ///
    /// Per observation only its period and value are new text: the series' key is made when the series changes, the
    /// attributes when its attribute cells change, the SDMX time once per period label (12 M observations in under
    /// twice the time of our own `observations.csv`, docs/performance.md).
    func forEachObservationSeries(_ table: Table, collect: Bool = true, _ body: (Row) throws -> Void) throws
        -> Summary
    {
        var summary = Summary()
        let names = [
            "source", "indicator", "area", "disaggregation", "period", "value", "unit", "unit_mult", "obs_status",
            "nature",
        ]
        let at = names.map { table.columns.firstIndex(of: $0) }
        let (idColumns, attributeColumns) = (at[0..<4].compactMap { $0 }, at[6..<10].compactMap { $0 })
        let (periodColumn, valueColumn) = (at[4], at[5])
        func text(_ cell: Table.Cell) -> String? {
            switch cell {
            case .text(let t): return t
            case .integer(let n): return String(n)
            case .number(let x): return SDGPublish.Format.exact(x)
            case .missing: return nil
            }
        }
        func text(_ cells: [Table.Cell], _ name: Int) -> String? { at[name].flatMap { text(cells[$0]) } }
        let known = structure.codes(of: "SERIES")
        let seriesAttributes = structure.attributes.filter { !structure.observationAttributes.contains($0) }
        let observationAttributes = structure.attributes.filter(structure.observationAttributes.contains)
        var seen = Set<[String]>()
        var currentID: [Table.Cell]?
        var row: Row?
        var times: [String: String] = [:]
        // The attribute cells last seen (and whether the value was missing), and the attributes made from them.
        var lastCells: [Table.Cell] = []
        var lastMissing = false
        var attributes: (series: [(String, String)], observation: [(String, String)]) = ([], [])
        var started = false
        func flush() throws {
            guard let done = row, started else { return }
            summary.series += 1
            if collect { try body(done) }
        }
        try table.forEachRow { cells in
            if currentID == nil || !idColumns.indices.allSatisfy({ currentID![$0] == cells[idColumns[$0]] }) {
                try flush()
                currentID = idColumns.map { cells[$0] }
                let indicator = text(cells, 1) ?? ""
                let code = series[indicator] ?? (known?[indicator] != nil ? indicator : nil)
                row = nil
                if let key = key(seriesCode: code, area: text(cells, 2) ?? "", disaggregation: text(cells, 3) ?? "") {
                    if seen.insert(key).inserted {
                        row = Row(key: key, seriesAttributes: [], observations: [])
                    } else {
                        summary.duplicateKeys += 1
                    }
                } else {
                    summary.unmapped.insert(indicator)
                }
                lastCells = []
                started = false
            }
            guard row != nil else { return }
            let value: Double? = valueColumn.flatMap { if case .number(let x) = cells[$0] { x } else { nil } }
            if lastCells.isEmpty || lastMissing != (value == nil)
                || !attributeColumns.indices.allSatisfy({ lastCells[$0] == cells[attributeColumns[$0]] })
            {
                lastCells = attributeColumns.map { cells[$0] }
                lastMissing = value == nil
                func attribute(_ a: String) -> String? {
                    if let v = defaults[a] { return v }
                    let read: String? =
                        switch a {
                        case "UNIT_MEASURE": text(cells, 6).map { recode(a, $0) }
                        case "UNIT_MULT": text(cells, 7) ?? "0"
                        case "OBS_STATUS": value == nil ? "M" : text(cells, 8).map { recode(a, $0) } ?? "A"
                        case "NATURE": text(cells, 9).map { recode(a, $0) }
                        default: nil
                        }
                    return read ?? (structure.mandatoryAttributes.contains(a) ? "_X" : nil)
                }
                attributes = (
                    seriesAttributes.compactMap { a in attribute(a).map { (a, $0) } },
                    observationAttributes.compactMap { a in attribute(a).map { (a, $0) } }
                )
            }
            if !started {
                row!.seriesAttributes = attributes.series
                started = true
            } else if !attributes.series.elementsEqual(row!.seriesAttributes, by: ==) {
                summary.attributeChanges += 1
                return
            }
            summary.observations += 1
            if let value { summary.valueSum += value }
            guard collect else { return }
            let period = periodColumn.flatMap { text(cells[$0]) } ?? ""
            let time: String
            if let known = times[period] {
                time = known
            } else {
                time = Period.parse(period).map(Self.time) ?? period
                times[period] = time
            }
            row!.observations.append((time, value ?? .nan, attributes.observation))
        }
        try flush()
        return summary
    }

    /// What `writeObservations` would leave out, without writing.
    package func observationsLeftOut(_ table: Table) throws -> Summary {
        try forEachObservationSeries(table, collect: false) { _ in }
    }

    /// What `observations: true` leaves out, as the run's warnings (`sdmx-export.left-out`).
    package static func observationWarnings(_ summary: Summary) -> [String] {
        var lines: [String] = []
        if !summary.unmapped.isEmpty {
            let names = summary.unmapped.sorted()
            lines.append(
                "outputs.sdmx.observations: the observations of \(names.count) source indicator(s) without a SERIES code are not exported: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", ..." : ""). Map each to the DSD's code in outputs.sdmx.series (keyed by the source's code)."
            )
        }
        if summary.duplicateKeys > 0 {
            lines.append(
                "outputs.sdmx.observations: \(summary.duplicateKeys) series of the sources have the SDMX key of an earlier one (two sources, or a breakdown the DSD lacks) and are not exported. Map the breakdown to a DSD dimension (outputs.sdmx.map), or read one source."
            )
        }
        if summary.attributeChanges > 0 {
            lines.append(
                "outputs.sdmx.observations: \(summary.attributeChanges) observations change a series-level attribute (the unit) within their series and are not exported: SDMX gives a series one. Split the series by unit in the source."
            )
        }
        return lines
    }
}
