/// The before-and-after comparison around an action's start: means, difference, relative change and Welch's t-test.
public struct BeforeAfterEstimate: Sendable, Hashable {
    public let nBefore: Int
    public let nAfter: Int
    public let meanBefore: Double?
    public let meanAfter: Double?
    /// mean after − mean before.
    public let difference: Double?
    /// difference / |mean before|; `nil` when the mean before is zero.
    public let relativeChange: Double?
    public let t: Double?
    /// Welch–Satterthwaite degrees of freedom (fractional).
    public let degreesOfFreedom: Double?
    /// Two-sided p-value of the t statistic.
    public let pValue: Double?
    public let status: EstimateStatus
}

/// Welch's unequal-variances t-test (Welch 1947), as `scipy.stats.ttest_ind(after, before, equal_var=False)`.
public enum WelchTest {
    /// Compares the values after (periods ≥ start) with those before. Needs at least two values on each side and
    /// some variance; otherwise the means are still reported and the status says why the test is undefined.
    public static func estimate(before: [Double], after: [Double]) -> BeforeAfterEstimate {
        let n1 = before.count, n2 = after.count
        let m1 = mean(before), m2 = mean(after)
        let difference = m1.flatMap { a in m2.map { $0 - a } }
        let relative = difference.flatMap { d in m1.flatMap { $0 == 0 ? nil : d / abs($0) } }
        func partial(_ status: EstimateStatus) -> BeforeAfterEstimate {
            BeforeAfterEstimate(
                nBefore: n1, nAfter: n2, meanBefore: m1, meanAfter: m2, difference: difference,
                relativeChange: relative, t: nil, degreesOfFreedom: nil, pValue: nil, status: status)
        }
        guard n1 >= 2, n2 >= 2, let m1, let m2, let difference else {
            return partial(.tooFewPoints("Welch's test needs at least 2 values before and 2 after the start; found \(n1) before and \(n2) after"))
        }
        let v1 = variance(before, mean: m1) / Double(n1)
        let v2 = variance(after, mean: m2) / Double(n2)
        let se2 = v1 + v2
        guard se2 > 0 else {
            return partial(.zeroVariance("the values before and after are each constant, so the t statistic is undefined"))
        }
        let t = difference / se2.squareRoot()
        let df = se2 * se2 / (v1 * v1 / Double(n1 - 1) + v2 * v2 / Double(n2 - 1))
        let p = StudentT(degreesOfFreedom: df).twoSidedPValue(t)
        return BeforeAfterEstimate(
            nBefore: n1, nAfter: n2, meanBefore: m1, meanAfter: m2, difference: difference, relativeChange: relative,
            t: t, degreesOfFreedom: df, pValue: p, status: .ok)
    }

    static func mean(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        // Two-pass: the correction term removes most of the rounding error of the naive sum.
        let m = xs.reduce(0, +) / Double(xs.count)
        return m + xs.reduce(0) { $0 + ($1 - m) } / Double(xs.count)
    }

    /// Sample variance (n − 1 denominator), corrected two-pass algorithm.
    static func variance(_ xs: [Double], mean m: Double) -> Double {
        var ss = 0.0, comp = 0.0
        for x in xs {
            let d = x - m
            ss += d * d
            comp += d
        }
        return (ss - comp * comp / Double(xs.count)) / Double(xs.count - 1)
    }
}
