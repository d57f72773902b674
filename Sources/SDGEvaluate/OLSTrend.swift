/// A straight-line trend fitted by ordinary least squares on real time (statsmodels `OLS(y, add_constant(t))`).
package struct TrendEstimate: Sendable, Hashable {
    package var n: Int
    /// Change per year.
    package var slope: Double?
    /// The fitted value at time 0 (year 0), as statsmodels reports it.
    package var intercept: Double?
    package var standardError: Double?
    package var t: Double?
    package var pValue: Double?
    package var ciLow: Double?
    package var ciHigh: Double?
    package var rSquared: Double?
    package var status: EstimateStatus
}

package enum OLSTrend {
    /// Needs three points at two distinct times or more; the slope's CI uses Student t with n − 2 df.
    package static func estimate(_ points: [TimePoint], confidence: Double = 0.95) -> TrendEstimate {
        let n = points.count
        func undefined(_ status: EstimateStatus, slope: Double? = nil, intercept: Double? = nil) -> TrendEstimate {
            TrendEstimate(
                n: n, slope: slope, intercept: intercept, standardError: nil, t: nil, pValue: nil, ciLow: nil,
                ciHigh: nil, rSquared: nil, status: status)
        }
        guard n >= 3 else {
            return undefined(.tooFewPoints("a trend with a standard error needs at least 3 points; found \(n)"))
        }
        let meanT = points.reduce(0) { $0 + $1.time } / Double(n)
        let meanY = points.reduce(0) { $0 + $1.value } / Double(n)
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for p in points {
            let dt = p.time - meanT
            let dy = p.value - meanY
            sxx += dt * dt
            sxy += dt * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return undefined(.zeroVariance("all points are at the same time")) }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanT
        var sse = 0.0
        for p in points {
            let e = p.value - (intercept + slope * p.time)
            sse += e * e
        }
        let df = Double(n - 2)
        let se = (sse / df / sxx).squareRoot()
        let r2 = syy > 0 ? 1 - sse / syy : nil
        guard se > 0 else {
            return TrendEstimate(
                n: n, slope: slope, intercept: intercept, standardError: 0, t: nil, pValue: nil,
                ciLow: slope, ciHigh: slope, rSquared: r2,
                status: .zeroVariance("the points lie exactly on a line, so the slope has no sampling error"))
        }
        let t = slope / se
        let dist = StudentT(degreesOfFreedom: df)
        let q = dist.quantile(0.5 + confidence / 2)
        return TrendEstimate(
            n: n, slope: slope, intercept: intercept, standardError: se, t: t,
            pValue: dist.twoSidedPValue(t), ciLow: slope - q * se, ciHigh: slope + q * se, rSquared: r2, status: .ok)
    }
}
