import Foundation
import SDGTestSupport
import Testing

@testable import SDGEvaluate
@testable import SDGPipeline
@testable import SDGPublish

/// No output row may say `ok` beside a number that is not there: the CSV writer leaves a NaN or an infinity empty, so
/// an `ok` row with an empty statistic is exactly the "status ok, SE NaN" the first tries on real feeds printed.
struct HonestEstimateTests {
    /// The statistics an `ok` row of each method must carry, by table.
    static let required: [String: [String: [String]]] = [
        "impact.csv": [
            "before_after": ["difference", "t", "p_value", "ci_low", "ci_high"],
            "its": ["level_change", "slope_change", "level_se", "slope_se", "level_p", "slope_p"],
            "did": ["estimate_2x2", "estimate_twfe", "se_clustered", "p_value"],
            "synthetic_control": ["estimate_synthetic", "pre_rmspe", "post_rmspe", "p_randomization"],
        ],
        "trends.csv": [
            "ols": ["slope", "se", "t", "p_value"], "mann_kendall": ["s", "var_s", "z", "p_value"], "sen": ["slope"],
        ],
    ]

    static func scan(_ workspace: DemoWorkspace) throws -> [String] {
        var problems: [String] = []
        for (table, methods) in required {
            for row in try workspace.rows(table) {
                let method = row["method"] ?? ""
                guard let columns = methods[method] else {
                    problems.append("\(table): a method the scan does not know: \(method)")
                    continue
                }
                for (column, cell) in row where !cell.isEmpty {
                    if let number = Double(cell), !number.isFinite { problems.append("\(table) \(column): \(cell)") }
                }
                guard row["status"] == "ok" else { continue }
                for column in columns where Double(row[column] ?? "")?.isFinite != true {
                    problems.append("\(table) \(method) ok without \(column): \(row)")
                }
            }
        }
        return problems
    }

    @Test func theDemoHasNoOkRowWithoutItsNumbers() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        #expect(try Self.scan(workspace) == [])
        // Riverton against two twin cities: three areas, too few for the clustered p-value to be read as a finding; the
        // report prints the exact randomization p-value instead, which cannot go below 1/3.
        let did = try workspace.rows("impact.csv").filter { $0["method"] == "did" }
        #expect(
            did.count == 5 && did.allSatisfy { $0["status"] == "few_clusters" && $0["reason"]!.contains("3 areas") })
        #expect(did.allSatisfy { ["1.0", "0.3333333333333333", "0.6666666666666666"].contains($0["p_randomization"]) })
        #expect(try workspace.read("report.html").contains("(randomization p 0.333 over 3 areas)"))
        // The synthetic control of the same panels: its placebo p-value cannot go below 1/3 either, and a poor
        // pre-period fit is not read.
        let synthetic = try workspace.rows("impact.csv").filter { $0["method"] == "synthetic_control" }
        #expect(synthetic.count == 5 && synthetic.allSatisfy { $0["p_randomization"]! >= "0.333" })
        #expect(synthetic.filter { $0["status"] == "poor_pre_fit" }.count == 1)
        #expect(
            try workspace.read("report.html").contains("(placebo p 0.333 over 3 areas; Hillview 56%, Lakeside 44%)"))
        #expect(try workspace.read("report.html").contains("poor fit before the start: not to be read"))
    }

    /// Hillview's adult-learning rate only from the festival's start on: Hillview leaves that panel, with a warning
    /// and a reason naming it, and the other panels keep both twins.
    @Test func aComparisonAreaWithoutPrePeriodLeavesThePanelAndIsNamed() throws {
        let feed = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        let kept = feed.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count > 3, f[0] == "Hillview", f[1] == "ADULT_LEARN", let year = Int(f[3]) else { return true }
            return year >= 2017
        }
        let workspace = DemoWorkspace(csv: kept.joined(separator: "\n"))
        let summary = try workspace.run()
        #expect(
            summary.manifest.warnings.contains {
                $0.contains("Hillview left out of the difference-in-differences") && $0.contains("adult_learning_rate")
            }, "\(summary.manifest.warnings)")
        let did = try workspace.rows("impact.csv").filter { $0["method"] == "did" }
        let adult = try #require(did.first { $0["indicator"] == "adult_learning_rate" })
        #expect(adult["reason"]!.contains("left out of the panel") && adult["reason"]!.hasSuffix(": Hillview"))
        #expect(adult["status"] != "ok" && adult["status"] != "", "\(adult)")
        #expect(did.filter { $0["reason"]!.contains("Hillview") }.count == 1)
        #expect(try Self.scan(workspace) == [])
    }
}

