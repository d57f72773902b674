import SDGSystem

/// A compound annual growth rate between two observations, over the real number of years between them.
package struct GrowthRateEstimate: Sendable, Hashable {
    /// `whole` (first to last value), `short_term` (the last 5 years) or `long_term` (the last 15 years).
    package var window: String
    package var t0: Double?
    package var t1: Double?
    package var cagr: Double?
    package var status: EstimateStatus
}

package enum GrowthRate {
    /// (y1 / y0)^(1 / (t1 − t0)) − 1. Undefined — never zero — when the base is not positive or the sign changes.
    package static func compound(from start: TimePoint, to end: TimePoint) -> (cagr: Double?, status: EstimateStatus) {
        guard end.time > start.time else {
            return (nil, .tooFewPoints("a growth rate needs two different periods"))
        }
        if start.value > 0, end.value < 0 {
            return (
                nil,
                EstimateStatus(
                    code: "sign_change",
                    reason:
                        "the value changes sign (\(start.value) to \(end.value)); a compound growth rate is undefined")
            )
        }
        guard start.value > 0 else {
            return (
                nil,
                EstimateStatus(
                    code: "cagr_base_not_positive",
                    reason: "the base value \(start.value) is not positive; a compound growth rate is undefined")
            )
        }
        return (pow(end.value / start.value, 1 / (end.time - start.time)) - 1, .ok)
    }

    /// The whole-span, short-term (5 years) and long-term (15 years) rates ending at the last value. A window's base
    /// is the observation closest to t1 − years (the earlier one on a tie), within a year of it; gaps are kept.
    package static func windows(_ points: [TimePoint]) -> [GrowthRateEstimate] {
        guard let last = points.last, let first = points.first, points.count >= 2 else {
            return ["whole", "short_term", "long_term"].map {
                GrowthRateEstimate(
                    window: $0, t0: nil, t1: points.last?.time, cagr: nil,
                    status: .tooFewPoints("a growth rate needs at least 2 values"))
            }
        }
        var result: [GrowthRateEstimate] = []
        let whole = compound(from: first, to: last)
        result.append(
            GrowthRateEstimate(window: "whole", t0: first.time, t1: last.time, cagr: whole.cagr, status: whole.status))
        for (name, years) in [("short_term", 5.0), ("long_term", 15.0)] {
            guard let base = base(points, endingAt: last.time, years: years) else {
                result.append(
                    GrowthRateEstimate(
                        window: name, t0: nil, t1: last.time, cagr: nil,
                        status: .tooFewPoints(
                            "no value within a year of \(last.time - years) to start a \(Int(years))-year rate")))
                continue
            }
            let rate = compound(from: base, to: last)
            result.append(
                GrowthRateEstimate(window: name, t0: base.time, t1: last.time, cagr: rate.cagr, status: rate.status))
        }
        return result
    }

    static func base(_ points: [TimePoint], endingAt t1: Double, years: Double) -> TimePoint? {
        let wanted = t1 - years
        let candidates = points.filter { $0.time < t1 && abs($0.time - wanted) <= 1 + 1e-9 }
        return candidates.min { a, b in
            let da = abs(a.time - wanted)
            let db = abs(b.time - wanted)
            return da != db ? da < db : a.time < b.time
        }
    }
}
