import Foundation
import Testing

@testable import SDGEvaluate

/// The placebo-in-space p-value against a direct permutation refitted with statsmodels for every area, and the wild
/// cluster bootstrap against every Webb weight vector refitted by statsmodels and run through wildboottest
/// (scripts/reference_randomization.py → Fixtures/randomization.json).
struct RandomizationInferenceTests {
    struct Case: Decodable {
        let name: String
        let start: Double
        let panel: [MethodsTests.Panel.Row]
        let estimates: [String: Double]
        let p_randomization: Double
        let p_wild_bootstrap: Double
        let p_wild_bootstrap_wildboottest: Double
    }
    struct Cases: Decodable { let cases: [Case] }

    static let reference: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures/randomization", withExtension: "json")!
        return try! JSONDecoder().decode(Cases.self, from: Data(contentsOf: url)).cases
    }()

    @Test func everyPlaceboAndThePValueMatchADirectPermutation() throws {
        #expect(Self.reference.count == 3)
        for c in Self.reference {
            let panel = c.panel.map {
                PanelObservation(area: $0.area, time: $0.time, value: $0.value, treated: $0.treated)
            }
            let e = DifferenceInDifferences.estimate(panel, start: c.start)
            #expect(e.pRandomization == c.p_randomization, "\(c.name): \(String(describing: e.pRandomization))")
            // The placebos themselves, each against its own statsmodels refit.
            let areas = Array(Set(panel.map(\.area))).sorted()
            let index = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
            let times = Array(Set(panel.map(\.time))).sorted()
            let timeIndex = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
            let treated = index[panel.first { $0.treated }!.area]!
            let fit = try #require(
                FixedEffectsFit(
                    area: panel.map { index[$0.area]! }, period: panel.map { timeIndex[$0.time]! },
                    post: panel.map { $0.time >= c.start }, treated: panel.map { $0.treated && $0.time >= c.start },
                    areas: areas.count, periods: times.count, values: panel.map(\.value)))
            // The sweep against the dummy regression it replaces, fitted by Householder QR.
            let k = fit.parameters
            var x = [Double](repeating: 0, count: panel.count * k)
            for i in panel.indices {
                let (a, t) = (fit.design.area[i], fit.design.period[i])
                x[i * k] = 1
                if a > 0 { x[i * k + a] = 1 }
                if t > 0 { x[i * k + areas.count - 1 + t] = 1 }
                x[i * k + k - 1] = a == treated && fit.design.post[i] ? 1 : 0
            }
            let dummies = try #require(LeastSquaresFit(design: x, columns: k, response: panel.map(\.value)))
            #expect(abs(fit.estimate - dummies.coefficients[k - 1]) <= 1e-9 * abs(fit.estimate))
            for (swept, qr) in zip(fit.residuals, dummies.residuals) { #expect(abs(swept - qr) <= 1e-9) }
            let placebos = try #require(RandomizationInference.placeboEstimates(fit))
            // The wild bootstrap with all 6^4 = 1,296 Webb weight vectors, against statsmodels refitting each.
            let wild = try #require(WildClusterBootstrap.pValue(fit, replications: 10_000))
            #expect(wild.draws == 1_296)
            #expect(abs(wild.p - c.p_wild_bootstrap) < 1e-12, "\(c.name): wild \(wild.p) vs \(c.p_wild_bootstrap)")
            #expect(abs(wild.p - c.p_wild_bootstrap_wildboottest) < 1e-12, "\(c.name): wild vs wildboottest")
            // At the default 999 draws (fewer than 6^4) the draws are seeded: the same p every time, near the exact one.
            let drawn = try #require(WildClusterBootstrap.pValue(fit))
            #expect(drawn.draws == 999 && e.pWildBootstrap == drawn.p)
            #expect(abs(drawn.p - c.p_wild_bootstrap) < 0.05, "\(c.name): \(drawn.p) vs \(c.p_wild_bootstrap)")
            for (area, want) in c.estimates {
                let got = placebos[index[area]!]
                #expect(abs(got - want) <= 1e-9 * abs(want), "\(c.name) \(area): \(got) vs \(want)")
            }
        }
    }

    @Test func twoTwinsGiveAtBestOneThird() {
        // One treated city and two twins: whatever the effect, no placebo-in-space p-value is below 1/3.
        var panel: [PanelObservation] = []
        for year in 2010...2020 {
            for (area, step) in [("A", 3), ("B", 7), ("C", 3)] {
                let effect: Double = area == "A" && year >= 2016 ? 50 : 0
                let wiggle = Double((year * step) % 5) * 0.1
                let value = Double(year - 2000) + effect + wiggle
                panel.append(PanelObservation(area: area, time: Double(year), value: value, treated: area == "A"))
            }
        }
        let e = DifferenceInDifferences.estimate(panel, start: 2016)
        #expect(e.pRandomization == 1.0 / 3.0)
        // The CR1 standard error collapses here (one treated area of three): the exact p-value does not need it.
        #expect(!e.status.isOK && e.pValue == nil, "\(e.status)")
    }
}

