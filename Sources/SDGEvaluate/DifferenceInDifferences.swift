/// Difference-in-differences of a treated area against comparison areas around an action's start.
///
/// Two estimates side by side: the 2×2 of cell means (treated/comparison × before/after), and two-way fixed effects
/// y = α_area + γ_period + δ·treated·post with area-clustered standard errors (CR1: G/(G−1)·(N−1)/(N−K)) and Student
/// t with G − 1 df, as statsmodels `cov_type="cluster"` with `use_t=True`. Balanced or unbalanced panels. A placebo
/// repeats the fixed-effects estimate on the periods before the start with a false start halfway through them: a
/// placebo far from zero says the areas were not on parallel trends before the action.
///
/// Two guardrails keep a degenerate panel from printing a confident p-value. An area without observations both before
/// and after the start leaves the panel (`leftOut`, named in the status's reason), so that the 2×2 and the fixed
/// effects use the same areas: such an area adds no within-area contrast, but kept in the fixed effects it made the
/// clustered sandwich collapse (SE 3e-8 and p 3e-17 with one treated city and G = 3, where statsmodels gives NaN).
/// And a clustered SE that is zero, not finite, or below 1e-8 of the estimate's scale (the larger of |estimate| and
/// the standard deviation of the values) is `se_degenerate`, with no p-value. With 2 to 9 areas the estimate keeps
/// its CR1 p-value but is `few_clusters`: that p-value is known to be too small with so few clusters.
package struct DiDEstimate: Sendable, Hashable {
    package let estimate2x2: Double?
    package let estimateTWFE: Double?
    package let seClustered: Double?
    package let pValue: Double?
    /// Exact placebo-in-space p-value (rank / G) when one area is treated (`RandomizationInference`).
    package var pRandomization: Double? = nil
    /// Restricted wild cluster bootstrap-t p-value, Webb weights (`WildClusterBootstrap`).
    package var pWildBootstrap: Double? = nil
    package let clusters: Int
    package let placeboEstimate: Double?
    package let placeboStart: Double?
    package let status: EstimateStatus
    /// Areas left out of the panel: no observations both before and after the start.
    package var leftOut: [String] = []
}

package struct PanelObservation: Sendable, Hashable {
    package let area: String
    package let time: Double
    package let value: Double
    package let treated: Bool

    package init(area: String, time: Double, value: Double, treated: Bool) {
        self.area = area
        self.time = time
        self.value = value
        self.treated = treated
    }
}

extension DiDEstimate {
    func with(_ status: EstimateStatus) -> DiDEstimate {
        var copy = DiDEstimate(
            estimate2x2: estimate2x2, estimateTWFE: estimateTWFE, seClustered: seClustered, pValue: pValue,
            clusters: clusters, placeboEstimate: placeboEstimate, placeboStart: placeboStart, status: status)
        copy.leftOut = leftOut
        copy.pRandomization = pRandomization
        copy.pWildBootstrap = pWildBootstrap
        return copy
    }
}

/// A panel with its areas and periods numbered once: the estimate, its placebo and the fixed effects each grouped the
/// rows by area name and time again, and hashing the names was a twentieth of a national run's samples (`perf`).
struct IndexedPanel {
    /// Area names sorted, each row's area index into them.
    var areaNames: [String]
    var area: [Int]
    /// Distinct times sorted, each row's period index into them.
    var times: [Double]
    var period: [Int]
    var value: [Double]
    var treated: [Bool]
    var count: Int { value.count }

    /// Rows come area by area, so an area's name is looked up once per run of its rows, and a period is found by
    /// binary search among the sorted times: hashing every row's area and time was a fiftieth of a national run's
    /// samples (`perf`).
    init(_ panel: [PanelObservation]) {
        var names: [String: Int] = [:]
        var firstSeen = [Int](repeating: 0, count: panel.count)
        var last: (name: String, number: Int)?
        for (i, o) in panel.enumerated() {
            if let last, last.name == o.area {
                firstSeen[i] = last.number
                continue
            }
            let number = names[o.area] ?? names.count
            if number == names.count { names[o.area] = number }
            firstSeen[i] = number
            last = (o.area, number)
        }
        let sortedNames = names.keys.sorted()
        var rank = [Int](repeating: 0, count: names.count)
        for (r, name) in sortedNames.enumerated() { rank[names[name]!] = r }
        areaNames = sortedNames
        area = firstSeen.map { rank[$0] }
        var sortedTimes = panel.map(\.time)
        sortedTimes.sort()
        var distinct: [Double] = []
        for t in sortedTimes where distinct.last != t { distinct.append(t) }
        times = distinct
        period = panel.map { o in
            var (low, high) = (0, distinct.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if distinct[middle] < o.time { low = middle + 1 } else { high = middle }
            }
            return low
        }
        value = panel.map(\.value)
        treated = panel.map(\.treated)
    }

