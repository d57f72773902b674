import Foundation
import SDGTestSupport
import Testing

/// A network-shaped pipeline (30 treated areas, 10 comparison areas, 2 indicators) whose report draws only
/// `report.max_series` series in full: the rest are counted, their areas listed, and the command the report gives
/// for one area's full report works when run.
@Suite struct ReportScaleTests {
    let dir = TemporaryDirectory("sdgpipe-scale")

    init() {
        var csv = "area,indicator,year,value\n"
        for k in 0..<40 {
            let area = k < 30 ? String(format: "0%03d", k) : "Twin \(k - 30)"
            for (i, indicator) in ["LEARN", "VISITS"].enumerated() {
                for year in 2010...2020 {
                    // Treated areas rise after 2016 by an amount that grows with k: some clearly, some not.
                    let effect = k < 30 && year >= 2016 ? Double(k % 5) * 0.8 : 0
                    let noise = Double((k * 7 + year * 3 + i) % 11) / 10 - 0.5
                    csv +=
                        "\(area),\(indicator),\(year),\(30 + Double(i) * 5 + 0.3 * Double(year - 2010) + effect + noise)\n"
                }
            }
        }
        dir.write(csv, to: "network.csv")
    }

    func pipeline(outputs: String = "", report: String = "{max_series: 7}") -> String {
        let twins = (0..<10).map { "\"Twin \($0)\"" }.joined(separator: ", ")
        let yaml = """
            pipeline: network
            sources:
              net: {path: network.csv}
            indicators:
              - {id: learning, label: Adults in learning, from: {source: net, where: {indicator: LEARN}}, sdg: [4.3.1], relation: proxy, direction: increase, unit: percent, owner: Learning office}
              - {id: visits, label: Library visits, from: {source: net, where: {indicator: VISITS}}, sdg: [11.x], relation: local, direction: increase, owner: Library}
            actions:
              - {id: plan, title: Lifelong learning plan, start: 2016, indicators: [learning, visits]}
            evaluation:
              comparison: [\(twins)]
            report: \(report)
            outputs: {dir: out, tables: [csv, json]\(outputs)}
            """
        return dir.write(yaml, to: "network.yaml")
    }

    func count(_ text: String, _ piece: String) -> Int { text.components(separatedBy: piece).count - 1 }

    @Test func aNetworkReportDrawsItsBudgetAndSummarisesTheRest() throws {
        let run = try CLI.run(["run", pipeline()], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let out = dir.url.appendingPathComponent("out")
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(count(report, "<article class=\"card\">") == 7)
        #expect(report.contains("This report draws 7 of the 60 series of the treated areas in full"))
        // The summarised series by indicator: their numbers add up to the 53 not drawn, and with the 7 drawn to
        // the 60 results "At a glance" counts.
        let table = try #require(report.components(separatedBy: "<table class=\"overflow\">").dropFirst().first)
        let rows = table.components(separatedBy: "</thead>")[1].components(separatedBy: "</table>")[0]
            .components(separatedBy: "<tr>").dropFirst()
        let series = rows.map { row in
            Int(row.components(separatedBy: "<td class=\"num\">")[1].prefix { $0 != "<" })!
        }
        #expect(series.reduce(0, +) == 53 && rows.count == 2, "\(series)")
        #expect(report.contains("of 60 results in the treated areas"))
        #expect(report.contains("The other 53 series by progress class and indicator"))
        // A sparkline per indicator: the summarised series' median over the 11 years, their middle half as a band.
        let sparklines = report.components(separatedBy: "<svg class=\"sparkline\"").dropFirst()
        #expect(sparklines.count == 2)
        let median = try #require(sparklines.first?.components(separatedBy: "<polyline points=\"").dropFirst().first)
        #expect(median.prefix { $0 != "\"" }.split(separator: " ").count == 11)
        #expect(sparklines.first?.contains("Adults in learning: median of the series not drawn went from") == true)
        #expect(report.contains("53 more rows, for the series not drawn in full, are in accountability.csv."))
        #expect(report.contains("Areas summarised in this report (30)"))
        // A chart file for each drawn series only; beyond 8 comparison areas each gets a small multiple.
        let charts = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path)
        #expect(charts.count == 7)
        #expect(count(report, "<g class=\"multiple\">") == 7 * 10)
        // The tables keep every row.
        let impact = try String(contentsOf: out.appendingPathComponent("impact.csv"), encoding: .utf8)
        #expect(count(impact, "\nnetwork,") >= 60)

        // The command the report gives writes that area's full report, beside the network's outputs.
        let code = try #require(report.components(separatedBy: "<pre><code>").dropFirst().first)
            .components(separatedBy: "</code>")[0].replacingOccurrences(of: "&#39;", with: "'")
        let words = code.split(separator: " ").map(String.init)
        #expect(words.first == "sdgpipe" && words.contains("--only-areas"), "\(code)")
        let area = words[words.firstIndex(of: "--only-areas")! + 1]
        let areaRun = try CLI.run(Array(words.dropFirst()), in: dir.url)
        #expect(areaRun.status == 0, "\(areaRun.stderr)")
        let folder = URL(fileURLWithPath: words.last!)
        #expect(folder.lastPathComponent == "out-\(area)")
        let one = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(count(one, "<article class=\"card\">") == 2 && !one.contains("overflow-note"))
        #expect(one.contains("<span title=\"\(area)\">") || one.contains(area))
        let again = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(again == report, "the network's outputs are untouched")
    }

    @Test func chartFilesFollowOutputsCharts() throws {
        let all = try CLI.run(["run", pipeline(outputs: ", charts: all, json_observations: true")], in: dir.url)
        #expect(all.status == 0, "\(all.stderr)")
        let out = dir.url.appendingPathComponent("out")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path).count == 80)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("observations.json").path))

        let none = try CLI.run(["run", pipeline(outputs: ", charts: none")], in: dir.url)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("charts").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("observations.json").path))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(
            count(report, "<article class=\"card\">") == 7 && report.contains("<g class=\"multiple\">"),
            "the report still draws its charts")

        let noReport = try CLI.run(["run", pipeline(outputs: ", report: none")], in: dir.url)
        #expect(noReport.status == 0, "\(noReport.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("charts").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))

        let treated = try CLI.run(
            ["run", pipeline(outputs: ", charts: treated", report: "{max_series: 0}")], in: dir.url)
        #expect(treated.status == 0, "\(treated.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("charts").path).count == 60)
    }

    @Test(arguments: [
        ("", "report: {max_series: many}", "`report.max_series` is a whole number of series"),
        (", charts: some", "", "outputs.charts"),
        (", json_observations: yes please", "", "`outputs.json_observations` is `true` or `false`"),
    ])
    func badKeysAreErrorsNamingTheLine(outputs: String, report: String, message: String) throws {
        let path = pipeline(outputs: outputs, report: report.isEmpty ? "{max_series: 7}" : String(report.dropFirst(8)))
        let run = try CLI.run(["validate", path], in: dir.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message) && run.stderr.contains("network.yaml:"), "\(run.stderr)")
    }
}
