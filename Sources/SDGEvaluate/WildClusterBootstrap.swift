/// The restricted wild cluster bootstrap-t (WCR) for the fixed-effects difference-in-differences coefficient, with
/// Webb's six-point weights (±√½, ±1, ±√(3/2), each with probability 1/6): the null δ = 0 imposed, the restricted
/// residuals of each area multiplied by one weight per area, the model refitted and its CR1 t compared with the
/// observed one; p = share of draws with |t*| ≥ |t| (Cameron, Gelbach & Miller 2008; Webb 2023; MacKinnon & Webb
/// 2017 on its limits with one treated cluster, where `p_randomization` is the one to read).
///
/// When 6^G is at most the number of replications every weight vector is enumerated (deterministic); otherwise the
/// draws come from a fixed-seed SplitMix64, so a run reproduces on any machine. No draw refits anything: with c the
/// treatment row of (XᵀX)⁻¹Xᵀ (d̃ / d̃ᵀd̃ by FWL, `FixedEffectsFit`) and ũ the restricted residuals, δ*(v) = Σ_g v_g·a_g with a_g = c_gᵀũ_g, and the CR1
/// variance is ∝ Σ_h (Σ_g D_hg v_g)² with D_hg = c_hᵀ(M ũ^(g))_h, M the projection off the full design (the
/// algebra of Roodman, MacKinnon, Nielsen & Webb 2019, "Fast and wild"). A draw costs G² operations.
enum WildClusterBootstrap {
    static let webbWeights: [Double] = [
        -(1.5).squareRoot(), -1, -(0.5).squareRoot(), (0.5).squareRoot(), 1, (1.5).squareRoot(),
    ]
    /// Draws when 6^G exceeds them (boottest's default); fewer weight vectors than this are all enumerated.
    static let replications = 999
    static let seed: UInt64 = 20_261_205

    /// The bootstrap p-value and the number of draws, or `nil` when the observed t is not defined.
    static func pValue(_ fit: FixedEffectsFit, replications: Int = replications, seed: UInt64 = seed) -> (
        p: Double, draws: Int
    )? {
        let design = fit.design
        let n = fit.residuals.count
        let clusters = design.areas
        let dd = fit.treatmentSquares
        // c, the treatment row of (XᵀX)⁻¹Xᵀ; ũ, the restricted residuals; e, the unrestricted ones.
        let c = fit.treatment.map { $0 / dd }
        let u = fit.outcome
        let e = fit.residuals
        var observed = [Double](repeating: 0, count: clusters)
        var a = [Double](repeating: 0, count: clusters)
        for i in 0..<n {
            observed[design.area[i]] += c[i] * e[i]
            a[design.area[i]] += c[i] * u[i]
        }
        let observedSE = observed.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard observedSE > 0 else { return nil }
        let t = abs(fit.estimate / observedSE)
        // D, column by column: the projection off the whole design (M_X w = M w − d̃ d̃ᵀw / d̃ᵀd̃) applied to the
        // restricted residuals of one area.
        var d = [Double](repeating: 0, count: clusters * clusters)
        for cluster in 0..<clusters {
            let w = (0..<n).map { design.area[$0] == cluster ? u[$0] : 0 }
            var dw = 0.0
            for i in 0..<n where design.area[i] == cluster { dw += fit.treatment[i] * w[i] }
            let swept = design.residualized(w)
            for i in 0..<n {
                let projected = swept[i] - fit.treatment[i] * dw / dd
                d[design.area[i] * clusters + cluster] += c[i] * projected
            }
        }
        var atLeastAsLarge = 0
        var weights = [Double](repeating: 0, count: clusters)
        // Four rows of `d` at a time, each summed in its own order: one running sum waits four cycles for each
        // addition, and the draws were an eighth of a national run's evaluation. The same additions in the same
        // order per row, so the same p-values to the bit.
        func draw() {
            var numerator = 0.0
            var variance = 0.0
            d.withUnsafeBufferPointer { d in
                weights.withUnsafeBufferPointer { w in
                    var h = 0
                    while h + 4 <= clusters {
                        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
                        let (r0, r1, r2, r3) = (
                            h * clusters, (h + 1) * clusters, (h + 2) * clusters, (h + 3) * clusters
                        )
                        for j in 0..<clusters {
                            let wj = w[j]
                            s0 += d[r0 + j] * wj
                            s1 += d[r1 + j] * wj
                            s2 += d[r2 + j] * wj
                            s3 += d[r3 + j] * wj
                        }
                        // In row order, as one row at a time added them.
                        numerator += w[h] * a[h]
                        variance += s0 * s0
                        numerator += w[h + 1] * a[h + 1]
                        variance += s1 * s1
                        numerator += w[h + 2] * a[h + 2]
                        variance += s2 * s2
                        numerator += w[h + 3] * a[h + 3]
                        variance += s3 * s3
                        h += 4
                    }
                    while h < clusters {
                        numerator += w[h] * a[h]
                        var s = 0.0
                        for j in 0..<clusters { s += d[h * clusters + j] * w[j] }
                        variance += s * s
                        h += 1
                    }
                }
            }
            if variance > 0 ? abs(numerator) / variance.squareRoot() >= t * (1 - 1e-9) : numerator != 0 {
                atLeastAsLarge += 1
            }
        }
        var all = 1
        for _ in 0..<clusters where all <= replications { all *= 6 }
        if all <= replications {
            var digits = [Int](repeating: 0, count: clusters)
            for _ in 0..<all {
                for j in 0..<clusters { weights[j] = webbWeights[digits[j]] }
                draw()
                var j = 0
                while j < clusters {
                    digits[j] += 1
                    if digits[j] < 6 { break }
                    digits[j] = 0
                    j += 1
                }
            }
            return (Double(atLeastAsLarge) / Double(all), all)
        }
        var state = seed
        for _ in 0..<replications {
            for j in 0..<clusters {
                // SplitMix64 (Steele, Lea & Flood 2014): the same stream on every platform.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                weights[j] = webbWeights[Int(z % 6)]
            }
            draw()
        }
        return (Double(atLeastAsLarge) / Double(replications), replications)
    }
}
