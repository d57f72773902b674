import SDGCore
import SDGSystem

/// The Open SDG / Statistics Canada progress measure of one series (open-sdg `docs/progress-methodology.md`):
/// growth from the base year (2015, or the first later year with data) to the latest year, compared with fixed
/// thresholds (no target; scaled near a natural limit) or with the growth required to reach the target, and turned
/// into a score on [−5, 5]. Reproduces the published `indicator_calculation_components.yml` of Statistics Canada.
package struct OpenSDGAssessment: Sendable, Hashable {
    /// `target_achieved`, `substantial_progress`, `moderate_progress`, `limited_progress`, `deterioration` or
    /// `not_available`.
    package var status: String
    package var score: Double?
    /// The direction-adjusted CAGR (no target) or the ratio of observed to required growth (with a target).
    package var progressValue: Double?
    package var baseYear: Double?
    package var currentYear: Double?
    package var reason: String
}

package enum OpenSDGProgress {
    package static func assess(
        _ points: [TimePoint], direction: DesiredDirection, target: Double? = nil, targetYear: Double = 2030,
        baseYear: Double = 2015, limit: Double? = nil
    ) -> OpenSDGAssessment {
        func notAvailable(_ reason: String, base: Double? = nil, current: Double? = nil) -> OpenSDGAssessment {
            OpenSDGAssessment(
                status: "not_available", score: nil, progressValue: nil, baseYear: base, currentYear: current,
                reason: reason)
        }
        guard let current = points.max(by: { $0.time < $1.time }) else { return notAvailable("no values") }
        let base =
            points.first { $0.time == baseYear } ?? points.filter { $0.time > baseYear }.min { $0.time < $1.time }
        guard let base else {
            return notAvailable("no value in or after the base year \(Int(baseYear))", current: current.time)
        }
        return assess(
            baseValue: base.value, baseYear: base.time, currentValue: current.value, currentYear: current.time,
            direction: direction, target: target, targetYear: targetYear, limit: limit)
    }

    /// The measure from its components, as Open SDG publishes them per series.
    package static func assess(
        baseValue rawBase: Double, baseYear: Double, currentValue: Double, currentYear: Double,
        direction: DesiredDirection,
        target rawTarget: Double?, targetYear: Double, limit: Double?
    ) -> OpenSDGAssessment {
        let d = direction.sign
        // Zero cannot be grown from or to: Open SDG replaces it by 0.001.
        let target = rawTarget.map { $0 == 0 ? 0.001 : $0 }
        let baseValue = rawBase == 0 ? 0.001 : rawBase
        let sign: Double = rawBase < 0 ? -1 : 1
        func result(_ status: String, _ score: Double?, _ value: Double?, _ reason: String = "") -> OpenSDGAssessment {
            OpenSDGAssessment(
                status: status, score: score, progressValue: value, baseYear: baseYear,
                currentYear: currentYear, reason: reason)
        }
        let achieved = target.map { direction == .increase ? currentValue >= $0 : currentValue <= $0 } ?? false
        var value: Double?
        var reason = ""
        if (baseValue > 0 && currentValue < 0) || (baseValue < 0 && currentValue > 0) {
            reason = "the base and current values differ in sign; a growth rate is undefined"
        } else if currentYear - baseYear < 1 {
            reason = "at least two years of data are needed after the base year"
        } else {
            let observed = pow(currentValue / baseValue, 1 / (currentYear - baseYear)) - 1
            if let target {
                let required = pow(target / baseValue, 1 / (targetYear - baseYear)) - 1
                value = sign * d * observed / abs(required)
            } else {
                value = sign * d * observed
            }
        }
        if achieved { return result("target_achieved", 5, value) }
        guard let value else { return result("not_available", nil, nil, reason) }
        if target != nil {
            let status = ProgressThresholds.openSDGWithTarget.classify(value)
            let score =
                value >= 0.6
                ? min(
                    ProgressThresholds.openSDGTargetSlopeHigh * value - ProgressThresholds.openSDGTargetInterceptHigh, 5
                )
                : max(ProgressThresholds.openSDGTargetSlopeLow * value - 2.5, -5)
            return result(status, score, value)
        }
        let c = limit.map { limitCoefficient(base: rawBase, limit: $0) } ?? 1
        let table = ProgressThresholds.openSDGWithoutTarget
        let scaled = ThresholdTable(
            source: table.source,
            bands: table.bands.map {
                ThresholdBand(lowerBound: $0.lowerBound > 0 ? $0.lowerBound * c : $0.lowerBound, label: $0.label)
            })
        let status = scaled.classify(value)
        let score: Double
        if value < 0 {
            score = max(125 * value - 2.5, -5)
        } else if c == 0 {
            score = 5  // the base value sits on the limit and is held there
        } else if value >= 0.015 * c {
            score = min(500 * value / c - 5, 5)
        } else if value >= 0.005 * c {
            score = 250 * value / c - 1.25
        } else {
            score = 500 * value / c - 2.5
        }
        return result(status, score, value)
    }

    /// The threshold scaling C near a natural limit: 1 − (y0 / y_lim)^4.44 below the limit, mirrored above it.
    static func limitCoefficient(base: Double, limit: Double) -> Double {
        let y0 = abs(base)
        let lim = abs(limit)
        let a = ProgressThresholds.openSDGLimitExponent
        if y0 >= 2 * lim { return 1 }
        if y0 <= lim { return 1 - pow(y0 / lim, a) }
        return 1 - pow((2 * lim - y0) / lim, a)
    }
}
