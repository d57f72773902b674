import SDGSystem

/// Sen's slope (Sen 1968): the median of the pairwise slopes over real time, with its distribution-free confidence
/// interval (Sen 1968, eq. 2.6; Gilbert 1987, §16.5) and the intercept median(y) − slope·median(t), as
/// `scipy.stats.theilslopes(y, t, 0.95)`.
package struct SenSlopeEstimate: Sendable, Hashable {
    package var slope: Double?
    package var intercept: Double?
    package var ciLow: Double?
    package var ciHigh: Double?
    package var status: EstimateStatus
}

package enum SenSlope {
    package static func estimate(_ points: [TimePoint], confidence: Double = 0.95) -> SenSlopeEstimate {
        let n = points.count
        guard n >= 2 else {
            return SenSlopeEstimate(
                slope: nil, intercept: nil, ciLow: nil, ciHigh: nil,
                status: .tooFewPoints("Sen's slope needs at least 2 points; found \(n)"))
        }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        // Pairs with a later time. In time order (how the evaluator passes them) these are the pairs i > j; pairs at
        // the same time give no slope either way.
        let times = points.map(\.time)
        let values = points.map(\.value)
        if zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) {
            for i in 1..<n {
                for j in 0..<i where times[i] > times[j] {
                    slopes.append((values[i] - values[j]) / (times[i] - times[j]))
                }
            }
        } else {
            for i in 0..<n {
                for j in 0..<n where times[i] > times[j] {
                    slopes.append((values[i] - values[j]) / (times[i] - times[j]))
                }
            }
        }
        guard !slopes.isEmpty else {
            return SenSlopeEstimate(
                slope: nil, intercept: nil, ciLow: nil, ciHigh: nil,
                status: .zeroVariance("all points are at the same time"))
        }
        let sortedValues = values.sorted()
        let sortedTimes = times.sorted()
        // Sen (1968) eq. 2.6 with tie corrections in both time and value.
        let nn = Double(n)
        let variance =
            (nn * (nn - 1) * (2 * nn + 5) - Ties.kendallTerm(sorted: sortedTimes)
                - Ties.kendallTerm(sorted: sortedValues)) / 18
        let z = confidence == 0.95 ? Self.z95 : NormalDistribution.quantile((1 - confidence) / 2)
        let sigma = variance.squareRoot()
        let count = Double(slopes.count)
        // numpy rounds half to even; so do we, to pick the same order statistics as scipy (z < 0 here).
        let upper = min(Int(((count - z * sigma) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
        let lower = max(Int(((count + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        let hasInterval = sigma.isFinite && lower < slopes.count && upper >= 0
        // Only these order statistics are needed (the median and the interval's ends): each is selected in place,
        // in ascending order, searching only above the previous one — cheaper than sorting the n(n−1)/2 slopes,
        // which was the largest cost of a series' evaluation. A selected element stays at its index (later
        // selections only reorder what lies above it), so each statistic is then read from there.
        let m = slopes.count / 2
        var wanted = slopes.count % 2 == 1 ? [m] : [m - 1, m]
        if hasInterval { wanted += [lower, upper] }
        slopes.withUnsafeMutableBufferPointer { buffer in
            var from = 0
            for k in wanted.sorted() where k >= from {
                _ = buffer.select(k, from: from)
                from = k + 1
            }
        }
        func statistic(_ k: Int) -> Double { slopes[k] }
        let slope = slopes.count % 2 == 1 ? statistic(m) : (statistic(m - 1) + statistic(m)) / 2
        let intercept = median(sorted: sortedValues) - slope * median(sorted: sortedTimes)
        guard hasInterval else {
            return SenSlopeEstimate(slope: slope, intercept: intercept, ciLow: nil, ciHigh: nil, status: .ok)
        }
        return SenSlopeEstimate(
            slope: slope, intercept: intercept, ciLow: statistic(lower), ciHigh: statistic(upper), status: .ok)
    }

    /// The normal quantile of the default 95% interval, computed once rather than for every series.
    static let z95 = NormalDistribution.quantile(0.025)

    static func median(sorted xs: [Double]) -> Double {
        let m = xs.count / 2
        return xs.count % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2
    }
}

/// Tied groups among values, for the tie corrections of Kendall-type variances.
enum Ties {
    /// Σ t(t−1)(2t+5) over groups of t equal values. Counted by sorting a copy (a dictionary per series was a large
    /// part of evaluating one); every term is an integer well below 2^53, so the sum is exact in any order.
    static func kendallTerm(_ values: [Double]) -> Double { kendallTerm(sorted: values.sorted()) }

    /// The same for values already in ascending order.
    static func kendallTerm(sorted: [Double]) -> Double {
        var total = 0.0
        forEachGroup(sorted: sorted) { t in total += t * (t - 1) * (2 * t + 5) }
        return total
    }

    /// Calls `body` with the size (> 1) of each group of equal values.
    static func forEachGroup(_ values: [Double], _ body: (Double) -> Void) {
        forEachGroup(sorted: values.sorted(), body)
    }

    /// The same for values already in ascending order.
    static func forEachGroup(sorted: [Double], _ body: (Double) -> Void) {
        guard sorted.count > 1 else { return }
        var run = 1
        for i in 1..<sorted.count {
            if sorted[i] == sorted[i - 1] {
                run += 1
            } else {
                if run > 1 { body(Double(run)) }
                run = 1
            }
        }
        if run > 1 { body(Double(run)) }
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// The k-th smallest element (0-based), by quickselect with a median-of-three pivot; reorders the buffer so that
    /// nothing before k is larger and nothing after it smaller. The value is the same as `sorted()[k]` (no NaNs here:
    /// slopes of finite values at distinct times). `from` says that the elements before it are already the `from`
    /// smallest (an earlier selection), so only the rest is searched.
    func select(_ k: Int, from: Int = 0) -> Double {
        var low = from
        var high = count - 1
        while low < high {
            let mid = low + (high - low) / 2
            if self[mid] < self[low] { swapAt(mid, low) }
            if self[high] < self[low] { swapAt(high, low) }
            if self[high] < self[mid] { swapAt(high, mid) }
            let pivot = self[mid]
            var i = low
            var j = high
            while i <= j {
                while self[i] < pivot { i += 1 }
                while pivot < self[j] { j -= 1 }
                if i <= j {
                    swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return self[k] }
        }
        return self[k]
    }
}
