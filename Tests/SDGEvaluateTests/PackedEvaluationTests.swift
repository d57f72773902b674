import Testing

@testable import SDGEvaluate

/// A packed evaluation unpacks to exactly the evaluation packed: every estimate, optional and text.
@Suite struct PackedEvaluationTests {
    func series(_ n: Int, seed: UInt64) -> [TimePoint] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<n).map { TimePoint(time: 2000 + Double($0), value: 50 + 3 * Double($0) * next() - 20 * next()) }
    }

    @Test func everyKindOfEvaluationRoundTrips() {
        var cases: [SeriesEvaluation] = []
        for n in [0, 1, 2, 3, 5, 8, 12, 25] {
            let points = series(n, seed: UInt64(n) + 7)
            // Whole series; with a target and direction; around an action (before/after, ITS, pre/post trends).
            cases.append(SeriesEvaluator.evaluate(points, settings: EvaluationContext()))
            cases.append(
                SeriesEvaluator.evaluate(
                    points, settings: EvaluationContext(direction: .increase, target: 90, limit: 100)))
            var action = EvaluationContext(start: 2006, direction: .decrease, hacLags: n > 6 ? 2 : nil)
            cases.append(SeriesEvaluator.evaluate(points, settings: action))
            action.actionEffectsOnly = true
            cases.append(SeriesEvaluator.evaluate(points, settings: action))
        }
        // Constant values (zero variance) and a sign change give their own status texts.
        cases.append(
            SeriesEvaluator.evaluate(
                (0..<8).map { TimePoint(time: 2010 + Double($0), value: 5) }, settings: EvaluationContext(start: 2014)))
        cases.append(
            SeriesEvaluator.evaluate(
                (0..<8).map { TimePoint(time: 2010 + Double($0), value: Double($0) - 4) }, settings: EvaluationContext()
            ))
        for e in cases {
            #expect(PackedEvaluation(e).evaluation == e)
        }
        #expect(
            cases.contains { $0.beforeAfter != nil } && cases.contains { $0.its != nil }
                && cases.contains { !$0.growth.isEmpty })
    }

    @Test func textsOutsideTheCommonOnesAndLargeCountsSurvive() {
        let status = EstimateStatus(code: "custom_code_é", reason: String(repeating: "a long reason ", count: 40))
        let ols = TrendEstimate(
            n: 1_000_000, slope: -0.0, intercept: .greatestFiniteMagnitude, standardError: nil,
            t: .leastNonzeroMagnitude,
            pValue: 1, ciLow: nil, ciHigh: -1e300, rSquared: nil, status: status)
        let mk = MannKendallEstimate(
            n: -3, s: nil, varianceS: 2, z: nil, pValue: nil, tau: nil, pExact: 0.5, status: .ok)
        let sen = SenSlopeEstimate(slope: nil, intercept: nil, ciLow: nil, ciHigh: nil, status: .tooFewPoints(""))
        let progress = ProgressAssessment(
            eurostat: EurostatAssessment(progressClass: nil, ratio: nil, cagr: nil, requiredCagr: nil, status: status),
            openSDG: OpenSDGAssessment(
                status: "not_available", score: nil, progressValue: nil, baseYear: nil, currentYear: nil, reason: "x"),
            sdsn: SDSNAssessment(score: 3, arrow: "↑ new arrow", status: .ok),
            oecd: OECDAssessment(distance: nil, status: .ok))
        let e = SeriesEvaluation(
            n: Int.max, firstTime: nil, lastTime: -2024.5, beforeAfter: nil,
            trends: [TrendSegment(segment: "a segment of its own", ols: ols, mannKendall: mk, sen: sen)], its: nil,
            growth: [GrowthRateEstimate(window: "whole", t0: nil, t1: 1, cagr: nil, status: status)], progress: progress
        )
        let back = PackedEvaluation(e).evaluation
        #expect(back == e)
        #expect(back.trends[0].ols.slope?.sign == .minus)  // -0.0 kept, not turned into 0
    }
}
