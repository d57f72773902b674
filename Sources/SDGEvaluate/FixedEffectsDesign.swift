/// The area and period effects of a difference-in-differences panel, swept out rather than estimated
/// (Frisch–Waugh–Lovell): `residualized(v)` is M v, the residual of v on a constant, area dummies and period dummies,
/// what a least-squares fit on those columns would leave.
///
/// Why: carried as dummy columns, a panel of 21 areas × 20 periods is a least-squares problem of 420 rows × 41
/// columns, fitted by Householder QR twice a panel (the estimate and its placebo); at 118,800 panels that was the
/// largest cost of a national run (`perf`: 27% of all samples). Swept out, the area means are taken first (M_D), and
/// the period effects then solve a system of the periods only, (T − 1)², whose matrix Pᵀ M_D P is built from the
/// counts of each area's periods: exact for unbalanced panels too, where double demeaning is not. A residual costs
/// O(n + T²). The coefficient of the treatment, its residuals and the CR1 sandwich's entry for it are those of the
/// dummy regression (FWL), which stays the reference: statsmodels `value ~ C(area) + C(time) + d`.
struct FixedEffectsDesign {
    /// Row i's area and period index (0-based).
    let area: [Int]
    let period: [Int]
    let post: [Bool]
    let areas: Int
    let periods: Int
    /// The dummy regression's parameters without the treatment: constant, areas − 1, periods − 1 (CR1's K is one
    /// more).
    var effectColumns: Int { areas + periods - 1 }

    /// The counts by area and period, the factor of the period effects' system and the placebos' denominators,
    /// shared with the other panels of this layout.
    let layout: FixedEffectsLayout

    /// `nil` when the period effects are collinear once the area means are taken (a period observed only where it
    /// cannot be told from its area).
    init?(area: [Int], period: [Int], post: [Bool], areas: Int, periods: Int) {
        self.area = area
        self.period = period
        self.post = post
        self.areas = areas
        self.periods = periods
        var size = [Double](repeating: 0, count: areas)
        var cells = [Double](repeating: 0, count: areas * periods)
        for i in area.indices {
            size[area[i]] += 1
            cells[area[i] * periods + period[i]] += 1
        }
        guard size.allSatisfy({ $0 > 0 }) else { return nil }
        layout = FixedEffectsLayout.of(areas: areas, periods: periods, areaSize: size, cells: cells)
        guard layout.factor != nil else { return nil }
    }

    /// M v: v less its area means, less the area-demeaned period effects fitted to what remains.
    func residualized(_ v: [Double]) -> [Double] {
        let (areaSize, cells) = (layout.areaSize, layout.cells)
        var mean = [Double](repeating: 0, count: areas)
        for i in v.indices { mean[area[i]] += v[i] }
        for g in 0..<areas { mean[g] /= areaSize[g] }
        var w = v
        var right = [Double](repeating: 0, count: periods)
        for i in w.indices {
            w[i] -= mean[area[i]]
            right[period[i]] += w[i]
        }
        let gamma = solve(Array(right.dropFirst()))
        // Each area's mean of its periods' effects, weighted by its observations of them.
        var shift = [Double](repeating: 0, count: areas)
        for g in 0..<areas {
            var s = 0.0
            for t in 1..<periods { s += cells[g * periods + t] * gamma[t - 1] }
            shift[g] = s / areaSize[g]
        }
        for i in w.indices {
            w[i] -= (period[i] > 0 ? gamma[period[i] - 1] : 0) - shift[area[i]]
        }
        return w
    }

