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

    private let areaSize: [Double]
    /// Observations of area g at period s, at g × periods + s.
    private let cells: [Double]
    /// Lower Cholesky factor of Pᵀ M_D P over periods 1…T−1 (period 0 is the constant's), row-major.
    private let factor: [Double]

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
        areaSize = size
        self.cells = cells
        let m = periods - 1
        var gram = [Double](repeating: 0, count: m * m)
        for g in 0..<areas {
            let base = g * periods
            for s in 1..<max(periods, 1) where cells[base + s] > 0 {
                let ns = cells[base + s]
                gram[(s - 1) * m + (s - 1)] += ns
                for t in 1..<periods where cells[base + t] > 0 {
                    gram[(s - 1) * m + (t - 1)] -= ns * cells[base + t] / size[g]
                }
            }
        }
        guard let factor = Self.cholesky(gram, m) else { return nil }
        self.factor = factor
    }

    /// M v: v less its area means, less the area-demeaned period effects fitted to what remains.
    func residualized(_ v: [Double]) -> [Double] {
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

    /// x with L Lᵀ x = b.
    private func solve(_ b: [Double]) -> [Double] {
        let m = b.count
        var y = b
        for i in 0..<m {
            var s = y[i]
            for j in 0..<i { s -= factor[i * m + j] * y[j] }
            y[i] = s / factor[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var s = y[i]
            for j in (i + 1)..<max(m, i + 1) { s -= factor[j * m + i] * y[j] }
            y[i] = s / factor[i * m + i]
        }
        return y
    }

    /// The lower factor, or `nil` when a pivot falls below 1e-10 of the largest diagonal entry: the columns are
    /// collinear (the dummy regression's QR would have stopped too).
    private static func cholesky(_ a: [Double], _ m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        let largest = (0..<m).map { a[$0 * m + $0] }.max() ?? 0
        for j in 0..<m {
            var d = a[j * m + j]
            for k in 0..<j { d -= l[j * m + k] * l[j * m + k] }
            guard d > 1e-10 * largest else { return nil }
            let root = d.squareRoot()
            l[j * m + j] = root
            for i in (j + 1)..<max(m, j + 1) {
                var s = a[i * m + j]
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                l[i * m + j] = s / root
            }
        }
        return l
    }
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
