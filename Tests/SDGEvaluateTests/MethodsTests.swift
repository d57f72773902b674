import Foundation
import Testing

@testable import SDGEvaluate

/// Trend, Mann–Kendall, Sen, ITS and DiD against statsmodels, pymannkendall and scipy (scripts/reference_methods.py).
@Suite struct MethodsTests {
    struct Methods: Decodable {
        let cases: [Series]
        let did: [Panel]
    }

    struct Series: Decodable {
        let name: String
        let times: [Double]
        let values: [Double]
        let start: Double
        let ols: [String: Double]
        let mann_kendall: [String: Double]
        let sen: [String: Double]
        let its: [String: Double]?
        var points: [TimePoint] { zip(times, values).map { TimePoint(time: $0, value: $1) } }
    }

    struct Panel: Decodable {
        struct Row: Decodable {
            let area: String
            let time: Double
            let value: Double
            let treated: Bool
        }
        let name: String
        let start: Double
        let panel: [Row]
        let estimate_2x2: Double
        let estimate_twfe: Double
        let se_clustered: Double
        let p_value: Double
    }

    static let reference: Methods = {
        let url = Bundle.module.url(forResource: "Fixtures/methods", withExtension: "json")!
        return try! JSONDecoder().decode(Methods.self, from: Data(contentsOf: url))
    }()

    /// 1e-9 relative for estimates; p-values to 1e-12 absolute.
    func check(_ got: Double?, _ want: Double?, _ label: String, p: Bool = false) {
        guard let want else { return }
        guard let got else {
            Issue.record("\(label): nil, expected \(want)")
            return
        }
        // Values that are zero in exact arithmetic (a flat pre-slope) compare absolutely at rounding level.
        let ok = p ? abs(got - want) <= 1e-12 : abs(got - want) <= max(1e-9 * abs(want), 1e-13)
        #expect(ok, "\(label): \(got) vs \(want)")
    }

    @Test func olsTrendMatchesStatsmodels() {
        for c in Self.reference.cases {
            let e = OLSTrend.estimate(c.points)
            #expect(e.status == .ok, "\(c.name)")
            check(e.slope, c.ols["slope"], "\(c.name) slope")
            check(e.intercept, c.ols["intercept"], "\(c.name) intercept")
            check(e.standardError, c.ols["se"], "\(c.name) se")
            check(e.t, c.ols["t"], "\(c.name) t")
            check(e.pValue, c.ols["p_value"], "\(c.name) p", p: true)
            check(e.ciLow, c.ols["ci_low"], "\(c.name) ci_low")
            check(e.ciHigh, c.ols["ci_high"], "\(c.name) ci_high")
            check(e.rSquared, c.ols["r_squared"], "\(c.name) r2")
        }
    }

    @Test func mannKendallMatchesPymannkendall() {
        for c in Self.reference.cases {
            let e = MannKendall.estimate(c.points)
            check(e.s, c.mann_kendall["s"], "\(c.name) S")
            check(e.varianceS, c.mann_kendall["var_s"], "\(c.name) var S")
            check(e.z, c.mann_kendall["z"], "\(c.name) z")
            check(e.pValue, c.mann_kendall["p_value"], "\(c.name) p", p: true)
            check(e.tau, c.mann_kendall["tau"], "\(c.name) tau")
            if let exact = c.mann_kendall["p_exact"] {
                check(e.pExact, exact, "\(c.name) exact p", p: true)
            } else {
                #expect(e.pExact == nil, "\(c.name): no exact p with ties or n > 10")
            }
        }
    }

    @Test func senSlopeMatchesScipyTheilslopes() {
        for c in Self.reference.cases {
            let e = SenSlope.estimate(c.points)
            check(e.slope, c.sen["slope"], "\(c.name) slope")
            check(e.intercept, c.sen["intercept"], "\(c.name) intercept")
            check(e.ciLow, c.sen["ci_low"], "\(c.name) ci_low")
            check(e.ciHigh, c.sen["ci_high"], "\(c.name) ci_high")
        }
    }

    @Test func segmentedRegressionMatchesStatsmodels() {
        for c in Self.reference.cases {
            let e = SegmentedRegression.estimate(c.points, start: c.start)
            guard let its = c.its else {
                #expect(e.status.code == "too_few_points", "\(c.name)")
                continue
            }
            #expect(e.status == .ok, "\(c.name): \(e.status)")
            for (got, key) in [
                (e.levelChange, "level_change"), (e.slopeChange, "slope_change"), (e.preSlope, "pre_slope"),
                (e.postSlope, "post_slope"), (e.levelSE, "level_se"), (e.slopeSE, "slope_se"),
                (e.rSquared, "r_squared"),
                (e.durbinWatson, "durbin_watson"), (e.hacLevelSE, "hac_level_se"), (e.hacSlopeSE, "hac_slope_se"),
            ] {
                check(got, its[key], "\(c.name) \(key)")
            }
            check(e.levelP, its["level_p"], "\(c.name) level p", p: true)
            check(e.slopeP, its["slope_p"], "\(c.name) slope p", p: true)
            #expect(e.hacLags.map(Double.init) == its["hac_lags"], "\(c.name) lags")
        }
    }

    @Test func differenceInDifferencesMatchesStatsmodelsClusteredOLS() {
        for c in Self.reference.did {
            let panel = c.panel.map {
                PanelObservation(area: $0.area, time: $0.time, value: $0.value, treated: $0.treated)
            }
            let e = DifferenceInDifferences.estimate(panel, start: c.start)
            // Four areas: the CR1 numbers match statsmodels, and the status says they are too few to trust the p.
            #expect(e.status.code == "few_clusters", "\(c.name): \(e.status)")
            check(e.estimate2x2, c.estimate_2x2, "\(c.name) 2x2")
            check(e.estimateTWFE, c.estimate_twfe, "\(c.name) twfe")
            check(e.seClustered, c.se_clustered, "\(c.name) se")
            check(e.pValue, c.p_value, "\(c.name) p", p: true)
            #expect(e.clusters == 4)
            // The synthetic panels have parallel pre-trends: the placebo is small next to the 4-point effect.
            #expect(abs(e.placeboEstimate!) < 1.0, "\(c.name) placebo \(e.placeboEstimate!)")
        }
    }

    @Test func undefinedIsNeverZero() {
        let two = [TimePoint(time: 2015, value: 1), TimePoint(time: 2016, value: 2)]
        #expect(OLSTrend.estimate(two).status.code == "too_few_points")
        #expect(MannKendall.estimate(two).status.code == "too_few_points")
        let flat = (0..<6).map { TimePoint(time: 2010 + Double($0), value: 5) }
        #expect(MannKendall.estimate(flat).status.code == "zero_variance")
        #expect(OLSTrend.estimate(flat).slope == 0)
        #expect(SegmentedRegression.estimate(two, start: 2016).status.code == "too_few_points")
        let onlyTreated = [
            PanelObservation(area: "A", time: 2015, value: 1, treated: true),
            PanelObservation(area: "A", time: 2017, value: 2, treated: true),
        ]
        let did = DifferenceInDifferences.estimate(onlyTreated, start: 2016)
        #expect(did.status.code == "too_few_points" && did.estimate2x2 == nil)
    }

    @Test func exactMannKendallPFromPermutations() {
        // n = 4, perfectly increasing: P(S = 6) = 1/24, two-sided 2/24.
        #expect(abs(MannKendall.exactPValue(n: 4, discordant: 0) - 2.0 / 24) < 1e-15)
        #expect(MannKendall.exactPValue(n: 5, discordant: 5) == 1)
    }
}
