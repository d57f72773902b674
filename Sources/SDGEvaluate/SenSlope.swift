#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sen's slope (Sen 1968): the median of the pairwise slopes over real time, with its distribution-free confidence
/// interval (Sen 1968, eq. 2.6; Gilbert 1987, §16.5) and the intercept median(y) − slope·median(t), as
/// `scipy.stats.theilslopes(y, t, 0.95)`.
public struct SenSlopeEstimate: Sendable, Hashable {
    public let slope: Double?
    public let intercept: Double?
    public let ciLow: Double?
    public let ciHigh: Double?
    public let status: EstimateStatus
}

public enum SenSlope {
    public static func estimate(_ points: [TimePoint], confidence: Double = 0.95) -> SenSlopeEstimate {
        let n = points.count
        guard n >= 2 else {
            return SenSlopeEstimate(slope: nil, intercept: nil, ciLow: nil, ciHigh: nil,
                status: .tooFewPoints("Sen's slope needs at least 2 points; found \(n)"))
        }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n {
            for j in 0..<n where points[i].time > points[j].time {
                slopes.append((points[i].value - points[j].value) / (points[i].time - points[j].time))
            }
        }
        guard !slopes.isEmpty else {
            return SenSlopeEstimate(slope: nil, intercept: nil, ciLow: nil, ciHigh: nil,
                status: .zeroVariance("all points are at the same time"))
        }
        // Only three order statistics are needed (the median and the interval's ends): selecting them in place is
        // cheaper than sorting the n(n−1)/2 slopes, which was the largest cost of a series' evaluation.
        let slope = slopes.withUnsafeMutableBufferPointer { median(selecting: $0) }
        let intercept = median(sorted: points.map(\.value).sorted()) - slope * median(sorted: points.map(\.time).sorted())
        // Sen (1968) eq. 2.6 with tie corrections in both time and value.
        let nn = Double(n)
        let variance = (nn * (nn - 1) * (2 * nn + 5) - Ties.kendallTerm(points.map(\.time)) - Ties.kendallTerm(points.map(\.value))) / 18
        let z = confidence == 0.95 ? Self.z95 : NormalDistribution.quantile((1 - confidence) / 2)
        let sigma = variance.squareRoot()
        let count = Double(slopes.count)
        // numpy rounds half to even; so do we, to pick the same order statistics as scipy.
        let upper = min(Int(((count - z * sigma) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
        let lower = max(Int(((count + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        guard sigma.isFinite, lower < slopes.count, upper >= 0 else {
            return SenSlopeEstimate(slope: slope, intercept: intercept, ciLow: nil, ciHigh: nil, status: .ok)
        }
        let (low, high) = slopes.withUnsafeMutableBufferPointer { ($0.select(lower), $0.select(upper)) }
        return SenSlopeEstimate(slope: slope, intercept: intercept, ciLow: low, ciHigh: high, status: .ok)
    }

    /// The normal quantile of the default 95% interval, computed once rather than for every series.
    static let z95 = NormalDistribution.quantile(0.025)

    static func median(selecting xs: UnsafeMutableBufferPointer<Double>) -> Double {
        let m = xs.count / 2
        return xs.count % 2 == 1 ? xs.select(m) : (xs.select(m - 1) + xs.select(m)) / 2
    }

    static func median(sorted xs: [Double]) -> Double {
        let m = xs.count / 2
        return xs.count % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2
    }
}

/// Tied groups among values, for the tie corrections of Kendall-type variances.
enum Ties {
    /// Σ t(t−1)(2t+5) over groups of t equal values. Counted by sorting a copy (a dictionary per series was a large
    /// part of evaluating one); every term is an integer well below 2^53, so the sum is exact in any order.
    static func kendallTerm(_ values: [Double]) -> Double {
        var total = 0.0
        forEachGroup(values) { t in total += t * (t - 1) * (2 * t + 5) }
        return total
    }

    /// Calls `body` with the size (> 1) of each group of equal values.
    static func forEachGroup(_ values: [Double], _ body: (Double) -> Void) {
        guard values.count > 1 else { return }
        let sorted = values.sorted()
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
    /// The k-th smallest element (0-based), by quickselect with a median-of-three pivot; reorders the buffer. The
    /// value is the same as `sorted()[k]` (no NaNs here: slopes of finite values at distinct times).
    func select(_ k: Int) -> Double {
        var low = 0, high = count - 1
        while low < high {
            let mid = low + (high - low) / 2
            if self[mid] < self[low] { swapAt(mid, low) }
            if self[high] < self[low] { swapAt(high, low) }
            if self[high] < self[mid] { swapAt(high, mid) }
            let pivot = self[mid]
            var i = low, j = high
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
