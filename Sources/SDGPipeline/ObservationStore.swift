import SDGCore
import SDGPublish

/// The observations a run read, for the `observations` table, in 32 bytes each.
///
/// A network pipeline reads millions of observations; keeping each as a row of fifteen cells took about 400 bytes an
/// observation (16 GiB at 12 M, bench/storage). Series keys, period labels, attribute sets and file names repeat, so
/// each is kept once and an observation holds their numbers; the table's rows are made from these when written.
struct ObservationStore: Sendable {
    private struct Entry: Sendable {
        /// NaN for a missing value (readers reject non-finite numbers, so NaN never stands for a read value).
        var value: Double
        var series: Int32
        var period: Int32
        var attributes: Int32
        var file: Int32
        var line: Int32
    }

    private struct SeriesCells: Sendable {
        let source: Table.Cell, indicator: Table.Cell, area: Table.Cell, disaggregation: Table.Cell
    }

    private struct AttributeCells: Sendable {
        let unit: Table.Cell, unitMultiplier: Table.Cell, status: Table.Cell, nature: Table.Cell, action: Table.Cell
    }

    private var entries: [Entry] = []
    private var series: [SeriesCells] = []
    private var periods: [(label: Table.Cell, start: Table.Cell)] = []
    private var attributeSets: [AttributeCells] = []
    private var files: [Table.Cell] = []

    private var seriesIndex: [SeriesKey: Int32] = [:]
    private var periodIndex: [String: Int32] = [:]
    private var attributeIndex: [ObservationAttributes: Int32] = [:]
    private var last: (key: SeriesKey, series: Int32)?
    private var lastAttributes: (attributes: ObservationAttributes, index: Int32)?
    private var lastFile: (path: String, index: Int32)?

    var count: Int { entries.count }

    /// Lets go of what only appending needs (the lookup tables, which keep every series key alive) once ingest ends.
    mutating func finishAppending() {
        seriesIndex = [:]
        periodIndex = [:]
        attributeIndex = [:]
        last = nil
        lastAttributes = nil
        lastFile = nil
        entries.shrinkToFit()
        sortByKey()
    }

    /// Puts the observations in the order of the table's key (source, indicator, area, disaggregation, period, as
    /// SQLite compares text: bytes). A database's key B-tree then grows at its end instead of everywhere: SQLite
    /// took 2.3 s to insert 1.94 M rows in a city-major file's order and 1.2 s in key order. Counting sort by series,
    /// then by period within each series; the entries are permuted in place (a sorted copy would double them).
    private mutating func sortByKey() {
        let n = entries.count
        guard n > 1 else { return }
        func text(_ cell: Table.Cell) -> String { if case .text(let t) = cell { t } else { "" } }
        let seriesOrder = series.indices.sorted { i, j in
            let a = series[i], b = series[j]
            return text(a.source).precedesInBytes(text(b.source)) ?? text(a.indicator).precedesInBytes(text(b.indicator))
                ?? text(a.area).precedesInBytes(text(b.area)) ?? text(a.disaggregation).precedesInBytes(text(b.disaggregation))
                ?? (i < j)
        }
        var seriesRank = [Int32](repeating: 0, count: series.count)
        for (rank, i) in seriesOrder.enumerated() { seriesRank[i] = Int32(rank) }
        let periodOrder = periods.indices.sorted { text(periods[$0].label).precedesInBytes(text(periods[$1].label)) ?? false }
        var periodRank = [Int32](repeating: 0, count: periods.count)
        for (rank, i) in periodOrder.enumerated() { periodRank[i] = Int32(rank) }
        // Where each series' observations start in the sorted order, then each observation's place (stable).
        var start = [Int](repeating: 0, count: series.count + 1)
        for e in entries { start[Int(seriesRank[Int(e.series)]) + 1] += 1 }
        for r in 0..<series.count { start[r + 1] += start[r] }
        var order = [Int32](repeating: 0, count: n)
        var fill = start
        for (i, e) in entries.enumerated() {
            let r = Int(seriesRank[Int(e.series)])
            order[fill[r]] = Int32(i)
            fill[r] += 1
        }
        // Within a series, by period (rows usually come in period order already). The periods' ranks are looked up
        // into a table of their own: a copy of `entries` alive here would make the permutation below copy them all.
        let entryPeriodRank = entries.map { periodRank[Int($0.period)] }
        for r in 0..<series.count where start[r + 1] - start[r] > 1 {
            let range = start[r]..<start[r + 1]
            let sorted = zip(order[range], order[range].dropFirst()).allSatisfy { entryPeriodRank[Int($0)] <= entryPeriodRank[Int($1)] }
            if !sorted { order[range].sort { (entryPeriodRank[Int($0)], $0) < (entryPeriodRank[Int($1)], $1) } }
        }
        // Permute in place, cycle by cycle: the entry at k becomes the one at order[k].
        var placed = [Bool](repeating: false, count: n)
        self.entries.withUnsafeMutableBufferPointer { e in
            for first in 0..<n where !placed[first] {
                let saved = e[first]
                var k = first
                while true {
                    placed[k] = true
                    let from = Int(order[k])
                    if from == first {
                        e[k] = saved
                        break
                    }
                    e[k] = e[from]
                    k = from
                }
            }
        }
    }

