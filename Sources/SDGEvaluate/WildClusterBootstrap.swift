import SDGSystem

/// The restricted wild cluster bootstrap-t (WCR) for the fixed-effects difference-in-differences coefficient, with
/// Webb's six-point weights (±√½, ±1, ±√(3/2), each with probability 1/6): the null δ = 0 imposed, the restricted
/// residuals of each area multiplied by one weight per area, the model refitted and its CR1 t compared with the
/// observed one; p = share of draws with |t*| ≥ |t| (Cameron, Gelbach & Miller 2008; Webb 2023; MacKinnon & Webb
/// 2017 on its limits with one treated cluster, where `p_randomization` is the one to read).
///
/// When 6^G is at most the number of replications every weight vector is enumerated (deterministic); otherwise the
/// draws come from a fixed-seed SplitMix64, so a run reproduces on any machine. No draw refits anything: with c the
/// treatment row of (XᵀX)⁻¹Xᵀ (d̃ / d̃ᵀd̃ by FWL, `FixedEffectsFit`) and ũ the restricted residuals,
/// δ*(v) = Σ_g v_g·a_g with a_g = c_gᵀũ_g, and the CR1 variance is ∝ Σ_h (Σ_g D_hg v_g)² with
/// D_hg = c_hᵀ(M ũ^(g))_h, M the projection off the full design (the algebra of Roodman, MacKinnon, Nielsen & Webb
/// 2019, "Fast and wild"). That variance is the quadratic form vᵀ(DᵀD)v: a draw costs G(G−1)/2 products.
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
        // D, column by column: the projection off the whole design applied to the restricted residuals of one area.
        let d = design.bootstrapColumns(c: c, treatment: fit.treatment, treatmentSquares: dd, restricted: u)
        // A draw's variance is ‖D w‖² = wᵀ(DᵀD)w: with DᵀD formed once (G³/2 multiply-adds), each of the 999 draws
        // takes the upper triangle, G(G−1)/2 products instead of G² (the draws were a ninth of a national run's
        // samples). Rounding differs from ‖D w‖² in the last bits; a draw is counted against t·(1 − 1e-9).
        var m = [Double](repeating: 0, count: clusters * clusters)
        d.withUnsafeBufferPointer { d in
            m.withUnsafeMutableBufferPointer { m in
                for j in 0..<clusters {
                    for k in j..<clusters {
                        var sum = 0.0
                        for h in 0..<clusters { sum += d[h * clusters + j] * d[h * clusters + k] }
                        m[j * clusters + k] = sum
                    }
                }
            }
        }
        var atLeastAsLarge = 0
        // Eight draws at a time, one per lane: each lane adds the same products in the same order as one draw alone,
        // so a draw's result does not depend on its neighbours, with the lanes' arithmetic done together. Eight and
        // not four: each row's sum waits on its previous addition, and eight lanes give the core twice the
        // independent additions to overlap (the bootstrap's share of a 200-municipality run's samples 5.4% → 4.4%).
        func evaluate(_ w: UnsafeBufferPointer<Lanes>, lanes: Int) {
            var numerator = Lanes.zero
            var variance = Lanes.zero
            m.withUnsafeBufferPointer { m in
                for j in 0..<clusters {
                    var p = Lanes.zero
                    let row = j * clusters
                    for k in (j + 1)..<clusters { p += m[row + k] * w[k] }
                    numerator += w[j] * a[j]
                    variance += w[j] * (m[row + j] * w[j] + 2 * p)
                }
            }
            for lane in 0..<lanes {
                let (x, v) = (numerator[lane], variance[lane])
                if v > 0 ? abs(x) / v.squareRoot() >= t * (1 - 1e-9) : x != 0 { atLeastAsLarge += 1 }
            }
        }
        var block = [Lanes](repeating: .zero, count: clusters)
        var lanes = 0
        func evaluateBlock() {
            block.withUnsafeBufferPointer { evaluate($0, lanes: lanes) }
            lanes = 0
        }
        // A draw's weights are in lane `lanes` of `block`.
        func laneFilled() {
            lanes += 1
            if lanes == laneCount { evaluateBlock() }
        }
        var all = 1
        for _ in 0..<clusters where all <= replications { all *= 6 }
        if all <= replications {
            var digits = [Int](repeating: 0, count: clusters)
            for _ in 0..<all {
                for j in 0..<clusters { block[j][lanes] = webbWeights[digits[j]] }
                laneFilled()
                var j = 0
                while j < clusters {
                    digits[j] += 1
                    if digits[j] < 6 { break }
                    digits[j] = 0
                    j += 1
                }
            }
            if lanes > 0 { evaluateBlock() }
            return (Double(atLeastAsLarge) / Double(all), all)
        }
        let drawn = draws(clusters: clusters, replications: replications, seed: seed)
        drawn.withUnsafeBufferPointer { drawn in
            for (b, lower) in stride(from: 0, to: replications, by: laneCount).enumerated() {
                let start = drawn.baseAddress! + b * clusters
                evaluate(
                    UnsafeBufferPointer(start: start, count: clusters), lanes: min(laneCount, replications - lower))
            }
        }
        return (Double(atLeastAsLarge) / Double(replications), replications)
    }

    /// The drawn weight vectors, eight to a block of `clusters` lanes (a block's unused lanes zero), made once for
    /// each number of areas and shared by every panel: the stream is fixed by the seed, and making it again for each
    /// panel (21 SplitMix64 steps and a division by six per draw) was a third of the bootstrap's time (`perf`).
    static func draws(clusters: Int, replications: Int, seed: UInt64) -> [Lanes] {
        let key = DrawKey(clusters: clusters, replications: replications, seed: seed)
        if let known = madeDraws.withLock({ $0[key] }) { return known }
        let blocks = (replications + laneCount - 1) / laneCount
        var drawn = [Lanes](repeating: .zero, count: blocks * clusters)
        var state = seed
        for r in 0..<replications {
            for j in 0..<clusters {
                // SplitMix64 (Steele, Lea & Flood 2014): the same stream on every platform.
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                drawn[(r / laneCount) * clusters + j][r % laneCount] = webbWeights[Int(z % 6)]
            }
        }
        // A few sizes of panel per run; a bound keeps a run of very varied panels from holding them all.
        madeDraws.withLock { if $0.count < 64 { $0[key] = drawn } }
        return drawn
    }

    struct DrawKey: Hashable {
        let clusters: Int
        let replications: Int
        let seed: UInt64
    }
    /// The draws evaluated together (`pValue`).
    typealias Lanes = SIMD8<Double>
    static let laneCount = 8
    private static let madeDraws = Locked<[DrawKey: [Lanes]]>([:])
}
