import Foundation
import Testing

@testable import SDGPublish

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct TrendChartTests {
    @Test func escapesMarkupEvenWhenACombiningMarkFollows() {
        #expect(TrendChart.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(
            TrendChart.escape("<\u{301}script>") == "&lt;\u{301}script&gt;",
            "< plus a combining accent is one Character")
        #expect(TrendChart.escape("São Paulo") == "São Paulo")
    }

    func chart() -> TrendChart {
        var c = TrendChart(
            title: "Adult learning <rate> & more", unit: "percent",
            series: .init(
                label: "Riverton", points: [(2015, 38), (2016, 39), (2017, nil), (2018, 43), (2019, 44), (2023, 46)]),
            summary: "Rose from 38 to 46.")
        c.comparisons = [.init(label: "Lakeside", points: [(2015, 35), (2016, 35.5), (2018, 36)])]
        c.target = (50, 2030)
        c.actions = [
            .init(label: "Festival", start: 2017, meanBefore: 38.5, meanAfter: 44.3, windowStart: 2015, windowEnd: 2023)
        ]
        c.ols = .init(slope: 1, intercept: -1977)
        c.sen = .init(slope: 1.1, intercept: -2180)
        return c
    }

    @Test func drawsEveryElementWithAccessibleText() throws {
        let svg = chart().svg(id: "c1")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""))
        #expect(svg.contains("<title id=\"c1-title\">Adult learning &lt;rate&gt; &amp; more</title>"))
        #expect(svg.contains("<desc id=\"c1-desc\">Rose from 38 to 46.</desc>"))
        #expect(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"c1-title c1-desc\""))
        #expect(svg.contains("2030 target 50"))
        #expect(svg.contains(">Festival</text>") && svg.contains(">Lakeside</text>"))
        #expect(!svg.contains("<script"), "no JavaScript")
        // Gaps stay open: the missing 2017 and the 2019–2023 jump split the series into three runs of the main colour.
        let runs = svg.components(separatedBy: "<polyline fill=\"none\" stroke=\"#1f5fa8\"").count - 1
        #expect(runs == 2, "2015–2016 and 2018–2019 are lines; 2023 stands alone as a dot")
        let data = try #require(svg.data(using: .utf8))
        let parser = XMLParser(data: data)
        #expect(parser.parse(), "well-formed XML")
    }

    @Test func niceTicksAndLabels() {
        #expect(TrendChart.niceTicks(37.2, 49.6) == [35, 40, 45, 50])
        #expect(TrendChart.niceTicks(0, 0).count == 3)
        #expect(TrendChart.yearTicks(2010, 2030) == Array(stride(from: 2010.0, through: 2030, by: 2)))
        #expect(TrendChart.label(2.5, step: 0.5) == "2.5" && TrendChart.label(40, step: 5) == "40")
    }

    /// From 1 to 50 areas: up to 8 comparison areas are lines with end labels that never overlap; beyond, a band
    /// of their range and a median line without 50 end labels, and a small multiple per area below the plot; the
    /// treated area is labelled in bold at its line's end.
    @Test func manyComparisonAreasBecomeABandAndSmallMultiples() throws {
        var few = chart()
        few.comparisons = (0..<3).map { k in
            .init(label: "Twin \(k)", points: [(2015, 35), (2016, 35.5), (2018, 36 + 0.01 * Double(k))])
        }
        let svg = few.svg(id: "f")
        let ys = svg.components(separatedBy: "<text class=\"end-label\" x=\"").dropFirst().compactMap { piece in
            Double(piece.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })
        }.sorted()
        #expect(ys.count == 4, "three twins and Riverton")
        #expect(zip(ys.dropFirst(), ys).allSatisfy { $0 - $1 >= 10.9 }, "\(ys)")
        #expect(svg.contains("font-weight=\"700\">Riverton</text>"))
        #expect(!svg.contains("class=\"band\""))

        var many = chart()
        many.comparisons = (0..<50).map { (k: Int) -> TrendChart.Line in
            let points = (2015...2023).map { (year: Int) -> (time: Double, value: Double?) in
                let value: Double = 30 + Double(k % 7) + Double(year - 2015) * 0.2
                return (Double(year), value)
            }
            return TrendChart.Line(label: "Area \(k)", points: points)
        }
        let wide = many.svg(id: "m")
        #expect(wide.contains("class=\"band\"") && wide.contains("50 comparison areas: range and median"))
        #expect(wide.components(separatedBy: "class=\"end-label\"").count - 1 == 1, "only Riverton's end label")
        // Each area also gets a small multiple below the plot: one panel, its name, its own line.
        #expect(wide.components(separatedBy: "<g class=\"multiple\">").count - 1 == 50)
        #expect(wide.contains("<title>Area 49</title>") && wide.contains(">Area 7</text>"))
        #expect(wide.contains("Each of the 50 comparison areas (grey) against Riverton (blue)"))
        let height = try #require(Double(wide.components(separatedBy: "height=\"")[1].prefix { $0 != "\"" }))
        #expect(height == 360 + 30 + 13 * TrendChart.multipleHeight, "13 rows of 4 panels below the 360-unit plot")
        #expect(wide.utf8.count < 80_000, "\(wide.utf8.count) bytes")
        let data = try #require(wide.data(using: .utf8))
        #expect(XMLParser(data: data).parse(), "well-formed XML")

        var nine = many
        nine.comparisons = Array(many.comparisons.prefix(9))
        #expect(nine.svg().components(separatedBy: "<g class=\"multiple\">").count - 1 == 9)
        var eight = many
        eight.comparisons = Array(many.comparisons.prefix(8))
        let lines = eight.svg()
        #expect(!lines.contains("class=\"multiple\"") && !lines.contains("class=\"band\""), "8 areas are 8 lines")
        #expect(lines.components(separatedBy: "class=\"end-label\"").count - 1 == 9)
    }

    /// A long area name is shortened in its panel's title and given whole on hover.
    @Test func aSmallMultipleShortensALongName() {
        var c = chart()
        c.comparisons = (0..<9).map { k in
            .init(label: "Municipality of Sant Andreu de la Barca \(k)", points: [(2015, 35), (2018, 36)])
        }
        let svg = c.svg()
        #expect(svg.contains("<title>Municipality of Sant Andreu de la Barca 3</title>"))
        #expect(svg.contains(">Municipality of Sant…</text>"))
    }

    /// A long title wraps into lines that fit the chart instead of being clipped mid-word, and pushes the plot down.
    @Test func aLongTitleWraps() throws {
        var long = chart()
        long.title =
            "Proportion of youth and adults with information and communications technology skills (female, 15 to 24 years) — Dijk en Waard"
        let svg = long.svg(id: "w")
        let lines = svg.components(separatedBy: "<tspan ").dropFirst().map {
            String($0.split(separator: ">", maxSplits: 1)[1].prefix { $0 != "<" })
        }
        #expect(lines.count >= 2 && lines.allSatisfy { $0.count <= 71 }, "\(lines)")
        #expect(lines.joined(separator: " ") == long.title)
        #expect(TrendChart.wrap("a b c", width: 3) == ["a b", "c"])
        #expect(TrendChart.wrap("", width: 10) == [""])
        let data = try #require(svg.data(using: .utf8))
        #expect(XMLParser(data: data).parse(), "well-formed XML")
    }

    /// One number rule for the whole report: three significant digits, separators, millions, never an exponent.
    @Test(arguments: [
        (0.315, "0.315"), (6.92, "6.92"), (43.2, "43.2"), (40.0, "40"), (0.00123, "0.00123"), (9.996, "10"),
        (0.09996, "0.1"), (-0.0004, "-0.0004"), (-0.0, "0"), (1e-12, "0"), (999.4, "999"), (12_345.4, "12,345"),
        (-1_234.5, "-1,235"), (1_234_567, "1.23 million"), (2.5e9, "2.5 billion"), (999_999.7, "1 million"),
        (1e300, "1e+300"), (.nan, "–"), (.infinity, "–"),
    ])
    func numbers(_ x: Double, _ text: String) {
        #expect(Format.short(x) == text)
    }

    @Test func anEmptySeriesSaysSo() {
        let svg = TrendChart(title: "Nothing", unit: nil, series: .init(label: "A", points: []), summary: "").svg()
        #expect(svg.contains("no values"))
    }
}

