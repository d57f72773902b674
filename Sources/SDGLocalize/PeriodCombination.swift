import SDGCore

/// How a local indicator makes one value of the several a series has in one period (`per_period:`): a selection
/// that spans a dimension the indicator does not keep apart (one local indicator over every source indicator, a
/// feed publishing one period twice under different sources) gathers several values per period, which the
/// evaluation would otherwise read as repeated measurements.
///
/// Missing values are left out of `mean`, `median`, `min` and `max` (pandas' `skipna`); a period with no value
/// stays missing. A `sum` with a missing value is missing: a total of some of its parts would be silently low (the
/// rule `aggregate:` follows for districts).
package enum PeriodCombination: String, Sendable, Hashable, CaseIterable {
    case mean, sum, median, min, max

    /// Per period, what the combination needs of its values.
    private struct Accumulator {
        var sum = 0.0
        var count = 0
        var missing = false
        var least = Double.infinity
        var greatest = -Double.infinity
        var values: [Double] = []
    }

    /// Reusable state for `combine`: a slot per period number, reset after each series for the periods it touched
    /// only, so that combining a series costs its points, not the table of every period met.
    package struct Workspace {
        fileprivate var slotOf: [Int32]
        package init(periods: Int) { slotOf = Array(repeating: -1, count: periods) }
    }

    /// One value per period: `numbers` (into `table`) and `values` in arrival order, NaN for missing; the result in
    /// period order. Points are grouped through a slot per period number, never sorted: only the distinct periods
    /// (20 in a series of 2,000 points of the national benchmark) are. Periods equal as observation times but
    /// spelled differently (`2013 Q1`, `2013-Q1`) are one period, under the first spelling in period order.
    package func combine(
        numbers: [Int32], values: [Double], table: [Period], workspace: inout Workspace
    ) -> (numbers: [Int32], values: [Double]) {
        var distinct: [Int32] = []
        var accumulators: [Accumulator] = []
        let keepsValues = self == .median
        for i in numbers.indices {
            let n = Int(numbers[i])
            var slot = Int(workspace.slotOf[n])
            if slot < 0 {
                slot = distinct.count
                workspace.slotOf[n] = Int32(slot)
                distinct.append(numbers[i])
                accumulators.append(Accumulator())
            }
            Self.add(values[i], to: &accumulators[slot], keepingValues: keepsValues)
        }
        for n in distinct { workspace.slotOf[Int(n)] = -1 }
        let order = distinct.indices.sorted { table[Int(distinct[$0])] < table[Int(distinct[$1])] }
        var outNumbers: [Int32] = []
        var merged: [Accumulator] = []
        outNumbers.reserveCapacity(order.count)
        merged.reserveCapacity(order.count)
        var runStart = 0
        for slot in order {
            let period = table[Int(distinct[slot])]
            if runStart < outNumbers.count, table[Int(outNumbers[runStart])].start != period.start {
                runStart = outNumbers.count
            }
            // Same start, same frequency: the same period spelled another way.
            if let j = (runStart..<outNumbers.count).first(where: {
                table[Int(outNumbers[$0])].frequency == period.frequency
            }) {
                Self.merge(accumulators[slot], into: &merged[j])
            } else {
                outNumbers.append(distinct[slot])
                merged.append(accumulators[slot])
            }
        }
        return (outNumbers, merged.map(value))
    }

    private static func add(_ v: Double, to a: inout Accumulator, keepingValues: Bool) {
        guard !v.isNaN else {
            a.missing = true
            return
        }
        a.sum += v
        a.count += 1
        a.least = Swift.min(a.least, v)
        a.greatest = Swift.max(a.greatest, v)
        if keepingValues { a.values.append(v) }
    }

    private static func merge(_ b: Accumulator, into a: inout Accumulator) {
        a.sum += b.sum
        a.count += b.count
        a.missing = a.missing || b.missing
        a.least = Swift.min(a.least, b.least)
        a.greatest = Swift.max(a.greatest, b.greatest)
        a.values += b.values
    }

    private func value(_ a: Accumulator) -> Double {
        guard a.count > 0 else { return .nan }
        switch self {
        case .mean: return a.sum / Double(a.count)
        case .sum: return a.missing ? .nan : a.sum
        case .min: return a.least
        case .max: return a.greatest
        case .median:
            let sorted = a.values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}
