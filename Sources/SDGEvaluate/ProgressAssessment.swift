import SDGCore
import SDGSystem

/// Eurostat's progress class of a series (Eurostat, "Sustainable development in the European Union", methodological
/// annex): the short-term (5-year) CAGR, direction-adjusted, against fixed thresholds; or, with a target, the ratio
/// of that CAGR to the one required from the same base to reach the target on time.
package struct EurostatAssessment: Sendable, Hashable {
    package var progressClass: String?
    package var ratio: Double?
    package var cagr: Double?
    package var requiredCagr: Double?
    package var status: EstimateStatus
}

/// SDSN-style normalisation to 0–100 between the worst value and the target (or best value), with the trend arrow
/// from the score's linear growth since the base year against the growth needed to reach 100 by the target year.
package struct SDSNAssessment: Sendable, Hashable {
    package var score: Double?
    package var arrow: String?
    package var status: EstimateStatus
}

/// OECD distance to the 2030 end value ("Measuring Distance to the SDG Targets"): the gap from the latest value to the
/// target in the desired direction, in standard units (a standard deviation of the reference values); 0 when met.
package struct OECDAssessment: Sendable, Hashable {
    package var distance: Double?
    package var status: EstimateStatus
}

package struct ProgressAssessment: Sendable, Hashable {
    package let eurostat: EurostatAssessment
    package let openSDG: OpenSDGAssessment
    package let sdsn: SDSNAssessment
    package let oecd: OECDAssessment
}