/// The report's sentences say a direction only when the interval excludes zero, and a change in a rate given in
/// percent is in percentage points.
@Suite struct ReportSentenceTests {
    @Test func aDirectionOnlyWhenTheIntervalExcludesZero() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        let impact = try workspace.rows("impact.csv").filter {
            $0["method"] == "before_after" && $0["role"] == "treated"
        }
        // The demo has both kinds: an interval above zero (adult learning) and one across it (library visits).
        let across = impact.filter { Double($0["ci_low"]!)! < 0 && Double($0["ci_high"]!)! > 0 }
        let clear = impact.filter { Double($0["ci_low"]!)! > 0 || Double($0["ci_high"]!)! < 0 }
        #expect(!across.isEmpty && !clear.isEmpty)
        #expect(report.components(separatedBy: "showed no clear change (95% CI").count - 1 == across.count)
        #expect(
            report.contains(
                "Adult participation in learning in Riverton rose by 6.92 percentage points (95% CI 4.89 to 8.95)"))
        #expect(!report.contains("rose by 6.92 percent "))
    }

    @Test func percentUnitsChangeInPercentagePoints() {
        for unit in ["percent", "Percentage (%)", "%", "PT", "percentage of adults"] {
            #expect(ReportAssembler.changeUnit(unit) == "percentage points", "\(unit)")
        }
        #expect(ReportAssembler.changeUnit("visits per inhabitant") == "visits per inhabitant")
        #expect(ReportAssembler.changeUnit(nil) == nil && ReportAssembler.changeUnit("") == nil)
    }
}

/// The difference-in-differences in plain words: each branch from the p-value that `detail` prints.
@Suite struct DiDVerdictTests {
    func did(_ estimate: Double?, p: Double?, status: String, randomization: Double? = nil, clusters: Int = 12)
        -> DiDEstimate
    {
        DiDEstimate(
            estimate2x2: estimate, estimateTWFE: estimate, seClustered: 1, pValue: p, pRandomization: randomization,
            clusters: clusters, placeboEstimate: nil, placeboStart: nil,
            status: EstimateStatus(code: status, reason: status == "ok" ? "" : "a reason"))
    }

    @Test func eachVerdict() {
        #expect(
            ReportAssembler.verdict(did(2, p: 0.01, status: "ok"))
                == "It rose more (or fell less) than in the comparison areas (p 0.01).")
        #expect(ReportAssembler.verdict(did(-2, p: 0.01, status: "ok")).hasPrefix("It fell more (or rose less)"))
        #expect(
            ReportAssembler.verdict(did(2, p: 0.2, status: "ok"))
                == "No evidence of a difference from the comparison areas (p 0.2).")
        // Three areas: the CR1 p-value (0.001) is not read; the randomization one cannot show a difference.
        #expect(
            ReportAssembler.verdict(did(2, p: 0.001, status: "few_clusters", randomization: 1.0 / 3, clusters: 3))
                == "No evidence of a difference from the comparison areas (randomization p 0.333 over 3 areas).")
        #expect(
            ReportAssembler.verdict(did(nil, p: nil, status: "too_few_clusters"))
                == "Comparison with the comparison areas not possible: a reason.")
    }
}
