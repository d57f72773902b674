/// Whether a field of an estimate is a column of the result tables (and a key of `evaluate --format json`) or kept
/// with the estimate only (carried, packed and read back, told in a status reason or another column).
package enum FieldUse: Sendable {
    case column
    case kept
}

/// Something that walks an estimate's fields in their declared order: the packer writes them, the unpacker
/// overwrites them, the table makers collect the columns. Each method gets the field's column name.
package protocol EstimateFieldVisitor {
    mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse)
    mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse)
    mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse)
    mutating func text(_ name: String, _ value: inout String, _ use: FieldUse)
    mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse)
    /// `status` and, when `reason` is `.column`, `reason` (empty written as missing).
    mutating func status(_ value: inout EstimateStatus, reason: FieldUse)
}

/// An estimate whose fields are declared once, in `visitFields`: the result tables' columns, the JSON of
/// `evaluate` and the packed layout (`PackedEvaluation`) all follow that one list, so a field cannot be written in
/// one and forgotten in another (`EstimateFieldsTests` checks that every stored property is visited).
///
/// Why a visitor and not key paths: the packer and unpacker are generic over it and specialised by the compiler,
/// as fast as hand-written code; applying a list of key paths measured 95 ns a field, several seconds at 600,000
/// series.
package protocol EstimateRecord: Sendable {
    /// An estimate with every field empty, which the unpacker overwrites field by field.
    static var blank: Self { get }
    mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V)
}

extension BeforeAfterEstimate: EstimateRecord {
    package static var blank: Self {
        .init(
            nBefore: 0, nAfter: 0, meanBefore: nil, meanAfter: nil, difference: nil, relativeChange: nil, t: nil,
            degreesOfFreedom: nil, pValue: nil, ciLow: nil, ciHigh: nil, cohenD: nil, hedgesG: nil, status: .ok)
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.count("n_before", &nBefore, .column)
        v.count("n_after", &nAfter, .column)
        v.number("mean_before", &meanBefore, .column)
        v.number("mean_after", &meanAfter, .column)
        v.number("difference", &difference, .column)
        v.number("relative_change", &relativeChange, .column)
        v.number("t", &t, .column)
        v.number("df", &degreesOfFreedom, .column)
        v.number("p_value", &pValue, .column)
        v.number("ci_low", &ciLow, .column)
        v.number("ci_high", &ciHigh, .column)
        v.number("cohen_d", &cohenD, .column)
        v.number("hedges_g", &hedgesG, .column)
        v.status(&status, reason: .column)
    }
}

extension TrendEstimate: EstimateRecord {
    package static var blank: Self {
        .init(
            n: 0, slope: nil, intercept: nil, standardError: nil, t: nil, pValue: nil, ciLow: nil, ciHigh: nil,
            rSquared: nil, status: .ok)
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.count("n", &n, .kept)  // the trends row's own `n` column, shared with Sen's slope
        v.number("slope", &slope, .column)
        v.number("intercept", &intercept, .column)
        v.number("se", &standardError, .column)
        v.number("t", &t, .column)
        v.number("p_value", &pValue, .column)
        v.number("ci_low", &ciLow, .column)
        v.number("ci_high", &ciHigh, .column)
        v.number("r_squared", &rSquared, .column)
        v.status(&status, reason: .column)
    }
}

extension MannKendallEstimate: EstimateRecord {
    package static var blank: Self {
        .init(n: 0, s: nil, varianceS: nil, z: nil, pValue: nil, tau: nil, pExact: nil, status: .ok)
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.count("n", &n, .kept)  // the trends row's own `n` column
        v.number("s", &s, .column)
        v.number("var_s", &varianceS, .column)
        v.number("z", &z, .column)
        v.number("p_value", &pValue, .column)
        v.number("tau", &tau, .column)
        v.number("p_exact", &pExact, .column)
        v.status(&status, reason: .column)
    }
}

extension SenSlopeEstimate: EstimateRecord {
    package static var blank: Self { .init(slope: nil, intercept: nil, ciLow: nil, ciHigh: nil, status: .ok) }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.number("slope", &slope, .column)
        v.number("intercept", &intercept, .column)
        v.number("ci_low", &ciLow, .column)
        v.number("ci_high", &ciHigh, .column)
        v.status(&status, reason: .column)
    }
}

extension InterruptedTimeSeriesEstimate: EstimateRecord {
    package static var blank: Self {
        .init(
            n: 0, levelChange: nil, slopeChange: nil, preSlope: nil, postSlope: nil, levelSE: nil, slopeSE: nil,
            levelP: nil, slopeP: nil, rSquared: nil, durbinWatson: nil, hacLags: nil, hacLevelSE: nil,
            hacSlopeSE: nil, status: .ok)
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.count("n", &n, .kept)  // the before/after row of the same series and action has the counts
        v.number("level_change", &levelChange, .column)
        v.number("slope_change", &slopeChange, .column)
        v.number("pre_slope", &preSlope, .column)
        v.number("post_slope", &postSlope, .column)
        v.number("level_se", &levelSE, .column)
        v.number("slope_se", &slopeSE, .column)
        v.number("level_p", &levelP, .column)
        v.number("slope_p", &slopeP, .column)
        v.number("r_squared", &rSquared, .column)
        v.number("durbin_watson", &durbinWatson, .column)
        v.count("hac_lags", &hacLags, .column)
        v.number("hac_level_se", &hacLevelSE, .column)
        v.number("hac_slope_se", &hacSlopeSE, .column)
        v.status(&status, reason: .column)
    }
}

extension GrowthRateEstimate: EstimateRecord {
    package static var blank: Self { .init(window: "", t0: nil, t1: nil, cagr: nil, status: .ok) }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.text("window", &window, .column)
        v.number("t0", &t0, .column)
        v.number("t1", &t1, .column)
        v.number("cagr", &cagr, .column)
        v.status(&status, reason: .column)
    }
}

extension EurostatAssessment: EstimateRecord {
    package static var blank: Self {
        .init(progressClass: nil, ratio: nil, cagr: nil, requiredCagr: nil, status: .ok)
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.text("class", &progressClass, .column)
        v.number("ratio", &ratio, .column)
        v.number("cagr", &cagr, .kept)  // the growth columns (cagr_*) and the reason tell it
        v.number("required_cagr", &requiredCagr, .kept)  // told in the reason
        v.status(&status, reason: .column)
    }
}

extension OpenSDGAssessment: EstimateRecord {
    package static var blank: Self {
        .init(status: "", score: nil, progressValue: nil, baseYear: nil, currentYear: nil, reason: "")
    }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.text("status", &status, .column)
        v.number("score", &score, .column)
        v.number("progress_value", &progressValue, .column)
        v.number("base_year", &baseYear, .kept)  // the first_period and last_period columns
        v.number("current_year", &currentYear, .kept)
        v.text("reason", &reason, .kept)
    }
}

extension SDSNAssessment: EstimateRecord {
    package static var blank: Self { .init(score: nil, arrow: nil, status: .ok) }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.number("score", &score, .column)
        v.text("arrow", &arrow, .column)
        v.status(&status, reason: .kept)
    }
}

extension OECDAssessment: EstimateRecord {
    package static var blank: Self { .init(distance: nil, status: .ok) }

    package mutating func visitFields<V: EstimateFieldVisitor>(_ v: inout V) {
        v.number("distance", &distance, .column)
        v.status(&status, reason: .column)
    }
}