@Suite struct HTMLReportTests {
    func model() -> ReportModel {
        var m = ReportModel(pipeline: "town <demo>", generated: "2026-11-29", version: "0.1.0")
        m.goals = (1...17).map {
            .init(
                goal: $0, name: "Goal \($0)", localIndicators: $0 == 4 ? 2 : 0,
                status: $0 == 4 ? "substantial_progress" : "no_indicator")
        }
        m.actions = [
            .init(
                id: "fest", title: "Festival", start: "2017",
                results: [
                    .init(
                        indicator: "Adult learning", area: "Town",
                        unit: "percent", sentence: "Adult learning in Town rose by 6.9 percent.", difference: 6.9,
                        ciLow: 4.9, ciHigh: 9.0,
                        pValue: 0.00004, levelChange: 3, slopeChange: 0.46, did: 4.5, didDetail: "p 0.004",
                        chart: "<svg class=\"chart\"></svg>")
                ])
        ]
        m.progress = [
            .init(
                indicator: "Adult learning", area: "Town", unit: "percent", latest: 46.7, latestPeriod: "2023",
                target: 50, targetYear: 2030, actualGrowth: 0.017, requiredGrowth: 0.0105,
                eurostat: "significant_progress", openSDG: "substantial_progress")
        ]
        m.gaps = [.init(goal: 4, name: "Goal 4", covered: 1, total: 10, missing: [("4.2", "Early childhood", "en")])]
        m.accountability = [
            .init(
                name: "Library", role: "partner", indicator: "adult", area: "Town", status: "substantial_progress",
                results: "fest: +6.9")
        ]
        m.sources = [.init(name: "city", path: "city.csv", sha256: "abc", records: 10, rejected: 1)]
        m.tables = ["impact.csv"]
        return m
    }

