import Foundation
import SDGTestSupport
import Testing

@testable import SDGPipeline
@testable import SDGPublish

/// The learning-city profile: each tier, area of focus and feature with the local indicators linked to it (a link to
/// a feature counts for its area and tier), their series' progress classes in the treated areas, and the gaps.
@Suite struct LearningCityProfileTests {
    @Test func theDemoProfileCountsWhatTheProgressTableSays() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let rows = try workspace.rows("learning_city_profile.csv")
        #expect(rows.filter { $0["level"] == "tier" }.count == 3 && rows.filter { $0["level"] == "area" }.count == 12)
        func row(_ id: String) throws -> [String: String] { try #require(rows.first { $0["id"] == id }) }
        // adult_learning_rate is linked to the area, library_visits to one of its features.
        let area = try row("revitalized-learning-in-families-and-communities")
        #expect(area["local_indicators"] == "adult_learning_rate;library_visits" && area["covered"] == "yes")
        #expect(try row("community.learning-spaces")["local_indicators"] == "library_visits")
        #expect(try row("community.family-learning")["covered"] == "no")
        #expect(try row("building-blocks")["local_indicators"]?.split(separator: ";").count == 4)
        // The classes are the progress table's, counted for Riverton's series of those indicators.
        let progress = try workspace.rows("progress.csv").filter { $0["area"] == "Riverton" }
        for r in rows where r["covered"] == "yes" {
            let ids = Set(r["local_indicators"]!.split(separator: ";").map(String.init))
            let classes = progress.filter { ids.contains($0["indicator"]!) }.map { $0["opensdg_status"]! }
            let onTrack = classes.filter { ["target_achieved", "substantial_progress"].contains($0) }.count
            let moderate = classes.filter { $0 == "moderate_progress" }.count
            #expect(r["series_on_track"] == "\(onTrack)" && r["series_moderate"] == "\(moderate)", "\(r["id"]!)")
        }
        let report = try workspace.read("report.html")
        #expect(report.contains("<h2 id=\"lc-h\">5. Learning-city profile</h2>"))
        #expect(report.components(separatedBy: "<g class=\"kflc-area\">").count - 1 == 12)
        #expect(report.contains("<title>Community learning centres") == false, "features are rows, not boxes")
        #expect(report.contains("<em>none: a gap</em>"))
    }

    @Test func withoutLinksTheTableIsEmptyAndTheReportSaysSo() throws {
        let workspace = LabelsTests.CodedWorkspace()
        _ = try workspace.run()
        #expect(try workspace.rows("learning_city_profile.csv").isEmpty)
        #expect(try workspace.read("report.html").contains("No local indicator is linked to the Key Features"))
    }
}