/// The bootstrap's drawn weights, made once per number of areas and shared: SplitMix64's published stream, draw after
/// draw, each weight one of Webb's six by the remainder of six, `laneCount` draws to a block of lanes.
struct WildBootstrapDrawTests {
    @Test func drawsFollowSplitMix64AndFillTheLanesInOrder() {
        func splitMix(_ state: inout UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // Vigna's reference output for the seed 1234567.
        var check: UInt64 = 1_234_567
        #expect(splitMix(&check) == 6_457_827_717_110_365_317 && splitMix(&check) == 3_203_168_211_198_807_973)
        let width = WildClusterBootstrap.laneCount
        for (clusters, replications) in [(21, 999), (5, 10), (7, 8)] {
            let drawn = WildClusterBootstrap.draws(clusters: clusters, replications: replications, seed: 42)
            #expect(drawn.count == (replications + width - 1) / width * clusters)
            var state: UInt64 = 42
            for r in 0..<replications {
                for j in 0..<clusters {
                    let want = WildClusterBootstrap.webbWeights[Int(splitMix(&state) % 6)]
                    #expect(drawn[(r / width) * clusters + j][r % width] == want, "draw \(r), area \(j)")
                }
            }
            for r in replications..<((replications + width - 1) / width * width) {
                for j in 0..<clusters { #expect(drawn[(r / width) * clusters + j][r % width] == 0) }
            }
            // Asked again, the same vectors.
            #expect(WildClusterBootstrap.draws(clusters: clusters, replications: replications, seed: 42) == drawn)
        }
    }
}

/// The layout a panel's fixed effects are computed from (counts by area and period) is made once and shared by the
/// panels with equal counts: the estimate and every placebo of each panel must then be what a fit of its own gives,
/// whether its layout was new or taken from another panel.
struct FixedEffectsLayoutTests {
    /// Areas A…E over 2010–2017 (`gap`: an area and year left out), A treated from `start`.
    static func panel(seed: Int, start: Double, treated: String = "A", gap: (String, Double)? = nil)
        -> [PanelObservation]
    {
        var rows: [PanelObservation] = []
        for area in ["A", "B", "C", "D", "E"] {
            for year in 2010...2017 where gap.map({ $0.0 != area || $0.1 != Double(year) }) ?? true {
                let wiggle = Double((year * 7 + area.unicodeScalars.first!.value.hashValue % 11 * seed) % 13) * 0.3
                let effect: Double = area == treated && Double(year) >= start ? 4 : 0
                rows.append(
                    PanelObservation(
                        area: area, time: Double(year), value: Double(year - 2000) + wiggle + effect,
                        treated: area == treated))
            }
        }
        return rows
    }

    @Test func sharedLayoutsGiveWhatEachPanelFittedAloneGives() throws {
        let cases: [(name: String, start: Double, rows: [PanelObservation])] = [
            ("first", 2014, Self.panel(seed: 1, start: 2014)),
            ("other values", 2014, Self.panel(seed: 2, start: 2014)),
            ("later start", 2016, Self.panel(seed: 3, start: 2016)),
            ("other treated area", 2014, Self.panel(seed: 4, start: 2014, treated: "C")),
            ("a gap", 2014, Self.panel(seed: 5, start: 2014, gap: ("D", 2011))),
            ("the first again", 2014, Self.panel(seed: 1, start: 2014)),
        ]
        var layouts: [FixedEffectsLayout] = []
        for c in cases {
            let panel = IndexedPanel(c.rows)
            let post = (0..<panel.count).map { panel.isAfter($0, c.start) }
            let fit = try #require(
                FixedEffectsFit(
                    area: panel.area, period: panel.period, post: post,
                    treated: post.indices.map { panel.treated[$0] && post[$0] }, areas: panel.areaNames.count,
                    periods: panel.times.count, values: panel.value))
            layouts.append(fit.design.layout)
            // The estimate against the dummy regression, fitted by Householder QR.
            let k = fit.parameters
            let g = panel.areaNames.count
            var x = [Double](repeating: 0, count: panel.count * k)
            for i in 0..<panel.count {
                let (a, t) = (panel.area[i], panel.period[i])
                x[i * k] = 1
                if a > 0 { x[i * k + a] = 1 }
                if t > 0 { x[i * k + g - 1 + t] = 1 }
                x[i * k + k - 1] = panel.treated[i] && post[i] ? 1 : 0
            }
            let dummies = try #require(LeastSquaresFit(design: x, columns: k, response: panel.value))
            #expect(abs(fit.estimate - dummies.coefficients[k - 1]) <= 1e-9 * abs(fit.estimate), "\(c.name)")
            // Every placebo against its ratio with the treatment indicator swept as a vector of n.
            let placebos = try #require(RandomizationInference.placeboEstimates(fit))
            for j in 0..<g {
                let d = (0..<panel.count).map { panel.area[$0] == j && post[$0] ? 1.0 : 0 }
                let swept = fit.design.residualized(d)
                let denominator = zip(d, swept).reduce(0) { $0 + $1.0 * $1.1 }
                let numerator = zip(d, fit.outcome).reduce(0) { $0 + $1.0 * $1.1 }
                let want = numerator / denominator
                #expect(abs(placebos[j] - want) <= 1e-9 * abs(want), "\(c.name), area \(j)")
            }
        }
        // Equal counts share one layout; a gap is a layout of its own.
        #expect(layouts[1] === layouts[0] && layouts[2] === layouts[0] && layouts[3] === layouts[0])
        #expect(layouts[4] !== layouts[0] && layouts[5] === layouts[0])
    }
}
