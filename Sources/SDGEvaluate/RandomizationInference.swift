/// Randomization inference for a difference-in-differences with one treated area ("placebo in space"): the treatment
/// is moved to each area in turn, the fixed-effects estimate recomputed, and the p-value is the share of areas whose
/// estimate is at least as large in absolute value as the treated area's: rank / G, exact under the null that the
/// action changed nothing, whatever the number of areas (Fisher 1935; Conley & Taber 2011; Abadie, Diamond &
/// Hainmueller 2010 for the placebo-in-space reading). With G areas the smallest attainable p is 1/G, which is the
/// honest answer when a city is compared with two twins.
///
/// Each placebo is the Frisch–Waugh–Lovell ratio δ_j = d_jᵀũ / d_jᵀM d_j, with ũ = M y the outcome with the area and
/// period effects swept out (`FixedEffectsDesign`), taken from the one fit already made: G placebos cost G residuals
/// of O(n + T²), not G new fits, because a network run estimates thousands of panels.
enum RandomizationInference {
    /// The exact placebo-in-space p-value, or `nil` when a placebo cannot be estimated (its treatment indicator lies
    /// in the span of the effects).
    static func pValue(_ fit: FixedEffectsFit) -> Double? {
        guard let placebos = placeboEstimates(fit) else { return nil }
        let threshold = abs(fit.estimate) * (1 - 1e-9)
        return Double(placebos.filter { abs($0) >= threshold }.count) / Double(placebos.count)
    }

    /// The fixed-effects estimate with the treatment moved to each area, by area index (the treated area's own is
    /// the estimate again, to rounding).
    static func placeboEstimates(_ fit: FixedEffectsFit) -> [Double]? {
        let design = fit.design
        // d_jᵀũ for each area j's rows after the start; the denominators d_jᵀM d_j depend on the layout alone and are
        // shared with the other panels of that layout (`FixedEffectsLayout`).
        var numerators = [Double](repeating: 0, count: design.areas)
        for i in fit.outcome.indices where design.post[i] { numerators[design.area[i]] += fit.outcome[i] }
        guard let denominators = design.layout.placeboDenominators(postPeriod: design.postPeriods) else { return nil }
        return (0..<design.areas).map { numerators[$0] / denominators[$0] }
    }
}