    /// The wild bootstrap's G × G matrix D (row-major, D[h·G + g]): D_hg = Σ_{i∈h} c_i (M_X w⁽ᵍ⁾)_i, w⁽ᵍ⁾ the
    /// restricted residuals `u` on area g's rows and zero elsewhere, M_X = M − d̃d̃ᵀ/d̃ᵀd̃ the projection off the
    /// whole design. A column costs O(n_g + T² + G·T), not a sweep of n: M_D w⁽ᵍ⁾ lives on area g's rows, its
    /// period effects γ come from one solve, and Σ_{i∈h} c_i γ_{t(i)} from c summed by area and period once.
    func bootstrapColumns(c: [Double], treatment: [Double], treatmentSquares dd: Double, restricted u: [Double])
        -> [Double]
    {
        let (g, t) = (areas, periods)
        let (areaSize, cells) = (layout.areaSize, layout.cells)
        var rowsOf = [[Int]](repeating: [], count: g)
        var cByCell = [Double](repeating: 0, count: g * t)
        var cSum = [Double](repeating: 0, count: g)
        var cd = [Double](repeating: 0, count: g)
        for i in c.indices {
            rowsOf[area[i]].append(i)
            cByCell[area[i] * t + period[i]] += c[i]
            cSum[area[i]] += c[i]
            cd[area[i]] += c[i] * treatment[i]
        }
        var d = [Double](repeating: 0, count: g * g)
        var right = [Double](repeating: 0, count: max(t - 1, 0))
        for column in 0..<g {
            let rows = rowsOf[column]
            var mean = 0.0
            for i in rows { mean += u[i] }
            mean /= areaSize[column]
            for s in right.indices { right[s] = 0 }
            var own = 0.0
            var dw = 0.0
            for i in rows {
                let w = u[i] - mean
                if period[i] > 0 { right[period[i] - 1] += w }
                own += c[i] * w
                dw += treatment[i] * u[i]
            }
            let gamma = solve(right)
            for h in 0..<g {
                var effects = 0.0
                var shift = 0.0
                for s in 1..<max(t, 1) {
                    effects += cByCell[h * t + s] * gamma[s - 1]
                    shift += cells[h * t + s] * gamma[s - 1]
                }
                d[h * g + column] =
                    (h == column ? own : 0) - effects + shift / areaSize[h] * cSum[h] - dw / dd * cd[h]
            }
        }
        return d
    }

    /// Whether each period is after the start (every row of a period is, or none).
    var postPeriods: [Bool] {
        var post = [Bool](repeating: false, count: periods)
        for i in period.indices where self.post[i] { post[period[i]] = true }
        return post
    }

    private func solve(_ b: [Double]) -> [Double] { layout.solve(b) }
}

/// The two-way fixed-effects difference-in-differences of one panel, by FWL: the treatment indicator d and the
/// outcome y with the effects swept out (d̃ = M d, ỹ = M y), δ̂ = d̃ᵀỹ / d̃ᵀd̃, residuals e = ỹ − δ̂ d̃. What the
/// randomization p-value and the wild bootstrap build on.
struct FixedEffectsFit {
    let design: FixedEffectsDesign
    /// M d: the treatment row of (XᵀX)⁻¹Xᵀ of the dummy regression is d̃ / d̃ᵀd̃.
    let treatment: [Double]
    let treatmentSquares: Double
    /// M y: the residuals of the restricted model (δ = 0).
    let outcome: [Double]
    let residuals: [Double]
    let estimate: Double
    /// The dummy regression's parameters: constant, areas − 1, periods − 1, treatment.
    var parameters: Int { design.effectColumns + 1 }

    /// `nil` when the effects are collinear or absorb the treatment, or the panel has no more rows than parameters.
    init?(area: [Int], period: [Int], post: [Bool], treated: [Bool], areas: Int, periods: Int, values: [Double]) {
        guard area.count > areas + periods,
            let design = FixedEffectsDesign(area: area, period: period, post: post, areas: areas, periods: periods)
        else { return nil }
        let d = design.residualized(treated.map { $0 ? 1 : 0 })
        let dd = d.reduce(0) { $0 + $1 * $1 }
        // The QR of the dummy regression stopped at a diagonal entry below 1e-12 of the largest (about √n).
        guard dd > 1e-20 * Double(area.count) else { return nil }
        let y = design.residualized(values)
        var dy = 0.0
        for i in y.indices { dy += d[i] * y[i] }
        let estimate = dy / dd
        self.design = design
        treatment = d
        treatmentSquares = dd
        outcome = y
        residuals = y.indices.map { y[$0] - estimate * d[$0] }
        self.estimate = estimate
    }

    /// The CR1 clustered variance of δ̂ before its small-sample factor: Σ_g (Σ_{i∈g} d̃_i e_i)² / (d̃ᵀd̃)², the
    /// treatment's entry of the dummy regression's sandwich.
    var clusteredVariance: Double {
        var scores = [Double](repeating: 0, count: design.areas)
        for i in residuals.indices { scores[design.area[i]] += treatment[i] * residuals[i] }
        return scores.reduce(0) { $0 + $1 * $1 } / (treatmentSquares * treatmentSquares)
    }
}
