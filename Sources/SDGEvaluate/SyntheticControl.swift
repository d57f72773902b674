import SDGCore

/// One comparison area's share of the synthetic control.
package struct SyntheticWeight: Sendable, Hashable {
    package let area: String
    package let weight: Double
}

/// A synthetic control for one treated area (Abadie, Diamond & Hainmueller 2010): the comparison areas weighted
/// (non-negative, summing to one) so that the weighted path follows the treated area's before the start; after it,
/// the gap between the two paths is the estimated effect.
package struct SyntheticControlEstimate: Sendable, Hashable {
    /// Comparison areas with a weight above zero, largest first.
    package let weights: [SyntheticWeight]
    /// Mean gap (treated − synthetic) over the periods from the start on.
    package let estimate: Double?
    package let preRMSPE: Double?
    package let postRMSPE: Double?
    /// Placebo in space: the share of areas (the treated one included) whose post/pre mean squared prediction error
    /// ratio is at least the treated area's, each placebo fitted from the other comparison areas.
    package let pValue: Double?
    /// The areas of that placebo distribution (the treated one and its comparison areas).
    package let placeboAreas: Int
    /// Comparison areas without an observation in some period the treated area has, left out of the pool.
    package let leftOut: [String]
    package let status: EstimateStatus
}

/// The synthetic control method on a panel of one treated area and its comparison areas, with the pre-period values
/// of the outcome as the predictors, each period's row scaled by its standard deviation across the areas and equally
/// weighted (V = I): what pysyncon's `Synth.fit(custom_V=…)` solves, so the weights are checked against it
/// (`scripts/reference_synthetic_control.py`). The weights come from an exact active-set solution of the
/// simplex-constrained least squares (`SimplexLeastSquares`), not an iterative optimiser's tolerance.
package enum SyntheticControl {
    /// Fewer pre-period points than this leave the weights barely determined.
    package static let minimumPrePeriods = 3

    /// `placebos`: placebo fits shared with other panels of the same comparison areas (`nil`: each fitted here).
    package static func estimate(
        _ observations: [PanelObservation], start: Double, placebos: SyntheticPlacebos? = nil
    ) -> SyntheticControlEstimate {
        estimate(IndexedPanel(observations), start: start, placebos: placebos)
    }

    static func estimate(_ panel: IndexedPanel, start: Double, placebos: SyntheticPlacebos? = nil)
        -> SyntheticControlEstimate
    {
        // Each area's values in a row of the panel's periods, looked up by index: by area name and time in
        // dictionaries, the lookups of the pool's common periods and paths were a third of the method's time.
        let allTimes = panel.times
        var grid = [[Double?]](
            repeating: [Double?](repeating: nil, count: allTimes.count), count: panel.areaNames.count)
        var treatedIndex: Int?
        for i in 0..<panel.count {
            grid[panel.area[i]][panel.period[i]] = panel.value[i]
            if panel.treated[i] { treatedIndex = panel.area[i] }
        }
        let observedCount = grid.map { $0.reduce(0) { $1 == nil ? $0 : $0 + 1 } }
        let treatedArea = treatedIndex.map { panel.areaNames[$0] }
        func failed(_ status: EstimateStatus, leftOut: [String] = [], areas: Int = 0) -> SyntheticControlEstimate {
            SyntheticControlEstimate(
                weights: [], estimate: nil, preRMSPE: nil, postRMSPE: nil, pValue: nil, placeboAreas: areas,
                leftOut: leftOut, status: status)
        }
        guard let treatedArea, let treatedIndex else {
            return failed(.tooFewPoints("no treated area in the panel"))
        }
        // The periods where the treated area and every comparison area have a value; while that leaves too few, the
        // comparison area with the fewest of the treated area's periods leaves the pool (a twin city with gaps costs
        // a period or two, not its place).
        let treatedTimes = allTimes.indices.filter { grid[treatedIndex][$0] != nil }
        // Area names are sorted in the panel, so the donors are too.
        var donorRows = panel.areaNames.indices.filter { $0 != treatedIndex }
        var donors = donorRows.map { panel.areaNames[$0] }
        var leftOut: [String] = []
        var columns: [Int] = []
        while true {
            columns = treatedTimes.filter { t in donorRows.allSatisfy { grid[$0][t] != nil } }
            let enough =
                columns.filter { allTimes[$0] < start }.count >= minimumPrePeriods
                && columns.contains { allTimes[$0] >= start }
            guard !enough, donors.count > 2 else { break }
            let sparsest = donors.indices.min { x, y in
                let (na, nb) = (observedCount[donorRows[x]], observedCount[donorRows[y]])
                return na < nb || (na == nb && donors[x] > donors[y])
            }!
            leftOut.append(donors.remove(at: sparsest))
            donorRows.remove(at: sparsest)
        }
        let times = columns.map { allTimes[$0] }
        let skipped = treatedTimes.filter { !columns.contains($0) }.map { allTimes[$0] }
        let pre = times.filter { $0 < start }
        let post = times.filter { $0 >= start }
        guard pre.count >= minimumPrePeriods, !post.isEmpty else {
            return failed(
                .tooFewPoints(
                    "\(pre.count) period\(pre.count == 1 ? "" : "s") before the start and \(post.count) from it; the synthetic control needs \(minimumPrePeriods) before and 1 after"
                ), leftOut: leftOut)
        }
        guard donors.count >= 2 else {
            return failed(
                .tooFewPoints(
                    (["\(donors.count) comparison area\(donors.count == 1 ? "" : "s"); the synthetic control needs 2"]
                        + notes(leftOut, skipped)).joined(separator: "; ")), leftOut: leftOut)
        }
        let units = [treatedArea] + donors
        let paths = ([treatedIndex] + donorRows).map { row in columns.map { grid[row][$0]! } }
        guard let fit = fit(unit: 0, pool: Array(1..<units.count), paths: paths, preCount: pre.count) else {
            return failed(
                .zeroVariance("the areas' values do not vary across areas before the start"), leftOut: leftOut)
        }
        // Placebos in space: each comparison area in turn, fitted from the other comparison areas.
        func placeboRatios() -> [Double] {
            var ratios: [Double] = []
            for j in 1..<units.count {
                let pool = (1..<units.count).filter { $0 != j }
                guard let placebo = Self.fit(unit: j, pool: pool, paths: paths, preCount: pre.count),
                    !placebo.ratio.isNaN
                else { continue }
                ratios.append(placebo.ratio)
            }
            return ratios
        }
        let ratios =
            [fit.ratio]
            + (placebos?.ratios(paths: paths, preCount: pre.count, make: placeboRatios) ?? placeboRatios())
        let threshold = fit.ratio * (1 - 1e-12)
        let atLeast = ratios.filter { $0 >= threshold }.count
        let p: Double? = fit.ratio.isNaN ? nil : Double(atLeast) / Double(ratios.count)
        var weights: [SyntheticWeight] = []
        for (area, weight) in zip(donors, fit.weights) where weight > 1e-12 {
            weights.append(SyntheticWeight(area: area, weight: weight))
        }
        weights.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.area < $1.area) }
        // Abadie (2021): a synthetic control that cannot reproduce the treated path before the start says nothing
        // about after it. Poor: the fit's error exceeds the treated area's own spread before the start.
        let spread = DifferenceInDifferences.standardDeviation(Array(paths[0].prefix(pre.count)))
        var status = EstimateStatus.ok
        if fit.preRMSPE > spread {
            status = EstimateStatus(
                code: "poor_pre_fit",
                reason:
                    "the synthetic control misses the treated area's values before the start by \(fit.preRMSPE) (RMSPE), more than their own standard deviation \(spread): the comparison areas cannot reproduce its path"
            )
        }
        status = EstimateStatus(
            code: status.code,
            reason: ([status.reason] + notes(leftOut, skipped)).filter { !$0.isEmpty }.joined(separator: "; "))
        return SyntheticControlEstimate(
            weights: weights, estimate: fit.gap, preRMSPE: fit.preRMSPE, postRMSPE: fit.postRMSPE, pValue: p,
            placeboAreas: ratios.count, leftOut: leftOut, status: status)
    }

    /// What the panel lost to gaps, for the row's reason.
    static func notes(_ leftOut: [String], _ skipped: [Double]) -> [String] {
        var notes: [String] = []
        if !leftOut.isEmpty {
            notes.append("left out of the comparison pool for gaps in their data: \(leftOut.joined(separator: ", "))")
        }
        if !skipped.isEmpty {
            let labels = skipped.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }
            notes.append("periods without every comparison area's value, not fitted: \(labels.joined(separator: ", "))")
        }
        return notes
    }

    struct Fit {
        let weights: [Double]
        let preRMSPE: Double
        let postRMSPE: Double
        let gap: Double
        /// Post-period over pre-period mean squared prediction error (infinite for a perfect pre-period fit).
        var ratio: Double { postRMSPE * postRMSPE / (preRMSPE * preRMSPE) }
    }

    /// The synthetic control of `paths[unit]` from `paths[pool]`; the first `preCount` periods are fitted.
    static func fit(unit: Int, pool: [Int], paths: [[Double]], preCount: Int) -> Fit? {
        let members = [unit] + pool
        var a: [[Double]] = []  // rows: pre-periods; columns: pool
        var b: [Double] = []
        for t in 0..<preCount {
            let sd = DifferenceInDifferences.standardDeviation(members.map { paths[$0][t] })
            guard sd > 0 else { continue }  // a period where every area has the same value tells nothing apart
            a.append(pool.map { paths[$0][t] / sd })
            b.append(paths[unit][t] / sd)
        }
        guard !a.isEmpty else { return nil }
        let w = SimplexLeastSquares.solve(a, b)
        let periods = paths[unit].count
        var preSquares = 0.0
        var postSquares = 0.0
        var postSum = 0.0
        for t in 0..<periods {
            var synthetic = 0.0
            for (k, j) in pool.enumerated() { synthetic += w[k] * paths[j][t] }
            let gap = paths[unit][t] - synthetic
            if t < preCount {
                preSquares += gap * gap
            } else {
                postSquares += gap * gap
                postSum += gap
            }
        }
        let postCount = Double(periods - preCount)
        return Fit(
            weights: w, preRMSPE: (preSquares / Double(preCount)).squareRoot(),
            postRMSPE: (postSquares / postCount).squareRoot(), gap: postSum / postCount)
    }
}
