import SDGCore

/// What `inspect` gathers while a feed streams: the control totals and what the observations name. The counts of
/// observations and rejects are the `FeedReport`'s, as for every command.
public struct ControlTotals: ObservationSink {
    public private(set) var values = 0
    /// Kahan summation: the total is reconciled against published figures, so keep its digits.
    public private(set) var sum = 0.0
    private var compensation = 0.0
    public private(set) var first: Period?, last: Period?
    public private(set) var frequencies = Set<String>(), units = Set<String>(), areas = Set<String>()
    public private(set) var indicators = Set<String>(), dimensions = Set<String>(), statuses = Set<String>()
    /// The first five observations.
    public private(set) var sample: [Observation] = []

    public init() {}

    /// A batch's rows are counted from its columns; its keys, attributes and periods are looked at once each.
    public mutating func take(_ batch: ObservationBatch) {
        var keyUsed = [Bool](repeating: false, count: batch.keys.count)
        var attributesUsed = [Bool](repeating: false, count: batch.attributes.count)
        var periodUsed = [Bool](repeating: false, count: batch.periods.count)
        batch.forEachObservationRow { row in
            let v = batch.values[row]
            if !v.isNaN { addValue(v) }
            keyUsed[Int(batch.keyOfRow[row])] = true
            attributesUsed[Int(batch.attributesOfRow[row])] = true
            periodUsed[Int(batch.periodOfRow[row])] = true
            if sample.count < 5 { sample.append(batch.observation(row)) }
        }
        for (k, used) in keyUsed.enumerated() where used { add(batch.keys[k]) }
        for (a, used) in attributesUsed.enumerated() where used {
            if let unit = batch.attributes[a].unit { units.insert(unit) }
            if let status = batch.attributes[a].status { statuses.insert(status) }
        }
        for (p, used) in periodUsed.enumerated() where used { add(batch.periods[p]) }
    }

    private mutating func addValue(_ v: Double) {
        values += 1
        let y = v - compensation
        let t = sum + y
        compensation = (t - sum) - y
        sum = t
    }

    private mutating func add(_ key: SeriesKey) {
        areas.insert(key.area)
        indicators.insert(key.indicator)
        for d in key.dimensions { dimensions.insert(d.id) }
    }

    private mutating func add(_ period: Period) {
        if first.map({ period < $0 }) ?? true { first = period }
        if last.map({ period > $0 }) ?? true { last = period }
        frequencies.insert(period.frequency.rawValue)
    }
}
