/// Threshold tables of the progress classifications, as data with their sources, so that a reader can check them
/// against the methodology documents and a change is made in one place.
package struct ThresholdBand: Sendable, Hashable {
    /// The class applies when the assessed value is ≥ this lower bound (the last band has −∞).
    package let lowerBound: Double
    package let label: String
}

package struct ThresholdTable: Sendable, Hashable {
    package let source: String
    /// From the highest band down.
    package let bands: [ThresholdBand]

    package func classify(_ value: Double) -> String {
        bands.first { value >= $0.lowerBound }?.label ?? bands.last!.label
    }
}

package enum ProgressThresholds {
    /// Eurostat, "SDG monitoring report methodology" (Sustainable development in the European Union, annex on
    /// methodology): indicators without a quantitative target, on the direction-adjusted CAGR.
    package static let eurostatWithoutTarget = ThresholdTable(
        source:
            "Eurostat, Sustainable development in the EU — methodological annex: indicators without a quantitative target",
        bands: [
            .init(lowerBound: 0.01, label: "significant_progress"),
            .init(lowerBound: 0, label: "moderate_progress"),
            .init(lowerBound: -0.01, label: "moderate_movement_away"),
            .init(lowerBound: -.infinity, label: "significant_movement_away"),
        ])

    /// Eurostat, same annex: indicators with a quantitative target, on the ratio of actual to required CAGR.
    package static let eurostatWithTarget = ThresholdTable(
        source:
            "Eurostat, Sustainable development in the EU — methodological annex: indicators with a quantitative target",
        bands: [
            .init(lowerBound: 0.95, label: "significant_progress"),
            .init(lowerBound: 0.6, label: "moderate_progress"),
            .init(lowerBound: 0, label: "insufficient_progress"),
            .init(lowerBound: -.infinity, label: "movement_away"),
        ])

    /// Open SDG / Statistics Canada progress measure (open-sdg docs/progress-methodology.md; sdg-build
    /// ProgressMeasure): without a target, on the direction-adjusted CAGR (bounds above 0 scaled near a limit).
    package static let openSDGWithoutTarget = ThresholdTable(
        source:
            "Open SDG / Statistics Canada progress measurement methodology: indicators without quantitative targets",
        bands: [
            .init(lowerBound: 0.015, label: "substantial_progress"),
            .init(lowerBound: 0.005, label: "moderate_progress"),
            .init(lowerBound: 0, label: "limited_progress"),
            .init(lowerBound: -.infinity, label: "deterioration"),
        ])

    /// Open SDG / Statistics Canada: with a target, on the ratio of observed to required growth.
    package static let openSDGWithTarget = ThresholdTable(
        source: "Open SDG / Statistics Canada progress measurement methodology: indicators with quantitative targets",
        bands: [
            .init(lowerBound: 0.95, label: "substantial_progress"),
            .init(lowerBound: 0.6, label: "moderate_progress"),
            .init(lowerBound: 0, label: "limited_progress"),
            .init(lowerBound: -.infinity, label: "deterioration"),
        ])

    /// SDSN Sustainable Development Report trend arrows, on the ratio of the achieved to the required linear annual
    /// growth of the 0–100 score (SDR 2023, methodology: "on track", "moderately improving", "stagnating", "decreasing").
    package static let sdsnTrend = ThresholdTable(
        source: "SDSN Sustainable Development Report, methodology: trend arrows",
        bands: [
            .init(lowerBound: 1, label: "on_track"),
            .init(lowerBound: 0.5, label: "moderately_improving"),
            .init(lowerBound: 0, label: "stagnating"),
            .init(lowerBound: -.infinity, label: "decreasing"),
        ])

    /// Open SDG's published score coefficients (sdg-build `get_score`): the with-target score uses these rounded
    /// slopes, so reproducing published scores needs them exactly.
    static let openSDGTargetSlopeHigh = 7.1429, openSDGTargetInterceptHigh = 4.2857, openSDGTargetSlopeLow = 4.1667
    /// Open SDG's limit-scaling exponent a in C = 1 − (y0 / y_lim)^a.
    static let openSDGLimitExponent = 4.44
}
