/// Randomization inference for a difference-in-differences with one treated area ("placebo in space"): the treatment
/// is moved to each area in turn, the fixed-effects estimate recomputed, and the p-value is the share of areas whose
/// estimate is at least as large in absolute value as the treated area's: rank / G, exact under the null that the
/// action changed nothing, whatever the number of areas (Fisher 1935; Conley & Taber 2011; Abadie, Diamond &
/// Hainmueller 2010 for the placebo-in-space reading). With G areas the smallest attainable p is 1/G, which is the
/// honest answer when a city is compared with two twins.
///
/// Each placebo is the Frisch–Waugh–Lovell ratio δ_j = d_jᵀũ / d_jᵀM d_j, with ũ the residuals of the outcome on the
/// area and period effects and M the projection off them, taken from the one fit already made (its (XᵀX)⁻¹ and the
/// design's three non-zero entries per row): G placebos cost G·(n + k²), not G new QR fits, because a network run
/// estimates thousands of panels.
struct FixedEffectsDesign {
    /// Row i's area and period index (0-based; index 0 has no column of its own, the constant stands for it).
    let area: [Int]
    let period: [Int]
    let post: [Bool]
    let areas: Int
    let periods: Int
    var columns: Int { areas + periods }  // constant, areas − 1, periods − 1, treatment

    /// Xᵀv for the area and period columns and the constant (the first `columns − 1` entries).
    func effectsTransposed(_ v: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: columns - 1)
        for i in v.indices {
            out[0] += v[i]
            if area[i] > 0 { out[area[i]] += v[i] }
            if period[i] > 0 { out[areas - 1 + period[i]] += v[i] }
        }
        return out
    }

    /// X_FE β for a coefficient vector over the constant, area and period columns.
    func effects(_ beta: [Double], row i: Int) -> Double {
        var s = beta[0]
        if area[i] > 0 { s += beta[area[i]] }
        if period[i] > 0 { s += beta[areas - 1 + period[i]] }
        return s
    }
}

enum RandomizationInference {
    /// The exact placebo-in-space p-value, or `nil` when a placebo cannot be estimated (its treatment indicator lies
    /// in the span of the effects).
    /// - Parameters:
    ///   - inverseGram: (XᵀX)⁻¹ of the full design (effects, then the treatment column last), row-major k × k.
    ///   - residuals: the full fit's residuals; `estimate` its treatment coefficient; `treatedArea` its index.
    static func pValue(
        design: FixedEffectsDesign, inverseGram g: [Double], residuals e: [Double], estimate: Double,
        treatedArea: Int
    ) -> Double? {
        guard
            let placebos = placeboEstimates(
                design: design, inverseGram: g, residuals: e, estimate: estimate, treatedArea: treatedArea)
        else { return nil }
        let threshold = abs(estimate) * (1 - 1e-9)
        return Double(placebos.filter { abs($0) >= threshold }.count) / Double(placebos.count)
    }

    /// The fixed-effects estimate with the treatment moved to each area, by area index (the treated area's own is
    /// `estimate` again, to rounding).
    static func placeboEstimates(
        design: FixedEffectsDesign, inverseGram g: [Double], residuals e: [Double], estimate: Double,
        treatedArea: Int
    ) -> [Double]? {
        let k = design.columns
        let m = k - 1
        let n = e.count
        // (X_FEᵀX_FE)⁻¹ from the full inverse by the Schur complement: A⁻¹ = G_AA − G_Ab G_bA / G_bb.
        let gbb = g[m * k + m]
        guard gbb > 0 else { return nil }
        var inverseEffects = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m { inverseEffects[i * m + j] = g[i * k + j] - g[i * k + m] * g[m * k + j] / gbb }
        }
        // ũ = e + δ̂·d̃ with d̃ = M_FE d = c/(cᵀc), c the treatment row of (XᵀX)⁻¹Xᵀ.
        var c = [Double](repeating: 0, count: n)
        let row = Array(g[(m * k)..<(m * k + m)])
        var cc = 0.0
        for i in 0..<n {
            c[i] = design.effects(row, row: i) + (design.post[i] && design.area[i] == treatedArea ? gbb : 0)
            cc += c[i] * c[i]
        }
        guard cc > 0 else { return nil }
        let u = (0..<n).map { e[$0] + estimate * c[$0] / cc }
        var placebos: [Double] = []
        for j in 0..<design.areas {
            let d = (0..<n).map { design.post[$0] && design.area[$0] == j ? 1.0 : 0.0 }
            let xd = design.effectsTransposed(d)
            var beta = [Double](repeating: 0, count: m)
            for a in 0..<m {
                var s = 0.0
                for b in 0..<m { s += inverseEffects[a * m + b] * xd[b] }
                beta[a] = s
            }
            var numerator = 0.0
            var denominator = 0.0
            var count = 0.0
            for i in 0..<n where d[i] != 0 {
                numerator += u[i]
                denominator += 1 - design.effects(beta, row: i)
                count += 1
            }
            guard count > 0, denominator > 1e-10 * count else { return nil }
            placebos.append(numerator / denominator)
        }
        return placebos
    }
}
