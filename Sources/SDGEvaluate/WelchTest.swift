import SDGSystem

/// The before-and-after comparison around an action's start: means, difference, relative change, the t-test with its
/// 95% confidence interval of the difference, and the standardized effect sizes Cohen's d and Hedges' g.
package struct BeforeAfterEstimate: Sendable, Hashable {
    package var nBefore: Int
    package var nAfter: Int
    package var meanBefore: Double?
    package var meanAfter: Double?
    /// mean after − mean before.
    package var difference: Double?
    /// difference / |mean before|; `nil` when the mean before is zero.
    package var relativeChange: Double?
    package var t: Double?
    /// Welch–Satterthwaite degrees of freedom (fractional), or n₁ + n₂ − 2 for Student's test.
    package var degreesOfFreedom: Double?
    /// Two-sided p-value of the t statistic.
    package var pValue: Double?
    package var ciLow: Double?
    package var ciHigh: Double?
    /// Difference over the pooled standard deviation (n − 1 denominators).
    package var cohenD: Double?
    /// Cohen's d times the exact small-sample correction J = Γ(m/2) / (√(m/2)·Γ((m−1)/2)), m = n₁ + n₂ − 2
    /// (Hedges 1981).
    package var hedgesG: Double?
    package var status: EstimateStatus
}

/// Welch's unequal-variances t-test (Welch 1947), as `scipy.stats.ttest_ind(after, before, equal_var=False)`;
/// Student's pooled-variance test with `pooledVariance: true`.
package enum WelchTest {
    /// Compares the values after (periods ≥ start) with those before. Needs at least two values on each side and
    /// some variance; otherwise the means are still reported and the status says why the test is undefined.
    package static func estimate(
        before: [Double], after: [Double], pooledVariance: Bool = false, confidence: Double = 0.95
    ) -> BeforeAfterEstimate {
        let n1 = before.count
        let n2 = after.count
        let m1 = mean(before)
        let m2 = mean(after)
        let difference = m1.flatMap { a in m2.map { $0 - a } }
        let relative = difference.flatMap { d in m1.flatMap { $0 == 0 ? nil : d / abs($0) } }
        func partial(_ status: EstimateStatus, d: Double? = nil, g: Double? = nil) -> BeforeAfterEstimate {
            BeforeAfterEstimate(
                nBefore: n1, nAfter: n2, meanBefore: m1, meanAfter: m2, difference: difference,
                relativeChange: relative, t: nil, degreesOfFreedom: nil, pValue: nil, ciLow: nil, ciHigh: nil,
                cohenD: d, hedgesG: g, status: status)
        }
        guard n1 >= 2, n2 >= 2, let m1, let m2, let difference else {
            return partial(
                .tooFewPoints(
                    "the t-test needs at least 2 values before and 2 after the start; found \(n1) before and \(n2) after"
                ))
        }
        let s1 = variance(before, mean: m1)
        let s2 = variance(after, mean: m2)
        let m = Double(n1 + n2 - 2)
        let pooled = ((Double(n1 - 1) * s1 + Double(n2 - 1) * s2) / m)
        var d: Double?
        var g: Double?
        if pooled > 0 {
            d = difference / pooled.squareRoot()
            let j = exp(lgamma(m / 2) - lgamma((m - 1) / 2)) / (m / 2).squareRoot()
            g = d.map { $0 * j }
        }
        let se2: Double
        let df: Double
        if pooledVariance {
            se2 = pooled * (1 / Double(n1) + 1 / Double(n2))
            df = m
        } else {
            let v1 = s1 / Double(n1)
            let v2 = s2 / Double(n2)
            se2 = v1 + v2
            df = se2 * se2 / (v1 * v1 / Double(n1 - 1) + v2 * v2 / Double(n2 - 1))
        }
        guard se2 > 0 else {
            return partial(
                .zeroVariance("the values before and after are each constant, so the t statistic is undefined"))
        }
        let se = se2.squareRoot()
        let t = difference / se
        let dist = StudentT(degreesOfFreedom: df)
        let q = dist.quantile(0.5 + confidence / 2)
        return BeforeAfterEstimate(
            nBefore: n1, nAfter: n2, meanBefore: m1, meanAfter: m2, difference: difference, relativeChange: relative,
            t: t, degreesOfFreedom: df, pValue: dist.twoSidedPValue(t), ciLow: difference - q * se,
            ciHigh: difference + q * se, cohenD: d, hedgesG: g, status: .ok)
    }

    static func mean(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        // Two-pass: the correction term removes most of the rounding error of the naive sum.
        let m = xs.reduce(0, +) / Double(xs.count)
        return m + xs.reduce(0) { $0 + ($1 - m) } / Double(xs.count)
    }

    /// Sample variance (n − 1 denominator), corrected two-pass algorithm.
    static func variance(_ xs: [Double], mean m: Double) -> Double {
        var ss = 0.0
        var comp = 0.0
        for x in xs {
            let d = x - m
            ss += d * d
            comp += d
        }
        return (ss - comp * comp / Double(xs.count)) / Double(xs.count - 1)
    }
}
