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
        slopes.sort(by: <)
        let slope = median(sorted: slopes)
        let intercept = median(sorted: points.map(\.value).sorted()) - slope * median(sorted: points.map(\.time).sorted())
        // Sen (1968) eq. 2.6 with tie corrections in both time and value.
        func tieTerm(_ xs: [Double]) -> Double {
            var counts: [Double: Int] = [:]
            for x in xs { counts[x, default: 0] += 1 }
            return counts.values.filter { $0 > 1 }.reduce(0.0) { acc, k in
                let k = Double(k)
                return acc + k * (k - 1) * (2 * k + 5)
            }
        }
        let nn = Double(n)
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieTerm(points.map(\.time)) - tieTerm(points.map(\.value))) / 18
        let z = NormalDistribution.quantile((1 - confidence) / 2)
        let sigma = variance.squareRoot()
        let count = Double(slopes.count)
        // numpy rounds half to even; so do we, to pick the same order statistics as scipy.
        let upper = min(Int(((count - z * sigma) / 2).rounded(.toNearestOrEven)), slopes.count - 1)
        let lower = max(Int(((count + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        guard sigma.isFinite, lower < slopes.count, upper >= 0 else {
            return SenSlopeEstimate(slope: slope, intercept: intercept, ciLow: nil, ciHigh: nil, status: .ok)
        }
        return SenSlopeEstimate(slope: slope, intercept: intercept, ciLow: slopes[lower], ciHigh: slopes[upper], status: .ok)
    }

    static func median(sorted xs: [Double]) -> Double {
        let m = xs.count / 2
        return xs.count % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2
    }
}