package enum ProgressClassifier {
    /// - Parameters:
    ///   - points: the series in time order.
    ///   - worstValue: SDSN's lower bound; the series' worst value when `nil`.
    ///   - scale: OECD's standard unit (e.g. the standard deviation across peer cities); the series' own standard
    ///     deviation over time when `nil`.
    package static func assess(
        _ points: [TimePoint], direction: DesiredDirection?, target: Double?, targetYear: Double = 2030,
        baseYear: Double = 2015, limit: Double? = nil, worstValue: Double? = nil, scale: Double? = nil
    ) -> ProgressAssessment {
        guard let direction else {
            let missing = EstimateStatus(
                code: "no_direction",
                reason: "give the indicator a `direction` (increase or decrease) to classify progress")
            return ProgressAssessment(
                eurostat: EurostatAssessment(
                    progressClass: nil, ratio: nil, cagr: nil, requiredCagr: nil, status: missing),
                openSDG: OpenSDGAssessment(
                    status: "not_available", score: nil, progressValue: nil, baseYear: nil, currentYear: nil,
                    reason: missing.reason),
                sdsn: SDSNAssessment(score: nil, arrow: nil, status: missing),
                oecd: OECDAssessment(distance: nil, status: missing))
        }
        return ProgressAssessment(
            eurostat: eurostat(points, direction: direction, target: target, targetYear: targetYear),
            openSDG: OpenSDGProgress.assess(
                points, direction: direction, target: target, targetYear: targetYear,
                baseYear: baseYear, limit: limit),
            sdsn: sdsn(
                points, direction: direction, target: target, targetYear: targetYear, baseYear: baseYear,
                worst: worstValue),
            oecd: oecd(points, direction: direction, target: target, scale: scale))
    }

    static func eurostat(_ points: [TimePoint], direction: DesiredDirection, target: Double?, targetYear: Double)
        -> EurostatAssessment
    {
        guard let last = points.last,
            let base = GrowthRate.base(points, endingAt: last.time, years: 5)
                ?? (points.count >= 2 ? points.first : nil)
        else {
            return EurostatAssessment(
                progressClass: nil, ratio: nil, cagr: nil, requiredCagr: nil,
                status: .tooFewPoints("a progress class needs at least 2 values"))
        }
        let growth = GrowthRate.compound(from: base, to: last)
        guard let cagr = growth.cagr else {
            return EurostatAssessment(
                progressClass: nil, ratio: nil, cagr: nil, requiredCagr: nil, status: growth.status)
        }
        guard let target else {
            let adjusted = direction.sign * cagr
            return EurostatAssessment(
                progressClass: ProgressThresholds.eurostatWithoutTarget.classify(adjusted), ratio: nil,
                cagr: cagr, requiredCagr: nil, status: .ok)
        }
        if direction == .increase ? last.value >= target : last.value <= target {
            return EurostatAssessment(
                progressClass: "target_met", ratio: nil, cagr: cagr, requiredCagr: nil,
                status: EstimateStatus(
                    code: "target_already_met",
                    reason: "the latest value \(last.value) already meets the target \(target)"))
        }
        // A base that already met the target (a "decrease" indicator at 3.4 against 5.0, now 5.2): the growth
        // required from it points the wrong way, so the ratio rule would call a move away from the target
        // "significant progress". The ratio does not apply: the class comes from the direction-adjusted growth on the
        // thresholds without a target, under a status of its own.
        if direction == .increase ? base.value >= target : base.value <= target {
            let adjusted = direction.sign * cagr
            return EurostatAssessment(
                progressClass: ProgressThresholds.eurostatWithoutTarget.classify(adjusted), ratio: nil, cagr: cagr,
                requiredCagr: nil,
                status: EstimateStatus(
                    code: "target_met_at_base",
                    reason:
                        "the base value \(base.value) already met the target \(target) and the latest \(last.value) no longer does: no required growth, classed on the growth alone"
                ))
        }
        let required = GrowthRate.compound(from: base, to: TimePoint(time: targetYear, value: target))
        guard let requiredCagr = required.cagr, requiredCagr != 0 else {
            return EurostatAssessment(
                progressClass: nil, ratio: nil, cagr: cagr, requiredCagr: nil,
                status: required.cagr == 0 ? .zeroVariance("the target equals the base value") : required.status)
        }
        let ratio = cagr / requiredCagr
        return EurostatAssessment(
            progressClass: ProgressThresholds.eurostatWithTarget.classify(ratio), ratio: ratio,
            cagr: cagr, requiredCagr: requiredCagr, status: .ok)
    }

    static func sdsn(
        _ points: [TimePoint], direction: DesiredDirection, target: Double?, targetYear: Double, baseYear: Double,
        worst: Double?
    ) -> SDSNAssessment {
        guard let last = points.last else {
            return SDSNAssessment(score: nil, arrow: nil, status: .tooFewPoints("no values"))
        }
        let values = points.map(\.value)
        let low = worst ?? (direction == .increase ? values.min()! : values.max()!)
        let high = target ?? (direction == .increase ? values.max()! : values.min()!)
        // A target no better than the worst value would make the 0–100 scale run backwards: a value meeting the
        // target scored 0. The target is met or not, and the score says that.
        if let target, direction.sign * (target - low) < 0 {
            let met = direction.sign * (last.value - target) >= 0
            return SDSNAssessment(
                score: met ? 100 : 0, arrow: met ? "on_track" : nil,
                status: EstimateStatus(
                    code: "target_behind_worst",
                    reason:
                        "the target \(target) is not beyond the worst value \(low) in the desired direction, so the 0–100 scale from the worst value to the target is undefined; the latest value \(met ? "meets" : "misses") it"
                ))
        }
        guard high != low else {
            return SDSNAssessment(
                score: nil, arrow: nil,
                status: .zeroVariance("the lower bound equals the target, so the 0–100 scale is undefined"))
        }
        func score(_ x: Double) -> Double { min(100, max(0, 100 * (x - low) / (high - low))) }
        let current = score(last.value)
        let base = points.first { $0.time >= baseYear }
        guard let base, last.time > base.time, targetYear > base.time else {
            return SDSNAssessment(
                score: current, arrow: nil,
                status: .tooFewPoints("a trend arrow needs values in two years from \(Int(baseYear)) on"))
        }
        if current >= 100 { return SDSNAssessment(score: current, arrow: "on_track", status: .ok) }
        // Met at the base year and lost since: no growth was needed, and the arrow would have said on track.
        if target != nil, score(base.value) >= 100 {
            return SDSNAssessment(
                score: current, arrow: "decreasing",
                status: EstimateStatus(
                    code: "target_met_at_base",
                    reason:
                        "the base value \(base.value) met the target and the latest \(last.value) no longer does: the arrow is decreasing"
                ))
        }
        let achieved = (current - score(base.value)) / (last.time - base.time)
        let needed = (100 - score(base.value)) / (targetYear - base.time)
        guard needed > 0 else { return SDSNAssessment(score: current, arrow: "on_track", status: .ok) }
        return SDSNAssessment(
            score: current, arrow: ProgressThresholds.sdsnTrend.classify(achieved / needed), status: .ok)
    }

    static func oecd(_ points: [TimePoint], direction: DesiredDirection, target: Double?, scale: Double?)
        -> OECDAssessment
    {
        guard let target, let last = points.last else {
            return OECDAssessment(
                distance: nil, status: EstimateStatus(code: "no_target", reason: "a distance needs a target value"))
        }
        let values = points.map(\.value)
        var unit = scale
        if unit == nil, values.count >= 2 {
            let m = values.reduce(0, +) / Double(values.count)
            unit = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
        }
        guard let unit, unit > 0 else {
            return OECDAssessment(distance: nil, status: .zeroVariance("no spread to standardise the distance by"))
        }
        return OECDAssessment(distance: max(0, direction.sign * (target - last.value)) / unit, status: .ok)
    }
}
