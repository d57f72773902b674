import SDGCore
import SDGIngest
import SDGStorage

/// The observations a run read, for the `observations` table, in 20 bytes each.
///
/// A network pipeline reads millions of observations; keeping each as a row of fifteen cells took about 400 bytes an
/// observation (16 GiB at 12 M, bench/storage). Series keys, period labels, attribute sets and file names repeat, so
/// each is kept once and an observation holds its value, its series, its line and one number for the rest (its
/// period, attributes and file together: a network has a few hundred such combinations); the table's rows are made
/// from these when written. Beyond one chunk (65,536 observations), the observations themselves go to a temporary file
/// and are sorted and read back from there (`SpilledRuns`): the store then holds memory for its series, periods
/// and attribute sets, not for its observations.
package struct ObservationStore: ObservationSink, Sendable {
    /// What an observation holds besides its value (NaN for a missing value: readers reject non-finite numbers, so
    /// NaN never stands for a read value).
    private struct Entry: Sendable, BitwiseCopyable {
        var series: UInt32
        var line: Int32
        var context: UInt32
    }

    /// An observation's period, attribute set and file, by their numbers.
    private struct Context: Sendable, Hashable {
        var period: Int32
        var attributes: Int32
        var file: Int32
    }

    private struct SeriesCells: Sendable {
        let source: Table.Cell, indicator: Table.Cell, area: Table.Cell, disaggregation: Table.Cell

        static func text(_ cell: Table.Cell) -> String { if case .text(let t) = cell { t } else { "" } }
        var indicatorCode: String { Self.text(indicator) }
        var areaCode: String { Self.text(area) }
        var disaggregationKey: String { Self.text(disaggregation) }
    }

    private struct AttributeCells: Sendable {
        let unit: Table.Cell, unitMultiplier: Table.Cell, status: Table.Cell, nature: Table.Cell, action: Table.Cell
    }

    /// The chunk being filled, written to `spill` when full.
    private var pendingValues: [Double] = []
    private var pendingEntries: [Entry] = []
    private var spill: SpilledColumns<Entry>?
    private var spilledChunks = 0
    private let chunkSize: Int
    /// The observations in key order, once appending is finished.
    private var sorted: SortedObservations<Entry>?
    private var series: [SeriesCells] = []
    private var periods: [(label: Table.Cell, start: Table.Cell)] = []
    private var attributeSets: [AttributeCells] = []
    private var files: [Table.Cell] = []
    private var contexts: [Context] = []

    /// By fingerprint: keyed by the keys themselves, the index kept every key's strings alive until ingest ended
    /// (~80 MB at 12 M observations).
    private var seriesIndex: [SeriesFingerprint: UInt32] = [:]
    /// By label and start: under different `range:` settings one label can start at different times.
    private var periodIndex: [Period.Spelling: Int32] = [:]
    private var attributeIndex: [ObservationAttributes: Int32] = [:]
    /// The number of each (period, attributes, file) seen.
    private var contextIndex: [Context: UInt32] = [:]
    private var last: (key: SeriesKey, series: UInt32)?
    private var lastFile: (path: String, index: Int32)?

    package private(set) var count = 0

    /// `chunkSize`: observations held before they go to the temporary file (tests make it small).
    package init(chunkSize: Int = 1 << 16) {
        self.chunkSize = chunkSize
        pendingValues.reserveCapacity(chunkSize)
        pendingEntries.reserveCapacity(chunkSize)
    }

    /// Lets go of what only appending needs (the lookup tables, which keep every series key alive) once ingest ends,
    /// and puts the observations in key order.
    package mutating func finishAppending() throws(SpillError) {
        seriesIndex = [:]
        periodIndex = [:]
        attributeIndex = [:]
        contextIndex = [:]
        last = nil
        lastFile = nil
        try sortByKey()
    }

    /// Puts the observations in the order of the table's key (source, indicator, area, disaggregation, period, as
    /// SQLite compares text: bytes). A database's key B-tree then grows at its end instead of everywhere: SQLite
    /// took 2.3 s to insert 1.94 M rows in a city-major file's order and 1.2 s in key order. Stable: observations of
    /// one series at one period label keep the order they were read in.
    private mutating func sortByKey() throws(SpillError) {
        func text(_ cell: Table.Cell) -> String { if case .text(let t) = cell { t } else { "" } }
        let seriesOrder = series.indices.sorted { i, j in
            let a = series[i]
            let b = series[j]
            return text(a.source).precedesInBytes(text(b.source)) ?? text(a.indicator).precedesInBytes(
                text(b.indicator))
                ?? text(a.area).precedesInBytes(text(b.area)) ?? text(a.disaggregation).precedesInBytes(
                    text(b.disaggregation))
                ?? (i < j)
        }
        var seriesRank = [UInt64](repeating: 0, count: series.count)
        for (rank, i) in seriesOrder.enumerated() { seriesRank[i] = UInt64(rank) << 32 }
        let periodOrder = periods.indices.sorted {
            text(periods[$0].label).precedesInBytes(text(periods[$1].label)) ?? false
        }
        var periodRank = [UInt64](repeating: 0, count: periods.count)
        for (rank, i) in periodOrder.enumerated() { periodRank[i] = UInt64(rank) }
        let contextRank = contexts.map { periodRank[Int($0.period)] }
        func key(_ e: Entry) -> UInt64 { seriesRank[Int(e.series)] | contextRank[Int(e.context)] }
        defer {
            pendingValues = []
            pendingEntries = []
            spill = nil
        }
        guard let spill else {
            pendingValues.withUnsafeMutableBufferPointer { values in
                pendingEntries.withUnsafeMutableBufferPointer { entries in
                    SpilledRuns.sort(values, entries, count: count, key: key)
                }
            }
            sorted = SortedObservations(values: pendingValues, entries: pendingEntries)
            return
        }
        if !pendingValues.isEmpty { try spillPending() }
        // Each chunk sorted where it lies, then merged.
        var lengths = [Int](repeating: chunkSize, count: spilledChunks)
        lengths[spilledChunks - 1] = count - (spilledChunks - 1) * chunkSize
        sorted = SortedObservations(spilled: try SpilledRuns.sorted(spill, lengths: lengths, key: key), count: count)
    }

    private mutating func spillPending() throws(SpillError) {
        if spill == nil { spill = SpilledColumns(file: try SpillFile(), chunkSize: chunkSize) }
        try pendingValues.withUnsafeBufferPointer { (values) throws(SpillError) in
            try pendingEntries.withUnsafeBufferPointer { (entries) throws(SpillError) in
                try spill!.write(chunk: spilledChunks, values: values, entries: entries)
            }
        }
        spilledChunks += 1
        pendingValues.removeAll(keepingCapacity: true)
        pendingEntries.removeAll(keepingCapacity: true)
    }

    /// Appends a batch's observations (its rejected rows and the rows outside the run's area scope left out). Keys,
    /// periods, attribute sets and their combinations are numbered once per batch, not per row.
    package mutating func take(_ batch: ObservationBatch) throws {
        let file = number(ofFile: batch.file)
        let keys = batch.keys.indices.map {
            batch.outOfScope.isEmpty || !batch.outOfScope[$0] ? Int64(number(of: batch.keys[$0])) : -1
        }
        let periodNumbers = batch.periods.map { number(of: $0) }
        let attributeNumbers = batch.attributes.map { number(of: $0) }
        var contextOf = [Int64](repeating: -1, count: batch.periods.count * batch.attributes.count)
        try batch.forEachObservationRow { (row) throws(SpillError) in
            let series = keys[Int(batch.keyOfRow[row])]
            if series < 0 { return }
            let slot = Int(batch.periodOfRow[row]) * batch.attributes.count + Int(batch.attributesOfRow[row])
            if contextOf[slot] < 0 {
                contextOf[slot] = Int64(
                    number(
                        of: Context(
                            period: periodNumbers[Int(batch.periodOfRow[row])],
                            attributes: attributeNumbers[Int(batch.attributesOfRow[row])], file: file)))
            }
            try push(
                batch.values[row],
                Entry(series: UInt32(series), line: Int32(clamping: batch.lines[row]), context: UInt32(contextOf[slot]))
            )
        }
    }

    private mutating func push(_ value: Double, _ entry: Entry) throws(SpillError) {
        pendingValues.append(value)
        pendingEntries.append(entry)
        count += 1
        if pendingValues.count == chunkSize { try spillPending() }
    }

    private mutating func number(of key: SeriesKey) -> UInt32 {
        if let last, last.key == key { return last.series }
        let s: UInt32
        if let known = seriesIndex[key.fingerprint] {
            s = known
        } else {
            s = UInt32(series.count)
            series.append(
                SeriesCells(
                    source: .init(key.source), indicator: .init(key.indicator), area: .init(key.area),
                    disaggregation: .init(key.disaggregation)))
            seriesIndex[key.fingerprint] = s
        }
        last = (key, s)
        return s
    }

    private mutating func number(of period: Period) -> Int32 {
        if let known = periodIndex[period.spelling] { return known }
        let p = Int32(periods.count)
        periods.append((.init(period.label), .init(period.start)))
        periodIndex[period.spelling] = p
        return p
    }

    private mutating func number(of x: ObservationAttributes) -> Int32 {
        if let known = attributeIndex[x] { return known }
        let a = Int32(attributeSets.count)
        attributeSets.append(
            AttributeCells(
                unit: .init(x.unit), unitMultiplier: .init(x.unitMultiplier), status: .init(x.status),
                nature: .init(x.nature), action: .init(x.action)))
        attributeIndex[x] = a
        return a
    }

    private mutating func number(ofFile path: String) -> Int32 {
        if let lastFile, lastFile.path == path { return lastFile.index }
        let f = Int32(files.firstIndex(of: .init(path)) ?? files.count)
        if f == files.count { files.append(.init(path)) }
        lastFile = (path, f)
        return f
    }

    private mutating func number(of context: Context) -> UInt32 {
        if let known = contextIndex[context] { return known }
        let c = UInt32(contexts.count)
        contexts.append(context)
        contextIndex[context] = c
        return c
    }

    /// The `observations` table, its rows made from the store as they are written.
    package func table(pipeline: String, labels: Labels = Labels()) -> Table {
        let pipeline = Table.Cell(pipeline)
        // The source's own codes: an indicator is named by `labels:` or the structure's series codelist.
        let names = LabelCells(
            labels, areas: series.lazy.map(\.areaCode), indicators: series.lazy.map(\.indicatorCode),
            disaggregations: series.lazy.map(\.disaggregationKey), indicatorName: { labels.label("indicator", $0) })
        // By series number, so that a row (of millions) takes its labels by index, not by three text look-ups.
        let seriesLabels = series.map {
            (names.indicator($0.indicatorCode), names.area($0.areaCode), names.disaggregation($0.disaggregationKey))
        }
        guard let sorted else { preconditionFailure("the observations table is made after finishAppending()") }
        let store = self
        let table = TableDefinition.observations
        let at = (
            pipeline: table.position("pipeline"), source: table.position("source"),
            indicator: table.position("indicator"), area: table.position("area"),
            disaggregation: table.position("disaggregation"), period: table.position("period"),
            periodStart: table.position("period_start"), value: table.position("value"), unit: table.position("unit"),
            unitMultiplier: table.position("unit_mult"), status: table.position("obs_status"),
            nature: table.position("nature"), action: table.position("action"), file: table.position("file"),
            line: table.position("line"), indicatorLabel: table.position("indicator_label"),
            areaLabel: table.position("area_label"), disaggregationLabel: table.position("disaggregation_label")
        )
        return Table(name: table.name, columns: table.columnNames, count: count) { i, cells in
            let (value, e) = sorted[i]
            let context = store.contexts[Int(e.context)]
            let s = store.series[Int(e.series)]
            let p = store.periods[Int(context.period)]
            let a = store.attributeSets[Int(context.attributes)]
            cells[at.pipeline] = pipeline
            cells[at.source] = s.source
            cells[at.indicator] = s.indicator
            cells[at.area] = s.area
            cells[at.disaggregation] = s.disaggregation
            (cells[at.indicatorLabel], cells[at.areaLabel], cells[at.disaggregationLabel]) =
                seriesLabels[Int(e.series)]
            cells[at.period] = p.label
            cells[at.periodStart] = p.start
            cells[at.value] = value.isNaN ? .missing : .number(value)
            cells[at.unit] = a.unit
            cells[at.unitMultiplier] = a.unitMultiplier
            cells[at.status] = a.status
            cells[at.nature] = a.nature
            cells[at.action] = a.action
            cells[at.file] = store.files[Int(context.file)]
            cells[at.line] = e.line < 0 ? .missing : .integer(Int(e.line))
        }
    }
}
