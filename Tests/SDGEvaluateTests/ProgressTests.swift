import Foundation
import SDGCore
import SDGTestSupport
import Testing
import Yams

@testable import SDGEvaluate

@Suite struct GrowthRateTests {
    @Test func compoundGrowthUsesRealYearGaps() {
        let r = GrowthRate.compound(from: TimePoint(time: 2015, value: 100), to: TimePoint(time: 2018, value: 121))
        #expect(abs(r.cagr! - (pow(1.21, 1.0 / 3) - 1)) < 1e-15)
        #expect(
            GrowthRate.compound(from: TimePoint(time: 2015, value: 0), to: TimePoint(time: 2016, value: 1)).status.code
                == "cagr_base_not_positive")
        #expect(
            GrowthRate.compound(from: TimePoint(time: 2015, value: 2), to: TimePoint(time: 2016, value: -1)).status.code
                == "sign_change")
    }

    @Test func windowsPickTheNearestBaseWithinAYear() {
        let points = [2005, 2008, 2012, 2017, 2019, 2021].map { TimePoint(time: Double($0), value: Double($0 - 2000)) }
        let w = GrowthRate.windows(points)
        #expect(w.map(\.window) == ["whole", "short_term", "long_term"])
        #expect(w[0].t0 == 2005 && w[0].t1 == 2021)
        #expect(w[1].t0 == 2017, "2016 is missing: 2017 is within a year")
        #expect(w[2].t0 == 2005, "2006 is missing: 2005 is within a year")
        let short = GrowthRate.windows(Array(points.suffix(3)))
        #expect(short[2].t0 == nil && short[2].status.code == "too_few_points", "nothing near 2006")
    }
}

@Suite struct ProgressClassifierTests {
    let rising = (2015...2023).map { TimePoint(time: Double($0), value: 40 * pow(1.02, Double($0 - 2015))) }

    @Test func eurostatWithoutTargetUsesTheShortTermRate() {
        let e = ProgressClassifier.assess(rising, direction: .increase, target: nil).eurostat
        #expect(abs(e.cagr! - 0.02) < 1e-12 && e.progressClass == "significant_progress")
        let falling = ProgressClassifier.assess(rising, direction: .decrease, target: nil).eurostat
        #expect(falling.progressClass == "significant_movement_away")
    }

    @Test func eurostatWithTargetComparesActualWithRequiredGrowth() {
        // Required: from 2018 (t − 5) value to 60 in 2030.
        let e = ProgressClassifier.assess(rising, direction: .increase, target: 60).eurostat
        let base = 40 * pow(1.02, 3.0)
        let required = pow(60 / base, 1.0 / 12) - 1
        #expect(abs(e.requiredCagr! - required) < 1e-15)
        #expect(abs(e.ratio! - 0.02 / required) < 1e-12)
        #expect(e.progressClass == (0.02 / required >= 0.95 ? "significant_progress" : "moderate_progress"))
        let met = ProgressClassifier.assess(rising, direction: .increase, target: 45).eurostat
        #expect(met.status.code == "target_already_met" && met.progressClass == "target_met")
    }

    /// A "decrease" indicator that met its target at the base year and has since passed it: 3.4 → 5.2 against 5.0
    /// was `significant_progress` (ratio 2.72, the required growth from 3.4 to 5.0 being positive like the actual one).
    @Test func eurostatWithATargetMetAtTheBaseClassesTheMoveAway() {
        let points = (0...5).map { TimePoint(time: 2018 + Double($0), value: 3.4 * pow(5.2 / 3.4, Double($0) / 5)) }
        let e = ProgressClassifier.assess(points, direction: .decrease, target: 5.0).eurostat
        #expect(e.status.code == "target_met_at_base", "\(e.status)")
        #expect(e.ratio == nil && e.requiredCagr == nil)
        #expect(e.progressClass == "significant_movement_away", "\(String(describing: e.progressClass))")
        #expect(e.status.reason.contains("3.4") && e.status.reason.contains("5.2"))
        // The same series for an "increase" indicator with a target above it is the ordinary ratio rule.
        let rising = ProgressClassifier.assess(points, direction: .increase, target: 6.0).eurostat
        #expect(rising.status == .ok && rising.ratio != nil)
    }

