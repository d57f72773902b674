import Testing

@testable import SDGEvaluate
@testable import SDGPublish

/// Every stored property of every estimate is either a column of the tables and `evaluate --format json` (through
/// `EstimateFields`) or named here as deliberately not one, with why. A property added to an estimate without a
/// decision fails this test, so no result is computed and then silently never written.
@Suite struct EstimateFieldsTests {
    /// Property names whose column is spelled differently from the property's snake case.
    static let renamed: [String: String] = [
        "degreesOfFreedom": "df", "standardError": "se", "varianceS": "var_s", "estimate2x2": "estimate_2x2",
        "estimateTWFE": "estimate_twfe", "levelSE": "level_se", "slopeSE": "slope_se", "levelP": "level_p",
        "slopeP": "slope_p", "hacLevelSE": "hac_level_se", "hacSlopeSE": "hac_slope_se", "preRMSPE": "pre_rmspe",
        "postRMSPE": "post_rmspe", "progressClass": "class", "pRandomization": "p_randomization",
        "pWildBootstrap": "p_wild_bootstrap", "placeboEstimate": "placebo_estimate",
    ]

    static func snake(_ name: String) -> String {
        if let r = renamed[name] { return r }
        var out = ""
        for c in name {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Checks `value`'s stored properties against `fields`; `elsewhere` lists the properties that are not columns.
    func check(_ value: Any, _ fields: EstimateFields.Fields, elsewhere: Set<String>) {
        let columns = Set(fields.map(\.0))
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, !elsewhere.contains(label) else { continue }
            if label == "status" {
                #expect(columns.contains("status"), "\(type(of: value)).status has no column")
                continue
            }
            #expect(
                columns.contains(Self.snake(label)),
                "\(type(of: value)).\(label) is neither a column (\(Self.snake(label))) nor listed as kept elsewhere")
        }
    }

    /// Counts the fields an estimate's `visitFields` declares (a status is one field).
    struct FieldCounter: EstimateFieldVisitor {
        var names: [String] = []
        mutating func count(_ name: String, _ value: inout Int, _ use: FieldUse) { names.append(name) }
        mutating func count(_ name: String, _ value: inout Int?, _ use: FieldUse) { names.append(name) }
        mutating func number(_ name: String, _ value: inout Double?, _ use: FieldUse) { names.append(name) }
        mutating func text(_ name: String, _ value: inout String, _ use: FieldUse) { names.append(name) }
        mutating func text(_ name: String, _ value: inout String?, _ use: FieldUse) { names.append(name) }
        mutating func status(_ value: inout EstimateStatus, reason: FieldUse) { names.append("status") }
    }

    /// Every stored property is declared in `visitFields`, so it is packed, read back and either a column or kept on
    /// purpose: a property left out of the declaration would come back from `PackedEvaluation` empty.
    func checkDeclared<R: EstimateRecord>(_ record: R) {
        var counter = FieldCounter()
        var r = record
        r.visitFields(&counter)
        let properties = Mirror(reflecting: record).children.compactMap(\.label)
        #expect(
            counter.names.count == properties.count,
            "\(R.self) declares \(counter.names) for its properties \(properties)")
        #expect(Set(counter.names).count == counter.names.count, "\(R.self) declares a name twice")
    }

    @Test func everyEstimatePropertyIsDeclaredOnce() throws {
        let points = (0..<12).map { (i: Int) -> TimePoint in
            TimePoint(time: 2010 + Double(i), value: 40 + Double(i * i % 7) + Double(i))
        }
        let e = SeriesEvaluator.evaluate(
            points, settings: EvaluationContext(start: 2016, direction: .increase, target: 80, hacLags: 1))
        checkDeclared(try #require(e.beforeAfter))
        let trend = try #require(e.trends.first)
        checkDeclared(trend.ols)
        checkDeclared(trend.mannKendall)
        checkDeclared(trend.sen)
        checkDeclared(try #require(e.its))
        checkDeclared(try #require(e.growth.first))
        checkDeclared(e.progress.eurostat)
        checkDeclared(e.progress.openSDG)
        checkDeclared(e.progress.sdsn)
        checkDeclared(e.progress.oecd)
    }

    @Test func everyEstimatePropertyIsAColumnOrDeliberatelyNot() throws {
        let points = (0..<12).map { (i: Int) -> TimePoint in
            let wobble = Double(i * i % 7)
            return TimePoint(time: 2010 + Double(i), value: 40 + wobble + Double(i))
        }
        let e = SeriesEvaluator.evaluate(
            points, settings: EvaluationContext(start: 2016, direction: .increase, target: 80, hacLags: 1))
        let ba = try #require(e.beforeAfter)
        check(ba, EstimateFields.beforeAfter(ba), elsewhere: [])
        let trend = try #require(e.trends.first)
        check(trend.ols, EstimateFields.ols(trend.ols), elsewhere: ["n"])  // `n` is the trends row's own column
        check(trend.mannKendall, EstimateFields.mannKendall(trend.mannKendall), elsewhere: ["n"])
        check(trend.sen, EstimateFields.sen(trend.sen), elsewhere: [])
        let its = try #require(e.its)
        check(its, EstimateFields.its(its), elsewhere: ["n"])
        let growth = try #require(e.growth.first)
        check(growth, EstimateFields.growth(growth), elsewhere: [])
        // The progress table's columns: the Open SDG years and SDSN/OECD/Eurostat inputs shown in `reason` only.
        check(
            e.progress.eurostat, EstimateFields.eurostat(e.progress.eurostat), elsewhere: ["cagr", "requiredCagr"])
        check(
            e.progress.openSDG, EstimateFields.openSDG(e.progress.openSDG),
            elsewhere: ["baseYear", "currentYear", "reason"])
        check(e.progress.sdsn, EstimateFields.sdsn(e.progress.sdsn), elsewhere: [])
        check(e.progress.oecd, EstimateFields.oecd(e.progress.oecd), elsewhere: [])

        var panel: [PanelObservation] = []
        for (k, area) in ["T", "A", "B", "C"].enumerated() {
            for year in 2010..<2020 {
                let effect: Double = area == "T" && year >= 2015 ? 5 : 0
                let value: Double = 10 + Double(k) + Double(year - 2010) + effect
                panel.append(PanelObservation(area: area, time: Double(year), value: value, treated: area == "T"))
            }
        }
        let (did, synthetic) = ComparisonPanel.estimate(panel, start: 2015)
        // `clusters` and `leftOut` are told in the status reason; `placeboStart` is the documented fixed lag.
        check(did, EstimateFields.did(did), elsewhere: ["clusters", "leftOut", "placeboStart"])
        // `placeboAreas` and `leftOut` are told in the status reason; `pValue` is the `p_randomization` column.
        check(
            synthetic, EstimateFields.syntheticControl(synthetic),
            elsewhere: ["placeboAreas", "leftOut", "pValue", "estimate", "weights"])
        let scColumns = Set(EstimateFields.syntheticControl(synthetic).map(\.0))
        #expect(scColumns.isSuperset(of: ["p_randomization", "estimate_synthetic", "synthetic_weights"]))
    }
}
