import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGLocalize
@testable import SDGPipeline
@testable import SDGPublish

/// `outputs.vlr: true`: the demo's Voluntary Local Review annex, held to the run's own tables.
@Suite struct VLRAnnexTests {
    @Test func theDemoWritesTheAnnexEveryValueWithItsSource() throws {
        let demo = DemoWorkspace()
        _ = try demo.run()
        func csv(_ name: String) throws -> [[String: String]] { try demo.rows("vlr/" + name) }
        let annex = try csv("statistical-annex.csv")
        // Every value of the series the review uses: the treated area's, and the national benchmark's own.
        let series = try demo.rows("localized_series.csv")
        let used = series.filter { $0["area"] == "Riverton" || $0["indicator"] == "national_adult_learning" }
        #expect(annex.count == used.reduce(0) { $0 + Int($1["n"]!)! }, "\(annex.count) rows")
        #expect(annex.allSatisfy { !($0["source"] ?? "").isEmpty && ($0["extracted"] ?? "").count == 10 })
        let adult = try #require(annex.first { $0["local_indicator"] == "adult_learning_rate" })
        #expect(adult["goal"] == "4" && adult["target"] == "4.3" && adult["sdg_indicator"] == "4.3.1")
        #expect(adult["source_location"]?.hasSuffix("city_stats.csv") == true && adult["unit"] == "percent")
        let national = try #require(annex.first { $0["local_indicator"] == "national_adult_learning" })
        #expect(national["source"] == "un_sdg")

        let indicators = try csv("indicators.csv")
        #expect(
            indicators.map { $0["local_indicator"] ?? "" }.sorted()
                == (try demo.load()).indicators.map(\.indicator.id).sorted())
        let rate = try #require(indicators.first { $0["local_indicator"] == "adult_learning_rate" })
        #expect(rate["periodicity"] == "annual" && rate["target_value"] == "50" && rate["target_source"] == "national")
        #expect(rate["frameworks"] == "kflc:revitalized-learning-in-families-and-communities;plan:P1.1")

        let progress = try csv("progress.csv")
        let table = try demo.rows("progress.csv").filter { $0["area"] == "Riverton" }
        for row in table {
            let mine = try #require(
                progress.first {
                    $0["local_indicator"] == row["indicator"] && $0["disaggregation"] == row["disaggregation"]
                        && $0["area"] == "Riverton"
                })
            #expect(mine["opensdg_status"] == row["opensdg_status"] && mine["eurostat_class"] == row["eurostat_class"])
        }

        let crosswalk = try csv("crosswalk.csv")
        #expect(
            crosswalk.contains {
                $0["local_indicator"] == "library_visits" && $0["framework"] == "umf"
                    && $0["code"] == "culture.inclusive"
            })
        #expect(
            crosswalk.contains {
                $0["local_indicator"] == "household_broadband" && $0["framework"] == "plan" && $0["code"] == "P3.1"
            })

        let gaps = try csv("data-gaps.csv")
        let sdgGaps = Set(gaps.filter { $0["framework"] == "sdg" }.map { $0["code"] ?? "" })
        #expect(
            sdgGaps.contains("4.2") && !sdgGaps.contains("4.3") && !sdgGaps.contains("4.1"), "4.3 and 4.1 are measured")
        #expect(!sdgGaps.contains(where: { $0.hasPrefix("5.") }), "only the goals the review covers")
        #expect(gaps.contains { $0["framework"] == "umf" && $0["code"] == "environment.safe" })
        #expect(!gaps.contains { $0["framework"] == "umf" && $0["code"] == "culture.inclusive" })

        // The pages: an index linking one page per goal with data, each chart drawn with its target line.
        let vlr = demo.outputs.appendingPathComponent("vlr")
        let index = try String(contentsOf: vlr.appendingPathComponent("index.html"), encoding: .utf8)
        for goal in [4, 11, 17] {
            #expect(index.contains("href=\"goal-\(goal).html\""))
            #expect(FileManager.default.fileExists(atPath: vlr.appendingPathComponent("goal-\(goal).html").path))
        }
        #expect(!FileManager.default.fileExists(atPath: vlr.appendingPathComponent("goal-5.html").path))
        #expect(index.contains("46.7 percent") && index.contains("city_stats (extracted "), "headline value and source")
        let goal4 = try String(contentsOf: vlr.appendingPathComponent("goal-4.html"), encoding: .utf8)
        #expect(goal4.components(separatedBy: "<svg").count - 1 == 3, "one chart per indicator of goal 4")
        #expect(goal4.contains("2030 target 50") && goal4.contains("Lifelong Learning Festival"))
        #expect(goal4.contains("4.2 Early childhood development"), "a target without local data is named")
    }
}