    @Test func everySectionWithPrintedStatusNames() {
        let html = HTMLReport.render(model())
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<html lang=\"en\">"))
        #expect(html.contains("<title>town &lt;demo&gt;: SDG localization and impact report</title>"))
        for id in ["summary", "overview", "actions", "progress", "gap", "accountability", "methods"] {
            #expect(html.contains("<section id=\"\(id)\""))
        }
        #expect(html.components(separatedBy: "<li class=\"tile\"").count - 1 == 17)
        #expect(html.contains("On track<br>2 local indicators"), "colour is never the only carrier")
        #expect(html.contains("No local indicator</span>"))
        #expect(
            html.contains("Adult learning in Town rose by 6.9 percent.") && html.contains("< 0.001") == false
                && html.contains("&lt; 0.001"))
        #expect(html.contains("1.7%") && html.contains("1.05%"))
        #expect(html.contains("<abbr title=\"Early childhood\" lang=\"en\">4.2</abbr>"))
        #expect(html.contains("@media print") && html.contains("@media (max-width: 600px)"))
        #expect(!html.contains("<script"), "the report works without JavaScript")
        #expect(html.contains("1 record was rejected"))
    }
}

@Suite struct ChartFileNameTests {
    @Test func plainKeysKeepTheirNames() {
        #expect(ReportAssembler.fileName(["LOC_1", "Riverton", ""]) == "LOC_1-Riverton")
    }

    @Test func namesThatDifferOnlyInPunctuationDoNotCollide() {
        let a = ReportAssembler.fileName(["X", "North Side", ""])
        let b = ReportAssembler.fileName(["X", "North_Side", ""])
        let c = ReportAssembler.fileName(["X", "North-Side", ""])
        #expect(Set([a, b, c]).count == 3)
        #expect(b == "X-North_Side")
    }

    @Test func longKeysStayFarBelowTheFileNameLimit() {
        let area = String(repeating: "Ä", count: 300)
        let key = (0..<15).map { "DIM\($0)=LONGCODE_\($0)_VALUE" }.joined(separator: ",")
        let one = ReportAssembler.fileName(["SE_ADT_ACTS", area, key])
        let two = ReportAssembler.fileName(["SE_ADT_ACTS", area, key + "x"])
        #expect(one.utf8.count + ".svg".utf8.count < 255 && two.utf8.count < 255)
        #expect(one != two)
    }
}

/// The command the report prints for one area's report: each code and path one shell word, as /bin/sh reads it.
@Suite struct AreaCommandTests {
    @Test(arguments: ["0363", "North Side", "Saint-Denis (93)", "O'Hare", "/tmp/my pipelines/network.yaml", "Zürich"])
    func aWordReadsBackAsItWasWritten(_ text: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf %s " + HTMLReport.shellWord(text)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == text)
    }

    @Test func theTemplateTakesTheCodeAndAFileName() {
        let command = HTMLReport.areaCommand(
            "sdgpipe run p.yaml --only-areas {area} --out out-{area_file}", "North Side")
        #expect(command.hasPrefix("sdgpipe run p.yaml --only-areas 'North Side' --out out-North_Side-"))
        #expect(!command.contains("{"))
    }
}
