import Foundation
import Testing

@testable import SDGEvaluate

struct ReferenceFile<Case: Decodable>: Decodable {
    let generator: String
    let scipy: String
    let cases: [Case]

    static func load(_ name: String) throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        return try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url)).cases
    }
}

/// |a − b| ≤ tolerance × max(|b|, tiny): the 1e-9 relative agreement the project promises for closed-form maths.
func close(_ a: Double?, _ b: Double, relative tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(abs(b), 1e-300)
}

@Suite struct WelchTestTests {
    struct Case: Decodable {
        let name: String
        let before: [Double]
        let after: [Double]
        let mean_before: Double
        let mean_after: Double
        let t: Double
        let df: Double
        let p_value: Double
        let ci_low: Double
        let ci_high: Double
        let cohen_d: Double
        let hedges_g: Double
        let student_t: Double
        let student_df: Double
        let student_p: Double
        let student_ci_low: Double
        let student_ci_high: Double
    }

    @Test func confidenceIntervalEffectSizesAndStudentMatchScipy() throws {
        for c in try ReferenceFile<Case>.load("welch") {
            let e = WelchTest.estimate(before: c.before, after: c.after)
            #expect(
                close(e.ciLow, c.ci_low) && close(e.ciHigh, c.ci_high),
                "\(c.name): CI \(e.ciLow ?? .nan)…\(e.ciHigh ?? .nan)")
            #expect(close(e.cohenD, c.cohen_d) && close(e.hedgesG, c.hedges_g), "\(c.name): d/g")
            let s = WelchTest.estimate(before: c.before, after: c.after, pooledVariance: true)
            #expect(close(s.t, c.student_t) && s.degreesOfFreedom == c.student_df, "\(c.name): Student t")
            #expect(abs(s.pValue! - c.student_p) <= 1e-12, "\(c.name): Student p")
            #expect(close(s.ciLow, c.student_ci_low) && close(s.ciHigh, c.student_ci_high), "\(c.name): Student CI")
        }
    }

    @Test func matchesScipyTtestInd() throws {
        let cases = try ReferenceFile<Case>.load("welch")
        #expect(cases.count == 8)
        for c in cases {
            let e = WelchTest.estimate(before: c.before, after: c.after)
            #expect(e.status == .ok, "\(c.name)")
            #expect(close(e.meanBefore, c.mean_before, relative: 1e-12), "\(c.name) mean before")
            #expect(close(e.meanAfter, c.mean_after, relative: 1e-12), "\(c.name) mean after")
            #expect(close(e.t, c.t), "\(c.name): t \(e.t ?? .nan) vs \(c.t)")
            #expect(close(e.degreesOfFreedom, c.df), "\(c.name): df \(e.degreesOfFreedom ?? .nan) vs \(c.df)")
            #expect(
                abs(e.pValue! - c.p_value) <= 1e-12 && close(e.pValue, c.p_value, relative: 1e-8),
                "\(c.name): p \(e.pValue ?? .nan) vs \(c.p_value)")
        }
    }

    /// The demo's Riverton adult-learning numbers recomputed by hand: means, difference, t and df from the formulas.
    @Test func byHand() {
        let before = [1.0, 2.0, 3.0]
        let after = [4.0, 6.0, 8.0]
        let e = WelchTest.estimate(before: before, after: after)
        // means 2 and 6; variances 1 and 4; se² = 1/3 + 4/3 = 5/3; t = 4 / √(5/3); df = (5/3)² / ((1/3)²/2 + (4/3)²/2)
        #expect(e.difference == 4)
        #expect(e.relativeChange == 2)
        #expect(close(e.t, 4 / (5.0 / 3).squareRoot(), relative: 1e-14))
        #expect(close(e.degreesOfFreedom, (25.0 / 9) / ((1.0 / 9) / 2 + (16.0 / 9) / 2), relative: 1e-14))
    }

    @Test func tooFewPointsKeepsTheMeansAndSaysWhy() {
        let e = WelchTest.estimate(before: [3.0], after: [4.0, 5.0])
        #expect(e.status.code == "too_few_points")
        #expect(e.status.reason.contains("1 before"))
        #expect(e.meanBefore == 3 && e.meanAfter == 4.5 && e.difference == 1.5)
        #expect(e.t == nil && e.pValue == nil)
        #expect(WelchTest.estimate(before: [], after: []).meanBefore == nil)
    }

    @Test func constantSeriesIsZeroVarianceNotZero() {
        let e = WelchTest.estimate(before: [2, 2, 2], after: [5, 5])
        #expect(e.status.code == "zero_variance")
        #expect(e.difference == 3 && e.t == nil)
    }

    @Test func zeroBaseHasNoRelativeChange() {
        let e = WelchTest.estimate(before: [-1, 1], after: [2, 3])
        #expect(e.relativeChange == nil && e.difference == 2.5)
    }
}

