import Foundation
import Testing

@testable import SDGEvaluate

/// The synthetic control against pysyncon (scripts/reference_synthetic_control.py → Fixtures/synthetic_control.json):
/// weights to 1e-9 of pysyncon's own problem solved exactly (every support enumerated), to 2e-3 of its SLSQP default; gaps, RMSPEs and
/// the estimate to 1e-9 relative; the placebo rank p-value exactly.
struct SyntheticControlTests {
    struct Row: Decodable {
        let area: String
        let time: Double
        let value: Double
    }
    struct Case: Decodable {
        let name: String
        let start: Double
        let treated: String
        let panel: [Row]
        let controls: [String]
        let weights: [Double]
        let weights_pysyncon: [Double]
        let pre_rmspe: Double
        let post_rmspe: Double
        let estimate: Double
        let p_value: Double
    }
    struct Cases: Decodable { let cases: [Case] }

    static let reference: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures/synthetic_control", withExtension: "json")!
        return try! JSONDecoder().decode(Cases.self, from: Data(contentsOf: url)).cases
    }()

    static func panel(_ c: Case) -> [PanelObservation] {
        c.panel.map { PanelObservation(area: $0.area, time: $0.time, value: $0.value, treated: $0.area == c.treated) }
    }

    func close(_ a: Double?, _ b: Double, relative: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= relative * max(abs(b), 1e-12)
    }

    @Test func weightsGapsAndThePlaceboPValueMatchPysyncon() throws {
        #expect(Self.reference.count == 3)
        for c in Self.reference {
            let e = SyntheticControl.estimate(Self.panel(c), start: c.start)
            let weight = Dictionary(uniqueKeysWithValues: e.weights.map { ($0.area, $0.weight) })
            for (area, (precise, slsqp)) in zip(c.controls, zip(c.weights, c.weights_pysyncon)) {
                let w = weight[area] ?? 0
                #expect(abs(w - precise) < 1e-9, "\(c.name) \(area): \(w) vs \(precise)")
                #expect(abs(w - slsqp) < 2e-3, "\(c.name) \(area): \(w) vs pysyncon's SLSQP \(slsqp)")
            }
            #expect(close(e.preRMSPE, c.pre_rmspe, relative: 1e-9), "\(c.name) \(String(describing: e.preRMSPE))")
            #expect(close(e.postRMSPE, c.post_rmspe, relative: 1e-9), "\(c.name)")
            #expect(close(e.estimate, c.estimate, relative: 1e-9), "\(c.name) \(String(describing: e.estimate))")
            #expect(e.pValue == c.p_value, "\(c.name): \(String(describing: e.pValue))")
            #expect(e.placeboAreas == c.controls.count + 1)
        }
    }

    @Test func aPoorPreFitIsNotOK() throws {
        let hull = try #require(Self.reference.first { $0.name == "outside_the_hull" })
        let e = SyntheticControl.estimate(Self.panel(hull), start: hull.start)
        #expect(e.status.code == "poor_pre_fit", "\(e.status)")
        #expect(e.status.reason.contains("cannot reproduce its path"))
        let mixture = try #require(Self.reference.first { $0.name == "mixture" })
        #expect(SyntheticControl.estimate(Self.panel(mixture), start: mixture.start).status == .ok)
    }

    @Test func gapsCostAPeriodOrAComparisonAreaAndTooLittleDataSaysWhy() throws {
        let mixture = try #require(Self.reference.first { $0.name == "mixture" })
        // A twin city with one gap: the period goes, the city stays.
        var panel = Self.panel(mixture)
        panel.removeAll { $0.area == "C3" && $0.time == 2010 }
        let gap = SyntheticControl.estimate(panel, start: mixture.start)
        #expect(gap.leftOut.isEmpty && gap.placeboAreas == 6)
        #expect(gap.status.reason.contains("not fitted: 2010"), "\(gap.status)")
        let full = SyntheticControl.estimate(Self.panel(mixture).filter { $0.time != 2010 }, start: mixture.start)
        #expect(gap.estimate == full.estimate && gap.weights == full.weights)
        // A twin city with a value only from the start on: it leaves the pool, named.
        panel.removeAll { $0.area == "C1" && $0.time < mixture.start }
        let sparse = SyntheticControl.estimate(panel, start: mixture.start)
        #expect(sparse.leftOut == ["C1"] && sparse.placeboAreas == 5 && sparse.weights.allSatisfy { $0.area != "C1" })
        #expect(sparse.status.reason.contains("gaps in their data: C1"), "\(sparse.status)")
        // Too little.
        let short = SyntheticControl.estimate(panel.filter { $0.time >= 2014 }, start: mixture.start)
        #expect(short.status.code == "too_few_points" && short.estimate == nil && short.pValue == nil)
        #expect(short.status.reason.contains("2 periods before the start"), "\(short.status)")
        let alone = SyntheticControl.estimate(
            panel.filter { $0.area == "T" || $0.area == "C2" }, start: mixture.start)
        #expect(alone.status.code == "too_few_points" && alone.status.reason.contains("needs 2"), "\(alone.status)")
    }

    /// Panels that share their comparison areas share the placebo fits; any number a placebo reads (a comparison
    /// area's value, the periods before the start, the pool after a gap) keeps them apart, so every shared estimate
    /// is the one fitted alone.
    @Test func sharedPlacebosGiveTheEstimateFittedAlone() throws {
        let mixture = try #require(Self.reference.first { $0.name == "mixture" })
        let base = Self.panel(mixture)
        // Another treated area before the same comparison areas: its placebos are the base panel's.
        let otherTreated = base.map {
            $0.treated ? PanelObservation(area: "U", time: $0.time, value: $0.value * 0.9 + 1, treated: true) : $0
        }
        // One comparison value changed, a later start, a comparison area's gap, one area fewer.
        let changedValue = base.map {
            $0.area == "C2" && $0.time == 2008
                ? PanelObservation(area: $0.area, time: $0.time, value: $0.value + 3, treated: false) : $0
        }
        let gap = base.filter { !($0.area == "C3" && $0.time == 2010) }
        let fewer = base.filter { $0.area != "C4" }
        let cases: [(String, [PanelObservation], Double)] = [
            ("base", base, mixture.start), ("other treated", otherTreated, mixture.start),
            ("changed value", changedValue, mixture.start), ("later start", base, mixture.start + 2),
            ("gap", gap, mixture.start), ("fewer", fewer, mixture.start),
            ("base again", base, mixture.start),
        ]
        let alone = cases.map { SyntheticControl.estimate($0.1, start: $0.2) }
        let placebos = SyntheticPlacebos()
        for ((name, panel, start), fresh) in zip(cases, alone) {
            let shared = SyntheticControl.estimate(panel, start: start, placebos: placebos)
            #expect(
                shared == fresh, "\(name): \(String(describing: shared.pValue)) vs \(String(describing: fresh.pValue))")
        }
        // Five pools: a key that missed any of the four variants would have handed one of them another's placebos.
        #expect(placebos.pools == 5 && placebos.reused == 2, "\(placebos.pools) pools, \(placebos.reused) reused")
        // Full, the cache fits afresh and keeps nothing more.
        let small = SyntheticPlacebos(capacity: 10)
        for (_, panel, start) in cases { _ = SyntheticControl.estimate(panel, start: start, placebos: small) }
        #expect(small.pools == 0 && small.reused == 0)
    }

    @Test func theSimplexSolutionMeetsItsOptimalityConditions() {
        // A vertex, an edge and an interior point of the simplex, and two identical columns.
        let a: [[Double]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]]
        for b in [[2.0, 0, 0], [0.5, 0.5, 0], [0.3, 0.3, 0.4]] {
            let w = SimplexLeastSquares.solve(a, b)
            #expect(abs(w.reduce(0, +) - 1) < 1e-12 && w.allSatisfy { $0 >= 0 })
            // KKT: the gradient is the same on the support and no smaller off it.
            let residual = zip(a, b).map { row, t in zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } - t }
            let gradient = (0..<4).map { j in zip(a, residual).reduce(0) { $0 + $1.0[j] * $1.1 } }
            let support = (0..<4).filter { w[$0] > 1e-12 }
            let mu = gradient[support[0]]
            #expect(support.allSatisfy { abs(gradient[$0] - mu) < 1e-10 }, "\(b): \(w) \(gradient)")
            #expect((0..<4).allSatisfy { gradient[$0] >= mu - 1e-10 }, "\(b): \(w) \(gradient)")
        }
        #expect(SimplexLeastSquares.solve(a, [2, 0, 0]) == [1, 0, 0, 0])
    }
}
