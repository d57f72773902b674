import Foundation
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// `exclude:` leaves periods out of every estimate (the evaluation's) or of one action's, and the charts hatch them.
struct ExcludedPeriodTests {
    func run(_ edit: (String) -> String) throws -> DemoWorkspace {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOfFile: workspace.dir.path("demo.yaml"), encoding: .utf8)
        workspace.dir.write(edit(yaml), to: "demo.yaml")
        _ = try workspace.run()
        return workspace
    }

    func impact(_ w: DemoWorkspace, _ action: String, _ indicator: String, _ area: String, _ method: String) throws
        -> [String: String]
    {
        try #require(
            w.rows("impact.csv").first {
                $0["action"] == action && $0["indicator"] == indicator && $0["area"] == area && $0["method"] == method
                    && $0["disaggregation"] == ""
            })
    }

    @Test func theEvaluationsExclusionLeavesEveryEstimate() throws {
        let plain = try run { $0 }
        let excluded = try run {
            $0.replacingOccurrences(of: "evaluation:\n", with: "evaluation:\n  exclude: [2020, 2021]\n")
        }
        // Riverton's library visits around the 2019 modernisation: 2020 and 2021 were after the start.
        let a = try impact(plain, "library-modernisation", "library_visits", "Riverton", "before_after")
        let b = try impact(excluded, "library-modernisation", "library_visits", "Riverton", "before_after")
        #expect(Int(b["n_after"]!)! == Int(a["n_after"]!)! - 2 && b["n_before"] == a["n_before"], "\(a) \(b)")
        #expect(a["mean_after"] != b["mean_after"])
        // The whole-series trend loses the two points too.
        let trend = { (w: DemoWorkspace) in
            try w.rows("trends.csv").first {
                $0["indicator"] == "library_visits" && $0["area"] == "Riverton" && $0["segment"] == "overall"
                    && $0["method"] == "ols" && $0["disaggregation"] == ""
            }!["n"]!
        }
        #expect(Int(try trend(excluded))! == Int(try trend(plain))! - 2)
        // The panels of the difference-in-differences and the synthetic control leave them out as well.
        let did = try impact(excluded, "library-modernisation", "library_visits", "Riverton", "synthetic_control")
        #expect(!(did["reason"] ?? "").contains("2020"), "the excluded periods are not reported as gaps: \(did)")
        // The observations themselves are kept, and the chart hatches the periods.
        #expect(try excluded.rows("observations.csv").count == plain.rows("observations.csv").count)
        let chart = try excluded.read("charts/library_visits-Riverton.svg")
        #expect(chart.contains("class=\"excluded\"") && chart.contains("excluded periods (hatched)"))
        #expect(!(try plain.read("charts/library_visits-Riverton.svg")).contains("class=\"excluded\""))
    }

    @Test func anActionsExclusionLeavesOnlyItsEstimates() throws {
        let plain = try run { $0 }
        let excluded = try run {
            $0.replacingOccurrences(of: "    start: 2019\n", with: "    start: 2019\n    exclude: [2020]\n")
        }
        let modern = try impact(excluded, "library-modernisation", "library_visits", "Riverton", "before_after")
        let before = try impact(plain, "library-modernisation", "library_visits", "Riverton", "before_after")
        #expect(Int(modern["n_after"]!)! == Int(before["n_after"]!)! - 1)
        // The festival's estimates of the same series are untouched.
        let festival = { (w: DemoWorkspace) in
            try impact(w, "learning-festival", "library_visits", "Riverton", "before_after")
        }
        #expect(try festival(excluded) == festival(plain))
    }

    @Test func aPeriodThatIsNotOneIsAnErrorWithItsLine() throws {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOfFile: workspace.dir.path("demo.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "evaluation:\n", with: "evaluation:\n  exclude: [2020, covid]\n")
        workspace.dir.write(yaml, to: "demo.yaml")
        #expect {
            _ = try PipelineFileParser.load(path: workspace.dir.path("demo.yaml"))
        } throws: { error in
            "\(error)".contains("`evaluation.exclude` has 'covid', which is not a period")
        }
    }
}
