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
                    of: "report: {city: Riverton, period: 2010–2023, edition: 2023}", with: "report: \(report)")
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

/// An indicator's metadata: under its charts, in the methods section's table, in the Open SDG `meta/` file; a link
/// that is not a web address is an error naming the line; the CSV crosswalk's columns give the same.
@Suite struct IndicatorMetadataTests {
    @Test func theDemoShowsItsMetadata() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        #expect(
            report.contains(
                "<p class=\"meta-note\"><strong>Definition:</strong> Share of residents aged 25-64 who took part in formal or non-formal learning in the last 12 months"
            ))
        #expect(
            report.contains("<a href=\"https://example.org/riverton/adult-learning\">More about this indicator</a>"))
        #expect(report.contains("<caption>Indicator metadata</caption>"))
        #expect(report.contains("<td>Adult participation in learning</td><td>Share of residents"))
    }

    @Test func aLinkThatIsNotAnAddressIsAnErrorAndTheFixWorks() throws {
        let workspace = DemoWorkspace()
        let url = workspace.dir.url.appendingPathComponent("demo.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
        _ = workspace.dir.write(
            yaml.replacingOccurrences(of: "link: https://example.org/", with: "link: example.org/"), to: "demo.yaml")
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("demo.yaml:")
                && text.contains("metadata.link` is 'example.org/riverton/adult-learning'")
                && text.contains("https://")
        }
        _ = workspace.dir.write(yaml, to: "demo.yaml")
        #expect(try workspace.load().indicators[0].metadata.link == "https://example.org/riverton/adult-learning")
    }

    @Test func theCrosswalkSpreadsheetHasMetadataColumns() throws {
        let dir = TemporaryDirectory("sdgpipe-meta")
        let csv = dir.write(
            "id,source,where,sdg,relation,direction,definition,metadata_source,last_updated,link\n"
                + "broadband,city,indicator=BB,17.6.1,proxy,increase,\"Households with fixed broadband, share\",Telecom regulator,2025-01,https://example.org/bb\n",
            to: "crosswalk.csv")
        _ = dir.write("area,indicator,period,value\nX,BB,2020,1\n", to: "city.csv")
        let path = dir.write(
            "pipeline: p\nsources:\n  city: {path: city.csv}\ncrosswalk: \(csv)\noutputs: {dir: out}\n", to: "p.yaml")
        let record = try #require(try PipelineFileParser.load(path: path).indicators.first)
        #expect(record.metadata.definition == "Households with fixed broadband, share")
        #expect(record.metadata.source == "Telecom regulator" && record.metadata.lastUpdated == "2025-01")
        #expect(record.metadata.link == "https://example.org/bb")
    }
}

/// Each card shows the difference-in-differences placebo (the start moved before the action), as the impact table has it.
@Suite struct PlaceboOnTheCardTests {
    @Test func theCardsShowTheImpactTablesPlacebo() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        let did = try workspace.rows("impact.csv").filter {
            $0["method"] == "did" && !($0["placebo_estimate"] ?? "").isEmpty
        }
        #expect(!did.isEmpty)
        for row in did {
            let shown = ReportText.en.number(Double(row["placebo_estimate"]!)!)
            #expect(
                report.contains("placebo start 2014: \(shown)</small>")
                    || report.contains("placebo start 2016: \(shown)</small>"), "\(row["indicator"]!): \(shown)")
        }
    }
}
