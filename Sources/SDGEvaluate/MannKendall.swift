/// The Mann–Kendall trend test (Mann 1945, Kendall 1975) as `pymannkendall.original_test`: S, the tie-corrected
/// variance, Z with continuity correction, the normal two-sided p, Kendall's tau = S / (n(n−1)/2), and for n ≤ 10
/// without ties the exact p from the permutation distribution of S (as `scipy.stats.kendalltau(method="exact")`).
package struct MannKendallEstimate: Sendable, Hashable {
    package var n: Int
    package var s: Double?
    package var varianceS: Double?
    package var z: Double?
    package var pValue: Double?
    package var tau: Double?
    package var pExact: Double?
    package var status: EstimateStatus
}

package enum MannKendall {
    /// Points must be in time order.
    package static func estimate(_ points: [TimePoint]) -> MannKendallEstimate {
        let n = points.count
        guard n >= 3 else {
            return MannKendallEstimate(
                n: n, s: nil, varianceS: nil, z: nil, pValue: nil, tau: nil, pExact: nil,
                status: .tooFewPoints("the Mann–Kendall test needs at least 3 points; found \(n)"))
        }
        let y = points.map(\.value)
        var s = 0
        var discordant = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                if y[j] > y[i] {
                    s += 1
                } else if y[j] < y[i] {
                    s -= 1
                    discordant += 1
                }
            }
        }
        let nn = Double(n)
        var variance = nn * (nn - 1) * (2 * nn + 5)
        var hasTies = false
        Ties.forEachGroup(y) { t in
            variance -= t * (t - 1) * (2 * t + 5)
            hasTies = true
        }
        variance /= 18
        let sd = Double(s)
        let z: Double
        if variance <= 0 {
            z = 0
        } else if s > 0 {
            z = (sd - 1) / variance.squareRoot()
        } else if s < 0 {
            z = (sd + 1) / variance.squareRoot()
        } else {
            z = 0
        }
        let p = 2 * NormalDistribution.survival(abs(z))
        let tau = sd / (0.5 * nn * (nn - 1))
        let exact = n <= 10 && !hasTies ? exactPValue(n: n, discordant: discordant) : nil
        if variance <= 0 {
            return MannKendallEstimate(
                n: n, s: sd, varianceS: variance, z: nil, pValue: nil, tau: tau, pExact: exact,
                status: .zeroVariance("all values are equal"))
        }
        return MannKendallEstimate(
            n: n, s: sd, varianceS: variance, z: z, pValue: p, tau: tau, pExact: exact, status: .ok)
    }

    /// Two-sided exact p: 2·P(inversions ≤ min(d, N − d)) under H0, from the Mahonian numbers (permutations of n by
    /// inversions), capped at 1.
    static func exactPValue(n: Int, discordant: Int) -> Double {
        let total = n * (n - 1) / 2
        let counts = n < mahonian.count ? mahonian[n] : mahonianNumbers(n)
        let c = min(discordant, total - discordant)
        let permutations = counts.reduce(0, +)
        let tail = counts[0...c].reduce(0, +) / permutations
        return min(1, 2 * tail)
    }

    /// The Mahonian numbers for n = 0...10, computed once: the exact p is asked for every short segment of every
    /// series, and rebuilding the table each time showed up in the evaluation's profile.
    static let mahonian: [[Double]] = (0...10).map(mahonianNumbers)

    /// How many permutations of n items have 0, 1, ..., n(n−1)/2 inversions.
    static func mahonianNumbers(_ n: Int) -> [Double] {
        let total = max(0, n * (n - 1) / 2)
        var counts = [Double](repeating: 0, count: total + 1)
        counts[0] = 1
        var maxInversions = 0
        for k in 2...max(2, n) where k <= n {
            var next = [Double](repeating: 0, count: total + 1)
            for inv in 0...maxInversions where counts[inv] > 0 {
                for add in 0..<k { next[inv + add] += counts[inv] }
            }
            maxInversions += k - 1
            counts = next
        }
        return counts
    }
}