    /// The rows `keep` says, areas and periods without a row left out and renumbered in order.
    func filtered(_ keep: (Int) -> Bool) -> IndexedPanel {
        var copy = self
        let rows = (0..<count).filter(keep)
        var areaUsed = [Bool](repeating: false, count: areaNames.count)
        var periodUsed = [Bool](repeating: false, count: times.count)
        for i in rows {
            areaUsed[area[i]] = true
            periodUsed[period[i]] = true
        }
        var areaNumber = [Int](repeating: -1, count: areaNames.count)
        var periodNumber = [Int](repeating: -1, count: times.count)
        copy.areaNames = []
        copy.times = []
        for a in areaNames.indices where areaUsed[a] {
            areaNumber[a] = copy.areaNames.count
            copy.areaNames.append(areaNames[a])
        }
        for s in times.indices where periodUsed[s] {
            periodNumber[s] = copy.times.count
            copy.times.append(times[s])
        }
        copy.area = rows.map { areaNumber[area[$0]] }
        copy.period = rows.map { periodNumber[period[$0]] }
        copy.value = rows.map { value[$0] }
        copy.treated = rows.map { treated[$0] }
        return copy
    }

    func isAfter(_ i: Int, _ start: Double) -> Bool { times[period[i]] >= start }
}

package enum DifferenceInDifferences {
    package static func estimate(_ observations: [PanelObservation], start: Double) -> DiDEstimate {
        estimate(IndexedPanel(observations), start: start)
    }

    static func estimate(_ panel: IndexedPanel, start: Double) -> DiDEstimate {
        var before = [Bool](repeating: false, count: panel.areaNames.count)
        var after = before
        for i in 0..<panel.count {
            if panel.isAfter(i, start) { after[panel.area[i]] = true } else { before[panel.area[i]] = true }
        }
        let leftOut = panel.areaNames.indices.filter { !(before[$0] && after[$0]) }.map { panel.areaNames[$0] }
        let kept = leftOut.isEmpty ? panel : panel.filtered { before[panel.area[$0]] && after[panel.area[$0]] }
        let note =
            leftOut.isEmpty
            ? ""
            : "left out of the panel, no observations both before and after the start: "
                + leftOut.joined(separator: ", ")
        func joined(_ reason: String) -> String { [reason, note].filter { !$0.isEmpty }.joined(separator: "; ") }
        var result = estimateOnPanel(kept, start: start)
        result.leftOut = leftOut
        if !note.isEmpty {
            result = result.with(EstimateStatus(code: result.status.code, reason: joined(result.status.reason)))
        }
        return result
    }

    static func estimateOnPanel(_ panel: IndexedPanel, start: Double) -> DiDEstimate {
        let areas = panel.areaNames.count
        let twoByTwo = cellMeans(panel, start: start)
        guard let twoByTwo else {
            return DiDEstimate(
                estimate2x2: nil, estimateTWFE: nil, seClustered: nil, pValue: nil, clusters: areas,
                placeboEstimate: nil, placeboStart: nil,
                status: .tooFewPoints(
                    "difference-in-differences needs treated and comparison values both before and after the start"))
        }
        let twfe = fixedEffects(panel, start: start, randomization: true)
        // Placebo: only the periods before the start, with a false start at the middle of them.
        let preTimes = panel.times.filter { $0 < start }
        var placebo: Double?
        var placeboStart: Double?
        if preTimes.count >= 4 {
            let fake = preTimes[preTimes.count / 2]
            let prePanel = panel.filtered { !panel.isAfter($0, start) }
            if cellMeans(prePanel, start: fake) != nil {
                placebo = fixedEffects(prePanel, start: fake)?.estimate
                placeboStart = fake
            }
        }
        guard let twfe else {
            return DiDEstimate(
                estimate2x2: twoByTwo, estimateTWFE: nil, seClustered: nil, pValue: nil,
                clusters: areas, placeboEstimate: placebo, placeboStart: placeboStart,
                status: .collinear("area and period effects absorb the treatment indicator"))
        }
        let scale = max(abs(twfe.estimate), standardDeviation(panel.value))
        let se = twfe.se
        var status = EstimateStatus.ok
        var p = twfe.p
        if areas < 2 || se == nil {
            status = EstimateStatus(code: "too_few_clusters", reason: "clustered standard errors need at least 2 areas")
            p = nil
        } else if let se, !se.isFinite || se <= 1e-8 * scale || se == 0 {
            status = EstimateStatus(
                code: "se_degenerate",
                reason:
                    "the clustered standard error (\(se)) is degenerate next to the estimate's scale (\(scale)) with \(areas) areas: no p-value"
            )
            p = nil
        } else if areas < fewClusters {
            status = EstimateStatus(
                code: "few_clusters",
                reason:
                    "\(areas) areas: below \(fewClusters) clusters the clustered standard error and its p-value are unreliable (Cameron & Miller 2015); read the estimate and the placebo, not the p-value"
            )
        }
        var result = DiDEstimate(
            estimate2x2: twoByTwo, estimateTWFE: twfe.estimate, seClustered: se.flatMap { $0.isFinite ? $0 : nil },
            pValue: p, clusters: areas, placeboEstimate: placebo, placeboStart: placeboStart, status: status)
        result.pRandomization = twfe.pRandomization
        result.pWildBootstrap = twfe.pWildBootstrap
        return result
    }

    /// Below this many areas (clusters) CR1 standard errors over-reject badly: Cameron & Miller (2015, §VI) and
    /// MacKinnon & Webb (2017) put the threshold at about ten, fewer still when only one area is treated.
    package static let fewClusters = 10

    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    static func cellMeans(_ panel: IndexedPanel, start: Double) -> Double? {
        var sums = [Double](repeating: 0, count: 4)
        var counts = [Int](repeating: 0, count: 4)
        for i in 0..<panel.count {
            let cell = (panel.treated[i] ? 2 : 0) + (panel.isAfter(i, start) ? 1 : 0)
            sums[cell] += panel.value[i]
            counts[cell] += 1
        }
        guard counts.allSatisfy({ $0 > 0 }) else { return nil }
        let m = (0..<4).map { sums[$0] / Double(counts[$0]) }
        return (m[3] - m[2]) - (m[1] - m[0])
    }

    /// The two-way fixed-effects estimate by FWL (`FixedEffectsFit`): the same coefficient, residuals and CR1
    /// entry as the dummy regression, without its 40-odd columns.
    static func fixedEffects(_ panel: IndexedPanel, start: Double, randomization: Bool = false) -> (
        estimate: Double, se: Double?, p: Double?, pRandomization: Double?, pWildBootstrap: Double?
    )? {
        let post = (0..<panel.count).map { panel.isAfter($0, start) }
        guard
            let fit = FixedEffectsFit(
                area: panel.area, period: panel.period, post: post,
                treated: post.indices.map { panel.treated[$0] && post[$0] }, areas: panel.areaNames.count,
                periods: panel.times.count, values: panel.value)
        else { return nil }
        let g = panel.areaNames.count
        let (n, k) = (panel.count, fit.parameters)
        guard g >= 2 else { return (fit.estimate, nil, nil, nil, nil) }
        let correction = Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k)
        let se = (correction * fit.clusteredVariance).squareRoot()
        let estimate = fit.estimate
        let p = se > 0 ? StudentT(degreesOfFreedom: Double(g - 1)).twoSidedPValue(estimate / se) : nil
        var pRandomization: Double?
        var pWildBootstrap: Double?
        var treatedAreas = Set<Int>()
        for i in 0..<panel.count where panel.treated[i] { treatedAreas.insert(panel.area[i]) }
        if randomization, treatedAreas.count == 1 {
            pRandomization = RandomizationInference.pValue(fit)
            pWildBootstrap = WildClusterBootstrap.pValue(fit)?.p
        }
        return (estimate, se, p, pRandomization, pWildBootstrap)
    }
}
