import SDGCore

/// `inspect`'s look for suspicious values (`SuspiciousValues`), on each run of rows of one series as the feed streams:
/// memory holds one series and time stays that of reading (keeping every series' values until the end doubled
/// `inspect`'s time and tripled its memory on a 48 MB file). A series whose rows are scattered through the file is
/// checked piece by piece; `run` checks every localized series whole.
struct SuspiciousValueCheck: ObservationSink {
    private var key: SeriesKey?
    private var points: [(start: Double, period: Int32, value: Double)] = []
    /// Periods by number, so that a row costs no `Period` copy (its label's reference count showed in the profile).
    private var periods: [Period] = []
    private var periodNumbers: [Period.Spelling: Int32] = [:]
    private(set) var findings: [String] = []

    mutating func take(_ batch: ObservationBatch) {
        let numbers = batch.periods.map { period -> Int32 in
            if let n = periodNumbers[period.spelling] { return n }
            let n = Int32(periods.count)
            periods.append(period)
            periodNumbers[period.spelling] = n
            return n
        }
        let starts = batch.periods.map(\.start)
        var lastKey: Int32 = -1
        batch.forEachObservationRow { row in
            let value = batch.values[row]
            guard !value.isNaN else { return }
            let k = batch.keyOfRow[row]
            if k != lastKey {
                lastKey = k
                let next = batch.keys[Int(k)]
                if next != key {
                    check()
                    key = next
                }
            }
            let p = Int(batch.periodOfRow[row])
            points.append((starts[p], numbers[p], value))
        }
    }

    /// Checks the last series; call once the feed has been read.
    mutating func finish() { check() }

    private mutating func check() {
        defer { points.removeAll(keepingCapacity: true) }
        guard let key, points.count >= 4 else { return }
        points.sort { $0.start < $1.start }
        for finding in SuspiciousValues.find(points.map(\.value)) {
            let point = points[finding.index]
            findings.append(
                SuspiciousValues.describe(
                    finding,
                    series: "\(key.indicator) | \(key.area)"
                        + (key.disaggregation.isEmpty ? "" : " | \(key.disaggregation)"),
                    period: periods[Int(point.period)].label, value: point.value))
        }
    }
}
