/// Difference-in-differences of a treated area against comparison areas around an action's start.
///
/// Two estimates side by side: the 2×2 of cell means (treated/comparison × before/after), and two-way fixed effects
/// y = α_area + γ_period + δ·treated·post with area-clustered standard errors (CR1: G/(G−1)·(N−1)/(N−K)) and Student
/// t with G − 1 df, as statsmodels `cov_type="cluster"` with `use_t=True`. Balanced or unbalanced panels. A placebo
/// repeats the fixed-effects estimate on the periods before the start with a false start halfway through them: a
/// placebo far from zero says the areas were not on parallel trends before the action.
public struct DiDEstimate: Sendable, Hashable {
    public let estimate2x2: Double?
    public let estimateTWFE: Double?
    public let seClustered: Double?
    public let pValue: Double?
    public let clusters: Int
    public let placeboEstimate: Double?
    public let placeboStart: Double?
    public let status: EstimateStatus
}

public struct PanelObservation: Sendable, Hashable {
    public let area: String
    public let time: Double
    public let value: Double
    public let treated: Bool

    public init(area: String, time: Double, value: Double, treated: Bool) {
        self.area = area
        self.time = time
        self.value = value
        self.treated = treated
    }
}

public enum DifferenceInDifferences {
    public static func estimate(_ panel: [PanelObservation], start: Double) -> DiDEstimate {
        let areas = Array(Set(panel.map(\.area))).sorted()
        let twoByTwo = cellMeans(panel, start: start)
        guard let twoByTwo else {
            return DiDEstimate(
                estimate2x2: nil, estimateTWFE: nil, seClustered: nil, pValue: nil, clusters: areas.count,
                placeboEstimate: nil, placeboStart: nil,
                status: .tooFewPoints(
                    "difference-in-differences needs treated and comparison values both before and after the start"))
        }
        let twfe = fixedEffects(panel, start: start)
        // Placebo: only the periods before the start, with a false start at the middle of them.
        let preTimes = Array(Set(panel.filter { $0.time < start }.map(\.time))).sorted()
        var placebo: Double?
        var placeboStart: Double?
        if preTimes.count >= 4 {
            let fake = preTimes[preTimes.count / 2]
            let prePanel = panel.filter { $0.time < start }
            if cellMeans(prePanel, start: fake) != nil {
                placebo = fixedEffects(prePanel, start: fake)?.estimate
                placeboStart = fake
            }
        }
        guard let twfe else {
            return DiDEstimate(
                estimate2x2: twoByTwo, estimateTWFE: nil, seClustered: nil, pValue: nil,
                clusters: areas.count, placeboEstimate: placebo, placeboStart: placeboStart,
                status: .collinear("area and period effects absorb the treatment indicator"))
        }
        let status: EstimateStatus =
            areas.count < 2 || twfe.se == nil
            ? EstimateStatus(code: "too_few_clusters", reason: "clustered standard errors need at least 2 areas")
            : .ok
        return DiDEstimate(
            estimate2x2: twoByTwo, estimateTWFE: twfe.estimate, seClustered: twfe.se, pValue: twfe.p,
            clusters: areas.count, placeboEstimate: placebo, placeboStart: placeboStart, status: status)
    }

    static func cellMeans(_ panel: [PanelObservation], start: Double) -> Double? {
        var sums = [Double](repeating: 0, count: 4)
        var counts = [Int](repeating: 0, count: 4)
        for o in panel {
            let cell = (o.treated ? 2 : 0) + (o.time >= start ? 1 : 0)
            sums[cell] += o.value
            counts[cell] += 1
        }
        guard counts.allSatisfy({ $0 > 0 }) else { return nil }
        let m = (0..<4).map { sums[$0] / Double(counts[$0]) }
        return (m[3] - m[2]) - (m[1] - m[0])
    }

    static func fixedEffects(_ panel: [PanelObservation], start: Double) -> (estimate: Double, se: Double?, p: Double?)?
    {
        let areas = Array(Set(panel.map(\.area))).sorted()
        let times = Array(Set(panel.map(\.time))).sorted()
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        let timeIndex = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
        let k = 1 + (areas.count - 1) + (times.count - 1) + 1
        let n = panel.count
        guard n > k else { return nil }
        var design = [Double](repeating: 0, count: n * k)
        for (row, o) in panel.enumerated() {
            design[row * k] = 1
            if let a = areaIndex[o.area], a > 0 { design[row * k + a] = 1 }
            if let t = timeIndex[o.time], t > 0 { design[row * k + areas.count - 1 + t] = 1 }
            design[row * k + k - 1] = o.treated && o.time >= start ? 1 : 0
        }
        guard let fit = LeastSquaresFit(design: design, columns: k, response: panel.map(\.value)) else { return nil }
        let g = areas.count
        guard g >= 2 else { return (fit.coefficients[k - 1], nil, nil) }
        // CR1 meat: Σ_g (X_gᵀ e_g)(X_gᵀ e_g)ᵀ
        var scores = [[Double]](repeating: [Double](repeating: 0, count: k), count: g)
        for (row, o) in panel.enumerated() {
            let a = areaIndex[o.area]!
            for j in 0..<k { scores[a][j] += design[row * k + j] * fit.residuals[row] }
        }
        var meat = [Double](repeating: 0, count: k * k)
        for s in scores { for i in 0..<k where s[i] != 0 { for j in 0..<k { meat[i * k + j] += s[i] * s[j] } } }
        let correction = Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k)
        let covariance = fit.sandwich(meat)
        let se = (correction * covariance[(k - 1) * k + (k - 1)]).squareRoot()
        let estimate = fit.coefficients[k - 1]
        let p = se > 0 ? StudentT(degreesOfFreedom: Double(g - 1)).twoSidedPValue(estimate / se) : nil
        return (estimate, se, p)
    }
}