@Suite struct StudentTTests {
    struct Point: Decodable {
        let df: Double
        let t: Double
        let two_sided_p: Double
        let cdf: Double
    }

    @Test func matchesScipyTDistribution() throws {
        for p in try ReferenceFile<Point>.load("student_t") {
            let dist = StudentT(degreesOfFreedom: p.df)
            let got = dist.twoSidedPValue(p.t)
            #expect(
                abs(got - p.two_sided_p) <= 1e-12 && close(got, p.two_sided_p, relative: 1e-9),
                "df \(p.df) t \(p.t): \(got) vs \(p.two_sided_p)")
            #expect(abs(dist.cdf(p.t) - p.cdf) <= 1e-12, "cdf df \(p.df) t \(p.t)")
        }
    }
}

@Suite struct QuantileTests {
    struct TPoint: Decodable {
        let df: Double
        let p: Double
        let t: Double
    }
    struct ZPoint: Decodable {
        let p: Double
        let z: Double
    }

    @Test func studentTQuantileMatchesScipy() throws {
        for q in try ReferenceFile<TPoint>.load("quantiles") {
            let got = StudentT(degreesOfFreedom: q.df).quantile(q.p)
            #expect(close(got, q.t) || abs(got - q.t) < 1e-12, "df \(q.df) p \(q.p): \(got) vs \(q.t)")
        }
    }

    @Test func normalQuantileMatchesScipy() throws {
        for q in try ReferenceFile<ZPoint>.load("normal") {
            let got = NormalDistribution.quantile(q.p)
            #expect(close(got, q.z, relative: 1e-12) || abs(got - q.z) < 1e-14, "p \(q.p): \(got) vs \(q.z)")
        }
        #expect(NormalDistribution.survival(38) > 0, "far tails do not underflow to zero")
        #expect(StudentT(degreesOfFreedom: 30).twoSidedPValue(40) > 0)
    }
}

@Suite struct ActionWindowTests {
    @Test func choosesOnRealTimeWithinTheWindow() {
        let times: [Double] = [2009, 2011, 2016, 2016.75, 2017, 2022, 2023]
        let w = ActionWindow(start: 2017, yearsBefore: 6, yearsAfter: 6)
        #expect(times.filter(w.contains) == [2011, 2016, 2016.75, 2017, 2022])
        #expect(times.filter(ActionWindow(start: 2017).contains) == times)
    }

    /// A chart draws the means over the points they average: the first and last observed inside the window.
    @Test func theObservedSpanIsThatOfThePointsInside() {
        let w = ActionWindow(start: 2017, yearsBefore: 6, yearsAfter: 6)
        #expect(w.observedSpan([2009, 2012.5, 2016, 2018, 2022.9, 2023]) == (2012.5, 2022.9))
        #expect(w.observedSpan([2018, 2019]) == (2017, 2019), "no point before: the start")
        #expect(ActionWindow(start: 2017).observedSpan([1990, 2030]) == (1990, 2030))
    }
}
