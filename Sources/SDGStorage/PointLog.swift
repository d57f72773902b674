import SDGCore

/// The points a localizer gathers, in the order they arrive — the series they belong to, the period's number, the
/// value — 16 bytes each, and beyond one chunk of 65,536 in a temporary file (`SpillFile`).
///
/// Why: gathered in one growing array per series, the points of a 12 M-observation network held ~180 MB while its
/// feeds were read (12 bytes a point, and arrays that grow by doubling), and freeing them left the heap holed under
/// the series made from them (bench/run, 300 cities with 25 and with 50 years: 16 bytes an observation at every stage).
/// Logged, reading holds memory for the series only; the series are made from the log sorted by series (in the file,
/// chunk by chunk, then merged), one at a time.
package struct PointLog: Sendable {
    package struct Place: BitwiseCopyable, Sendable {
        var series: UInt32
        var period: Int32
    }

    private var values: [Double] = []
    private var places: [Place] = []
    private var spill: SpilledColumns<Place>?
    private var spilledChunks = 0
    private let chunkSize: Int
    package private(set) var count = 0

    package init(chunkSize: Int = 1 << 16) {
        self.chunkSize = chunkSize
    }

    package mutating func append(series: Int, period: Int32, value: Double) throws(SpillError) {
        if values.isEmpty {
            values.reserveCapacity(chunkSize)
            places.reserveCapacity(chunkSize)
        }
        values.append(value)
        places.append(Place(series: UInt32(series), period: period))
        count += 1
        guard values.count == chunkSize else { return }
        if spill == nil { spill = SpilledColumns(file: try SpillFile(), chunkSize: chunkSize) }
        try values.withUnsafeBufferPointer { (v) throws(SpillError) in
            try places.withUnsafeBufferPointer { (p) throws(SpillError) in
                try spill!.write(chunk: spilledChunks, values: v, entries: p)
            }
        }
        spilledChunks += 1
        values.removeAll(keepingCapacity: true)
        places.removeAll(keepingCapacity: true)
    }

    /// Whether the points went to the temporary file (more than one chunk of them).
    package var isSpilled: Bool { spill != nil }

    /// Calls `body` once per series with its points in arrival order (periods and values), series by series in the
    /// order of their numbers. The chunks of the temporary file are sorted by series where they lie (stable, so a
    /// second call finds them sorted and does the same) and merged into a second file, read a chunk at a time.
    package func forEachSeries(_ body: (Int, [Int32], [Double]) throws(SpillError) -> Void) throws(SpillError) {
        var series = -1
        var periods: [Int32] = []
        var points: [Double] = []
        func take(_ p: UnsafeBufferPointer<Place>, _ v: UnsafeBufferPointer<Double>) throws(SpillError) {
            for i in p.indices {
                let s = Int(p[i].series)
                if s != series {
                    if series >= 0 { try body(series, periods, points) }
                    (series, periods, points) = (s, [], [])
                }
                periods.append(p[i].period)
                points.append(v[i])
            }
        }
        func bySeries(_ place: Place) -> UInt64 { UInt64(place.series) }
        guard let spill else {
            var (v, p) = (values, places)
            v.withUnsafeMutableBufferPointer { v in
                p.withUnsafeMutableBufferPointer { p in SpilledRuns.sort(v, p, count: v.count, key: bySeries) }
            }
            try v.withUnsafeBufferPointer { (v) throws(SpillError) in
                try p.withUnsafeBufferPointer { (p) throws(SpillError) in try take(p, v) }
            }
            if series >= 0 { try body(series, periods, points) }
            return
        }
        // The chunk still in memory goes to the file too (again, unchanged, on a second call), after the others.
        var lengths = [Int](repeating: chunkSize, count: spilledChunks)
        if !values.isEmpty {
            try values.withUnsafeBufferPointer { (v) throws(SpillError) in
                try places.withUnsafeBufferPointer { (p) throws(SpillError) in
                    try spill.write(chunk: spilledChunks, values: v, entries: p)
                }
            }
            lengths.append(values.count)
        }
        let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: chunkSize)
        let p = UnsafeMutableBufferPointer<Place>.allocate(capacity: chunkSize)
        defer {
            v.deallocate()
            p.deallocate()
        }
        let merged = try SpilledRuns.sorted(spill, lengths: lengths, key: bySeries)
        let total = lengths.reduce(0, +)
        for c in 0..<(total + chunkSize - 1) / chunkSize {
            let n = min(chunkSize, total - c * chunkSize)
            let (cv, cp) = (
                UnsafeMutableBufferPointer(rebasing: v[..<n]), UnsafeMutableBufferPointer(rebasing: p[..<n])
            )
            merged.read(chunk: c, values: cv, entries: cp)
            try take(UnsafeBufferPointer(cp), UnsafeBufferPointer(cv))
        }
        if series >= 0 { try body(series, periods, points) }
    }
}

/// The values of localized series made from a log that went to a temporary file: written there series by series,
/// each series keeping its place, and read back (`pread`) when the series is looked at.
///
/// Why: held in memory, the values were the one thing of a run that still grew with its observations (8 bytes each:
/// 93 MB at 11.6 M, bench/run); a series is read a few times (evaluated, checked, written), a read of its ~200 bytes
/// takes a microsecond, and the kernel's page cache, not the process, holds the file.
package final class SeriesValueFile: @unchecked Sendable {
    private let file: SpillFile
    private var pending: [Double] = []
    private var flushed = 0

    package init() throws(SpillError) {
        file = try SpillFile()
        pending.reserveCapacity(1 << 17)
    }

    /// Appends a series' values; returns where they start (in values). Call `finish()` before reading.
    package func append(_ values: [Double]) throws(SpillError) -> Int {
        let start = flushed + pending.count
        pending.append(contentsOf: values)
        if pending.count >= 1 << 17 { try flush() }
        return start
    }

    package func finish() throws(SpillError) { try flush() }

    private func flush() throws(SpillError) {
        let failure: SpillError? = pending.withUnsafeBytes { bytes in
            do throws(SpillError) { try file.write(bytes, at: flushed * 8) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        flushed += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    package func read(_ start: Int, into values: UnsafeMutableBufferPointer<Double>) {
        guard !values.isEmpty else { return }
        file.read(into: UnsafeMutableRawBufferPointer(values), at: start * 8)
    }
}