    mutating func append(_ o: Observation) {
        let s: Int32
        if let last, last.key == o.key {
            s = last.series
        } else if let known = seriesIndex[o.key] {
            s = known
        } else {
            s = Int32(series.count)
            series.append(SeriesCells(source: .init(o.key.source), indicator: .init(o.key.indicator), area: .init(o.key.area),
                disaggregation: .init(o.key.disaggregation)))
            seriesIndex[o.key] = s
        }
        last = (o.key, s)
        let p: Int32
        if let known = periodIndex[o.period.label] {
            p = known
        } else {
            p = Int32(periods.count)
            periods.append((.init(o.period.label), .init(o.period.start)))
            periodIndex[o.period.label] = p
        }
        let a: Int32
        if let lastAttributes, lastAttributes.attributes == o.attributes {
            a = lastAttributes.index
        } else if let known = attributeIndex[o.attributes] {
            a = known
        } else {
            a = Int32(attributeSets.count)
            let x = o.attributes
            attributeSets.append(AttributeCells(unit: .init(x.unit), unitMultiplier: .init(x.unitMultiplier), status: .init(x.status),
                nature: .init(x.nature), action: .init(x.action)))
            attributeIndex[o.attributes] = a
        }
        lastAttributes = (o.attributes, a)
        let f: Int32
        if let lastFile, lastFile.path == o.location.file {
            f = lastFile.index
        } else {
            f = Int32(files.firstIndex(of: .init(o.location.file)) ?? files.count)
            if f == files.count { files.append(.init(o.location.file)) }
        }
        lastFile = (o.location.file, f)
        entries.append(Entry(value: o.value ?? .nan, series: s, period: p, attributes: a, file: f, line: Int32(clamping: o.location.line ?? -1)))
    }

    /// The `observations` table of SPEC §6, its rows made from the store as they are written.
    func table(pipeline: String) -> Table {
        let pipeline = Table.Cell(pipeline)
        let store = self
        return Table(name: "observations", columns: ResultTables.observationColumns, count: entries.count) { i, cells in
            let e = store.entries[i]
            let s = store.series[Int(e.series)], p = store.periods[Int(e.period)], a = store.attributeSets[Int(e.attributes)]
            cells[0] = pipeline
            cells[1] = s.source
            cells[2] = s.indicator
            cells[3] = s.area
            cells[4] = s.disaggregation
            cells[5] = p.label
            cells[6] = p.start
            cells[7] = e.value.isNaN ? .missing : .number(e.value)
            cells[8] = a.unit
            cells[9] = a.unitMultiplier
            cells[10] = a.status
            cells[11] = a.nature
            cells[12] = a.action
            cells[13] = store.files[Int(e.file)]
            cells[14] = e.line < 0 ? .missing : .integer(Int(e.line))
        }
    }
}

extension Array {
    /// Drops the spare capacity of a grown array (up to half of it, after appending one element at a time).
    mutating func shrinkToFit() {
        guard capacity > count + count / 16 else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }
}
