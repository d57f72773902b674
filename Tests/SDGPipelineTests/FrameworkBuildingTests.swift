import Foundation
import SDGTestSupport
import Testing

@testable import SDGLocalize
@testable import SDGPipeline
@testable import SDGPublish

/// A framework of three levels is drawn as the KFLC's building in the report; one of two levels keeps its table only.
@Suite struct FrameworkBuildingTests {
    @Test func aThreeLevelCityFrameworkIsDrawnAsTheBuilding() throws {
        let demo = DemoWorkspace()
        let path = demo.dir.path("demo.yaml")
        let strategy = packageRoot.appendingPathComponent("samples/frameworks/riverton-strategy.yaml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        let plan = packageRoot.appendingPathComponent("samples/demo/riverton-plan.yaml").path
        // The demo as it is: its plan has two levels, so no building for it.
        _ = try demo.run()
        #expect(!(try demo.read("report.html")).contains("framework-building"))

        try yaml.replacingOccurrences(of: plan, with: strategy).write(toFile: path, atomically: true, encoding: .utf8)
        _ = try demo.run()
        let report = try demo.read("report.html")
        let start = try #require(
            report.range(
                of:
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart framework-building\" data-framework=\"plan\""
            ))
        let svg = String(report[start.lowerBound...]).components(separatedBy: "</svg>")[0]
        // Pediment, columns, foundation: the three pillars' objectives, 2 + 3 + 2 boxes.
        #expect(svg.contains("<polygon") && svg.contains(">Every resident a learner</text>"))
        #expect(svg.components(separatedBy: "class=\"framework-node\"").count - 1 == 7)
        // Libraries: library_visits is linked to P1.2, and its class is the series'.
        let profile = try demo.rows("framework_profile.csv")
        let libraries = try #require(profile.first { $0["framework"] == "plan" && $0["id"] == "P1.2" })
        let status = try #require(libraries["status"])
        #expect(svg.contains("<title>Libraries as open learning spaces: \(ReportText.en.status(status))</title>"))
        let unmeasured = try #require(profile.first { $0["framework"] == "plan" && $0["id"] == "P2.2" })
        #expect(unmeasured["covered"] == "no")
        #expect(
            svg.contains(
                "<title>Second-chance schools in every district: \(ReportText.en.status(unmeasured["status"] ?? ""))</title>"
            ))
    }

    @Test func twoPillarsAreDrawnAsBands() {
        let framework = Framework(
            id: "plan", name: "Two pillars", source: "", levels: ["Pillar", "Objective", "Measure"],
            nodes: [
                .init(id: "A", label: "Alpha", level: 0, parent: nil),
                .init(id: "A.1", label: "Alpha one", level: 1, parent: "A"),
                .init(id: "A.2", label: "Alpha two", level: 1, parent: "A"),
                .init(id: "B", label: "Beta", level: 0, parent: nil),
            ])
        let rows = framework.nodes.map {
            FrameworkProfile.Row(
                node: $0, level: framework.levels[$0.level], indicators: [],
                counts: ProgressCounts([], assessed: false),
                actions: [], status: "no_indicator")
        }
        let svg = LearningCityView.frameworkBuilding(framework, rows, .en)
        #expect(!svg.contains("<polygon"), "not three pillars: bands")
        #expect(svg.contains(">Alpha</text>") && svg.contains(">Beta</text>"))
        // Alpha's two objectives, and Beta itself, which has none.
        #expect(svg.components(separatedBy: "class=\"framework-node\"").count - 1 == 3)
        #expect(svg.contains("height=\"204\""), "two bands of 96 and a margin")
        let twoLevels = Framework(
            id: "umf", name: "UMF", source: "", levels: ["Domain", "Objective"], nodes: framework.nodes)
        #expect(LearningCityView.frameworkBuilding(twoLevels, rows, .en).isEmpty)
    }
}
