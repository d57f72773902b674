import SDGSystem

/// Interrupted time series by segmented regression (Wagner et al. 2002):
/// y = b0 + b1·(t − t_first) + b2·post + b3·(t − T)·post, with post = t ≥ T. The level change is b2, the slope
/// change b3. Classical SEs with Student t (n − 4 df), Durbin–Watson, and Newey–West HAC SEs (Bartlett kernel, no
/// small-sample correction, as statsmodels `cov_type="HAC"`), with the lag given or floor(4(n/100)^(2/9)).
package struct InterruptedTimeSeriesEstimate: Sendable, Hashable {
    package var n: Int
    package var levelChange: Double?
    package var slopeChange: Double?
    package var preSlope: Double?
    package var postSlope: Double?
    package var levelSE: Double?
    package var slopeSE: Double?
    package var levelP: Double?
    package var slopeP: Double?
    package var rSquared: Double?
    package var durbinWatson: Double?
    package var hacLags: Int?
    package var hacLevelSE: Double?
    package var hacSlopeSE: Double?
    package var status: EstimateStatus
}

package enum SegmentedRegression {
    /// Points in time order. Needs 2 points before the start, 2 from it, and 6 in all (2 residual df).
    package static func estimate(_ points: [TimePoint], start: Double, hacLags: Int? = nil)
        -> InterruptedTimeSeriesEstimate
    {
        let n = points.count
        let pre = points.filter { $0.time < start }.count
        func undefined(_ status: EstimateStatus) -> InterruptedTimeSeriesEstimate {
            InterruptedTimeSeriesEstimate(
                n: n, levelChange: nil, slopeChange: nil, preSlope: nil, postSlope: nil,
                levelSE: nil, slopeSE: nil, levelP: nil, slopeP: nil, rSquared: nil, durbinWatson: nil, hacLags: nil,
                hacLevelSE: nil, hacSlopeSE: nil, status: status)
        }
        guard pre >= 2, n - pre >= 2, n >= 6 else {
            return undefined(
                .tooFewPoints(
                    "a segmented regression needs 2 points before the start, 2 from it and 6 in all; found \(pre) before and \(n - pre) from it"
                ))
        }
        let first = points[0].time
        var design: [Double] = []
        design.reserveCapacity(n * 4)
        for p in points {
            let post = p.time >= start ? 1.0 : 0.0
            design += [1, p.time - first, post, (p.time - start) * post]
        }
        let y = points.map(\.value)
        guard let fit = LeastSquaresFit(design: design, columns: 4, response: y) else {
            return undefined(
                .collinear("the periods do not separate level and slope (too few distinct times on a side)"))
        }
        let se = fit.classicalStandardErrors()
        let df = Double(fit.residualDegreesOfFreedom)
        let dist = StudentT(degreesOfFreedom: df)
        let meanY = y.reduce(0, +) / Double(n)
        let sst = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
        let sse = fit.residualSumOfSquares
        var dwNumerator = 0.0
        for i in 1..<n {
            dwNumerator += (fit.residuals[i] - fit.residuals[i - 1]) * (fit.residuals[i] - fit.residuals[i - 1])
        }
        let lags = hacLags ?? Int((4 * pow(Double(n) / 100, 2.0 / 9)).rounded(.down))
        let hac = neweyWest(fit: fit, design: design, lags: lags)
        let b = fit.coefficients
        let zeroResidual = sse <= 1e-24 * max(sst, 1)
        return InterruptedTimeSeriesEstimate(
            n: n, levelChange: b[2], slopeChange: b[3], preSlope: b[1], postSlope: b[1] + b[3],
            levelSE: se[2], slopeSE: se[3],
            levelP: zeroResidual ? nil : dist.twoSidedPValue(b[2] / se[2]),
            slopeP: zeroResidual ? nil : dist.twoSidedPValue(b[3] / se[3]),
            rSquared: sst > 0 ? 1 - sse / sst : nil, durbinWatson: sse > 0 ? dwNumerator / sse : nil,
            hacLags: lags, hacLevelSE: hac[2], hacSlopeSE: hac[3],
            status: zeroResidual ? .zeroVariance("the segments fit the points exactly; standard errors are zero") : .ok)
    }

    /// Newey–West (1987) HAC standard errors with Bartlett weights 1 − l/(L+1).
    static func neweyWest(fit: LeastSquaresFit, design: [Double], lags: Int) -> [Double] {
        let p = fit.parameters
        let n = fit.observations
        var meat = [Double](repeating: 0, count: p * p)
        let e = fit.residuals
        for lag in 0...max(0, min(lags, n - 1)) {
            let weight = lag == 0 ? 1 : 1 - Double(lag) / Double(lags + 1)
            for t in lag..<n {
                for i in 0..<p {
                    let xi = design[t * p + i] * e[t]
                    for j in 0..<p {
                        let xj = design[(t - lag) * p + j] * e[t - lag]
                        meat[i * p + j] += weight * xi * xj
                        if lag > 0 { meat[j * p + i] += weight * xi * xj }
                    }
                }
            }
        }
        let covariance = fit.sandwich(meat)
        return (0..<p).map { covariance[$0 * p + $0].squareRoot() }
    }
}
