import Testing

@testable import SDGEvaluate

/// A difference-in-differences on a panel that cannot carry a clustered p-value says so instead of printing one.
struct DegeneratePanelTests {
    /// One treated city A, comparison B, and comparison C observed only after the 2016 start: the shape that printed
    /// "5.1 (p < 0.001)". statsmodels (OLS with area and period effects, `cov_type="cluster"`, `use_t=True`) gives
    /// estimate 4.94 and SE NaN with C, and SE 1.78e-9 without it: neither is a standard error to publish.
    static let panel: [PanelObservation] = (2010...2020).flatMap { year -> [PanelObservation] in
        let t = Double(year)
        var rows = [
            PanelObservation(
                area: "A", time: t,
                value: 10 + 0.5 * (t - 2010) + (year >= 2016 ? 5 : 0) + 0.3 * Double((year * 7) % 3 - 1),
                treated: true),
            PanelObservation(
                area: "B", time: t, value: 8 + 0.5 * (t - 2010) + 0.2 * Double((year * 5) % 3 - 1), treated: false),
        ]
        if year >= 2017 {
            rows.append(
                PanelObservation(
                    area: "C", time: t, value: 9 + 0.5 * (t - 2010) + 0.1 * Double((year * 11) % 3 - 1), treated: false)
            )
        }
        return rows
    }

    @Test func anAreaWithoutPrePeriodLeavesThePanelAndTheCollapsedSEGivesNoP() throws {
        let e = DifferenceInDifferences.estimate(Self.panel, start: 2016)
        #expect(e.leftOut == ["C"])
        #expect(e.clusters == 2, "the 2×2 and the fixed effects use the same areas")
        let twfe = try #require(e.estimateTWFE)
        #expect(abs(twfe - 4.940000000000008) <= 1e-9 * 4.94, "statsmodels' estimate without C")
        #expect(e.status.code == "se_degenerate", "\(e.status)")
        #expect(e.pValue == nil)
        #expect(e.status.reason.contains("left out of the panel") && e.status.reason.contains(": C"))
    }

    @Test func aConstantPanelHasAZeroSEAndNoP() {
        let flat = (2010...2020).flatMap { year in
            ["A", "B", "C"].map { PanelObservation(area: $0, time: Double(year), value: 7, treated: $0 == "A") }
        }
        let e = DifferenceInDifferences.estimate(flat, start: 2016)
        #expect(e.status.code == "se_degenerate", "\(e.status)")
        #expect(e.pValue == nil)
        #expect(e.leftOut.isEmpty)
    }

    @Test func aTreatedAreaWithoutPostPeriodIsNamed() {
        let before = Self.panel.filter { !($0.area == "A" && $0.time >= 2016) }
        let e = DifferenceInDifferences.estimate(before, start: 2016)
        #expect(e.status.code == "too_few_points")
        #expect(e.status.reason.contains(": A"), "\(e.status)")
        #expect(e.pValue == nil && e.estimate2x2 == nil)
    }
}