    /// The audit of the four assessments for targets met at the base year, crossed since, or on the wrong side of
    /// the worst value: each case gets an honest class and status, never "on track" for a target lost.
    @Test func targetsMetAtBaseCrossedOrBehindTheWorstValue() {
        // "decrease" indicator, 3.4 (meets 5.0) rising to 5.2 (no longer does).
        let lost = (0...5).map { TimePoint(time: 2018 + Double($0), value: 3.4 * pow(5.2 / 3.4, Double($0) / 5)) }
        let p = ProgressClassifier.assess(lost, direction: .decrease, target: 5.0, baseYear: 2018)
        #expect(p.sdsn.arrow == "decreasing" && p.sdsn.status.code == "target_met_at_base", "\(p.sdsn)")
        #expect(p.openSDG.status == "deterioration", "\(p.openSDG)")
        #expect(p.eurostat.status.code == "target_met_at_base")
        let values = lost.map(\.value)
        let mean = values.reduce(0, +) / 6
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5).squareRoot()
        #expect(abs(p.oecd.distance! - (values.last! - 5.0) / sd) < 1e-12, "the distance back to the target")
        // Met at the base and still met: achieved everywhere.
        let kept = (0...5).map { TimePoint(time: 2018 + Double($0), value: 3.4 + 0.1 * Double($0)) }
        let k = ProgressClassifier.assess(kept, direction: .decrease, target: 5.0, baseYear: 2018)
        #expect(k.sdsn.arrow == "on_track" && k.sdsn.score == 100, "\(k.sdsn)")
        #expect(k.sdsn.status.code == "target_behind_worst", "every value meets the target: \(k.sdsn.status)")
        #expect(k.openSDG.status == "target_achieved" && k.oecd.distance == 0)
        #expect(k.eurostat.status.code == "target_already_met")
        // A target behind the worst value ("increase", every value above 30): the scale would run backwards and
        // scored a value meeting the target 0.
        let behind = ProgressClassifier.assess(rising, direction: .increase, target: 30, baseYear: 2015).sdsn
        #expect(
            behind.score == 100 && behind.arrow == "on_track" && behind.status.code == "target_behind_worst",
            "\(behind)")
        #expect(behind.status.reason.contains("meets"))
        // Crossed: below the target at the base, above it now, is achieved (not a move away).
        let crossed = (0...5).map { TimePoint(time: 2018 + Double($0), value: 40 + 5 * Double($0)) }
        let c = ProgressClassifier.assess(crossed, direction: .increase, target: 55, baseYear: 2018)
        #expect(c.sdsn.arrow == "on_track" && c.openSDG.status == "target_achieved" && c.oecd.distance == 0)
    }

    @Test func sdsnScoreAndArrow() {
        let s = ProgressClassifier.assess(rising, direction: .increase, target: 60).sdsn
        let last = rising.last!.value
        #expect(abs(s.score! - 100 * (last - 40) / 20) < 1e-12)
        // Score grew from 0 to s over 8 years; 100 needed over 15.
        let ratio = (s.score! / 8) / (100.0 / 15)
        #expect(s.arrow == ProgressThresholds.sdsnTrend.classify(ratio))
    }

    @Test func oecdDistanceInStandardUnits() {
        let o = ProgressClassifier.assess(rising, direction: .increase, target: 60, scale: 4).oecd
        #expect(abs(o.distance! - (60 - rising.last!.value) / 4) < 1e-12)
        #expect(ProgressClassifier.assess(rising, direction: .increase, target: 30, scale: 4).oecd.distance == 0)
    }

    @Test func noDirectionIsAnExplicitStatus() {
        let p = ProgressClassifier.assess(rising, direction: nil, target: 60)
        #expect(p.eurostat.status.code == "no_direction" && p.openSDG.status == "not_available")
    }
}

/// Reproduces Statistics Canada's published progress components (../shared/corpus, skipped when absent).
@Suite(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: Open SDG reproduction skipped"))
struct OpenSDGReproductionTests {
    @Test func everyPublishedSeriesIsReproduced() throws {
        let url = try #require(sharedCorpus).appendingPathComponent(
            "sdg-csv/canada/indicator_calculation_components.yml")
        let node = try #require(try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8)))
        var series: [(String, Node.Mapping)] = []
        func walk(_ node: Node, _ path: String) {
            guard let mapping = node.mapping else { return }
            if mapping["base_value"] != nil && mapping["progress_value"] != nil {
                series.append((path, mapping))
                return
            }
            for (key, value) in mapping { walk(value, path + "/" + (key.string ?? "")) }
        }
        walk(node, "")
        #expect(series.count == 247)
        func number(_ m: Node.Mapping, _ key: String) -> Double? {
            guard let n = m[key], n.tag.description != "tag:yaml.org,2002:null", let s = n.string, s != "null" else {
                return nil
            }
            return Double(s)
        }
        var reproduced = 0
        for (path, m) in series {
            let published = m["status"]?.string ?? ""
            guard let base = number(m, "base_value"), let baseYear = number(m, "base_year"),
                let current = number(m, "current_value"), let currentYear = number(m, "current_year")
            else { continue }
            let a = OpenSDGProgress.assess(
                baseValue: base, baseYear: baseYear, currentValue: current, currentYear: currentYear,
                direction: number(m, "direction") == 1 ? .increase : .decrease, target: number(m, "target"),
                targetYear: number(m, "target_year") ?? 2030, limit: number(m, "limit"))
            #expect(a.status == published, "\(path): \(a.status) vs \(published)")
            if let score = number(m, "score") {
                #expect(
                    a.score.map { abs($0 - score) <= 1e-9 * max(1, abs(score)) } == true,
                    "\(path): score \(a.score ?? .nan) vs \(score)")
            } else {
                #expect(a.score == nil, "\(path): score should be null")
            }
            if let value = number(m, "progress_value") {
                #expect(
                    a.progressValue.map { abs($0 - value) <= 1e-12 * max(1, abs(value)) } == true,
                    "\(path): progress value")
            }
            reproduced += 1
        }
        #expect(reproduced > 200)
    }
}
