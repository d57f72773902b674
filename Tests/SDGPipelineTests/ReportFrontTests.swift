import Foundation
import SDGTestSupport
import Testing

@testable import SDGPipeline
@testable import SDGPublish

/// The report's first screen: the pipeline's front matter and an "At a glance" summary whose counts are the impact
/// table's own rows, counted again here.
@Suite struct ReportFrontTests {
    @Test func theSummaryCountsWhatTheImpactTableSays() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        let directions = Dictionary(
            try workspace.rows("progress.csv").map { ($0["indicator"]!, $0["direction"]!) },
            uniquingKeysWith: { a, _ in a })
        let rows = try workspace.rows("impact.csv").filter { $0["role"] == "treated" }
        for (action, title) in [
            ("learning-festival", "Lifelong Learning Festival"),
            ("library-modernisation", "Library modernisation programme"),
        ] {
            var improved = 0
            var worsened = 0
            var unclear = 0
            for row in rows where row["action"] == action && row["method"] == "before_after" {
                let (d, low, high) = (Double(row["difference"]!)!, Double(row["ci_low"]!)!, Double(row["ci_high"]!)!)
                if low > 0 || high < 0 {
                    if (d > 0) == (directions[row["indicator"]!] == "increase") { improved += 1 } else { worsened += 1 }
                } else {
                    unclear += 1
                }
            }
            let noEvidence = rows.filter {
                $0["action"] == action && $0["method"] == "did" && Double($0["p_randomization"]!)! >= 0.05
            }.count
            let line =
                "\(title)</strong> (from \(action == "learning-festival" ? 2017 : 2019)): of \(improved + worsened + unclear) results in the treated areas, \(improved) improved clearly, \(worsened) worsened clearly, \(unclear) showed no clear change. Against the comparison areas: 0 better, 0 worse, \(noEvidence) no evidence of a difference."
            #expect(report.contains(line), "\(line)")
        }
        #expect(report.contains("3 of 169 SDG targets have a local indicator"))
        #expect(report.contains("1 record of 294 rejected (<a href=\"rejects.csv\">rejects.csv</a>)"))
        // The front matter: the city in the title, the period under it.
        #expect(report.contains("<h1>Riverton: SDG localization and impact report</h1>"))
        #expect(report.contains("<p class=\"front\">2010–2023</p>"))
    }

    /// A title, a city and a logo: the logo is embedded, so the report stays one file.
    @Test func aLogoIsEmbeddedAndItsProblemsNamed() throws {
        let dir = TemporaryDirectory("sdgpipe-front")
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>"
        _ = dir.write(svg, to: "logo.svg")
        func pipeline(_ report: String) -> String {
            let demo = try! String(
                contentsOf: packageRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8)
            let yaml = demo.replacingOccurrences(of: "../samples/", with: packageRoot.path + "/samples/")
                .replacingOccurrences(of: "../output/riverton-demo", with: dir.path("out"))
                .replacingOccurrences(
                    of: "report: {city: Riverton, period: 2010–2023}", with: "report: \(report)")
            return dir.write(yaml, to: "p.yaml")
        }
        let good = try PipelineFileParser.load(
            path: pipeline("{title: Riverton learns, city: Riverton, logo: logo.svg}"))
        #expect(good.front.title == "Riverton learns")
        #expect(good.front.logo == "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString())
        #expect(good.auxiliaryFiles.contains { $0.lastPathComponent == "logo.svg" })
        _ = try PipelineRunner(definition: good).run()
        let report = try String(contentsOf: dir.url.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(report.contains("<h1>Riverton learns</h1>") && report.contains("<p class=\"front\">Riverton</p>"))
        #expect(report.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"))

        _ = dir.write("not an image", to: "logo.txt")
        _ = dir.write(String(repeating: "x", count: 600 * 1024), to: "big.png")
        for (logo, expected) in [
            ("logo.txt", "expected a .png, .jpg, .gif or .svg file"), ("nope.png", "`report.logo` file not found"),
            ("big.png", "keep it under 512 KiB"),
        ] {
            #expect {
                _ = try PipelineFileParser.load(path: pipeline("{logo: \(logo)}"))
            } throws: { error in
                let text = String(describing: error)
                return text.contains(expected) && text.contains("p.yaml:")
            }
        }
        #expect {
            _ = try PipelineFileParser.load(path: pipeline("{titel: Riverton}"))
        } throws: { String(describing: $0).contains("title") }
    }
}
