import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// A copy of the demo pipeline in a temporary folder, reading the committed sample feeds (or replacements).
struct DemoWorkspace {
    let dir = TemporaryDirectory("sdgpipe-run")
    var outputs: URL { dir.url.appendingPathComponent("out") }

    init(csv: String? = nil, xml: String? = nil, maxRejectRatio: String = "0.01") {
        let samples = packageRoot.appendingPathComponent("samples/demo")
        var yaml = try! String(contentsOf: packageRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8)
        let csvPath = csv.map { dir.write($0, to: "city.csv") } ?? samples.appendingPathComponent("city_stats.csv").path
        let xmlPath =
            xml.map { dir.write($0, to: "national.xml") } ?? samples.appendingPathComponent("sdg4_national.xml").path
        yaml = yaml.replacingOccurrences(of: "../samples/demo/city_stats.csv", with: csvPath)
            .replacingOccurrences(of: "../samples/demo/sdg4_national.xml", with: xmlPath)
            .replacingOccurrences(of: "../output/riverton-demo", with: outputs.path)
            .replacingOccurrences(
                of: "../samples/demo/crosswalk.csv", with: samples.appendingPathComponent("crosswalk.csv").path
            )
            .replacingOccurrences(
                of: "../samples/demo/cities.geojson", with: samples.appendingPathComponent("cities.geojson").path
            ).replacingOccurrences(
                of: "../samples/demo/riverton-plan.yaml",
                with: samples.appendingPathComponent("riverton-plan.yaml").path
            )
            .replacingOccurrences(
                of: "../samples/sdmx/sdg-dsd-subset.xml",
                with: packageRoot.appendingPathComponent("samples/sdmx/sdg-dsd-subset.xml").path
            )
            .replacingOccurrences(of: "max_reject_ratio: 0.01", with: "max_reject_ratio: \(maxRejectRatio)")
        dir.write(yaml, to: "demo.yaml")
    }

    func run() throws -> RunSummary {
        try PipelineRunner(definition: PipelineFileParser.load(path: dir.path("demo.yaml"))).run()
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: outputs.appendingPathComponent(name), encoding: .utf8)
    }

    /// Rows of a CSV output as dictionaries, read with our own RFC 4180 reader.
    func rows(_ name: String) throws -> [[String: String]] {
        let reader = try CSVRecordReader(path: outputs.appendingPathComponent(name).path, delimiter: UInt8(ascii: ","))
        guard let header = try reader.next()?.fields else { return [] }
        var rows: [[String: String]] = []
        while let record = try reader.next() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
        }
        return rows
    }
}

@Suite struct PipelineRunnerTests {
    /// The result tables come out in the order of their database keys, whatever the order of the feed (a database
    /// loads them faster so): the same rows from a shuffled feed, sorted by source, indicator, area,
    /// disaggregation and period as SQLite compares text.
    @Test func tablesComeOutInKeyOrderWhateverTheFeedsOrder() throws {
        let feed = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        var lines = feed.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var generator = SeededGenerator(seed: 42)
        lines.shuffle(using: &generator)
        let shuffled = DemoWorkspace(csv: ([header] + lines).joined(separator: "\n") + "\n")
        let plain = DemoWorkspace()
        _ = try shuffled.run()
        _ = try plain.run()
        func keyed(_ rows: [[String: String]], _ key: [String]) -> [[String]] {
            rows.map { row in key.map { row[$0] ?? "" } }
        }
        func inOrder(_ keys: [[String]]) -> Bool {
            zip(keys, keys.dropFirst()).allSatisfy { a, b in
                for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
                return false
            }
        }
        let observationKey = ["source", "indicator", "area", "disaggregation", "period"]
        let observations = try shuffled.rows("observations.csv")
        #expect(observations.count == 293)
        #expect(inOrder(keyed(observations, observationKey)))
        // The same rows as from the feed in its own order (but for the file and line each was read from).
        func withoutLines(_ rows: [[String: String]]) -> [[String: String]] {
            rows.map { $0.filter { $0.key != "line" && $0.key != "file" } }
        }
        #expect(withoutLines(observations) == withoutLines(try plain.rows("observations.csv")))
        for (table, key) in [
            ("localized_series.csv", ["indicator", "area", "disaggregation"]),
            ("progress.csv", ["indicator", "area", "disaggregation"]),
        ] {
            #expect(inOrder(keyed(try shuffled.rows(table), key)), "\(table)")
            #expect(try shuffled.rows(table) == (try plain.rows(table)), "\(table)")
        }
    }

    @Test func theDemoWritesItsFourOutputsWithOneImpactRowPerActionIndicatorArea() throws {
        let workspace = DemoWorkspace()
        let summary = try workspace.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.outputs.path)
        for name in ["observations", "impact", "trends", "progress", "rejects"] {
            #expect(files.contains("\(name).csv"), "\(name)")
            #expect(files.contains("\(name).json") == (name != "observations"), "observations.json only when asked")
        }
        #expect(files.contains("run.json"))
        // By default a chart file for each series the report draws (all the demo's treated series), and no other.
        let charts = try FileManager.default.contentsOfDirectory(
            atPath: workspace.outputs.appendingPathComponent("charts").path)
        let report = try String(contentsOf: workspace.outputs.appendingPathComponent("report.html"), encoding: .utf8)
        let drawn = Set(
            report.components(separatedBy: "aria-labelledby=\"chart-").dropFirst().map {
                $0.prefix { $0 != "-" }
            })  // one id per series; a series under two actions is drawn twice
        #expect(charts.count == drawn.count && charts.count > 0, "\(charts.count) files, \(drawn.count) in the report")
        #expect(!charts.contains { $0.contains("Lakeside") }, "no file for a comparison area")
        #expect(!report.contains("overflow-note"), "the demo is drawn in full")
        let impact = try workspace.rows("impact.csv")
        // festival: adult learning ×3 cities, library visits ×3, national series ×1; modernisation: 3 indicators ×3
        for method in ["before_after", "its"] {
            let rows = impact.filter { $0["method"] == method }
            #expect(rows.count == 16, "\(method)")
            #expect(Set(rows.map { "\($0["action"]!)|\($0["indicator"]!)|\($0["area"]!)" }).count == 16)
        }
        // Riverton against Lakeside and Hillview: 2 indicators of the festival (the national series has no peers), 3 of
        // the modernisation.
        let did = impact.filter { $0["method"] == "did" }
        #expect(
            did.count == 5
                && did.allSatisfy { $0["area"] == "Riverton" && $0["comparison_areas"] == "Hillview;Lakeside" })
        // The same panels' synthetic controls, one row each.
        let synthetic = impact.filter { $0["method"] == "synthetic_control" }
        #expect(synthetic.count == 5 && synthetic.map { $0["indicator"] } == did.map { $0["indicator"] })
        #expect(impact.count == 42)
        let progress = try workspace.rows("progress.csv")
        #expect(progress.count == 13, "one row per localized series")
        let trends = try workspace.rows("trends.csv")
        // 13 series × overall × 3 methods + 16 action series × (pre, post) × 3 methods
        #expect(trends.count == 13 * 3 + 16 * 2 * 3)
        // Each row once by its key, every segment and method in its place, each method's own columns filled.
        let key = ["action", "indicator", "area", "disaggregation", "segment", "method"]
        #expect(Set(trends.map { row in key.map { row[$0] ?? "?" }.joined(separator: "|") }).count == trends.count)
        for (segment, count) in [("overall", 13 * 3), ("pre", 16 * 3), ("post", 16 * 3)] {
            #expect(trends.filter { $0["segment"] == segment }.count == count, "\(segment)")
            #expect(trends.allSatisfy { $0["segment"] != segment || ($0["action"] == "") == (segment == "overall") })
        }
        for row in trends where row["status"] == "ok" {
            switch row["method"] {
            case "ols": #expect(row["r_squared"] != "" && row["s"] == "" && row["n"] != "", "\(row)")
            case "mann_kendall": #expect(row["s"] != "" && row["slope"] == "" && row["n"] != "", "\(row)")
            default: #expect(row["method"] == "sen" && row["slope"] != "" && row["r_squared"] == "", "\(row)")
            }
        }
        #expect(summary.manifest.rowsRead == 294 && summary.manifest.rowsRejected == 1)
        #expect(summary.manifest.observations == 293)
        let rejects = try workspace.rows("rejects.csv")
        #expect(rejects.count == 1)
        #expect(rejects[0]["line"] == "239" && rejects[0]["code"] == "csv.value-not-a-number")
        #expect(rejects[0]["severity"] == "error")
        let manifest = try JSONSerialization.jsonObject(with: Data(workspace.read("run.json").utf8)) as! [String: Any]
        let inputs = manifest["inputs"] as! [[String: Any]]
        #expect(inputs.count == 2 && (inputs[0]["sha256"] as! String).count == 64)
        #expect(manifest["status"] as? String == "succeeded" && manifest["exit_code"] as? Int == 0)
    }

    /// Recomputes Riverton's adult-learning impact of the 2017 festival by hand from the sample file.
    @Test func theNumbersAreRight() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let csv = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        var before: [Double] = []
        var after: [Double] = []
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f[0] == "Riverton", f[1] == "ADULT_LEARN", f[2] == "_T", let year = Int(f[3]), let v = Double(f[4])
            else { continue }
            if (2011..<2017).contains(year) {
                before.append(v)
            } else if (2017..<2023).contains(year) {
                after.append(v)
            }
        }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        func variance(_ x: [Double]) -> Double {
            let m = mean(x)
            return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
        }
        let a = variance(before) / Double(before.count)
        let b = variance(after) / Double(after.count)
        let t = (mean(after) - mean(before)) / (a + b).squareRoot()
        let df = (a + b) * (a + b) / (a * a / Double(before.count - 1) + b * b / Double(after.count - 1))
        let row = try #require(
            try workspace.rows("impact.csv").first {
                $0["action"] == "learning-festival" && $0["indicator"] == "adult_learning_rate"
                    && $0["area"] == "Riverton"
                    && $0["method"] == "before_after"
            })
        #expect(
            row["role"] == "treated" && row["n_before"] == "6" && row["n_after"] == "6"
                && row["method"] == "before_after")
        #expect(abs(Double(row["mean_before"]!)! - mean(before)) < 1e-12)
        #expect(abs(Double(row["difference"]!)! - (mean(after) - mean(before))) < 1e-12)
        #expect(abs(Double(row["t"]!)! - t) < 1e-10 * abs(t))
        #expect(abs(Double(row["df"]!)! - df) < 1e-10 * df)
        #expect(Double(row["p_value"]!)! < 0.001, "the built-in effect is clear")
        let esl = try #require(
            try workspace.rows("impact.csv").first {
                $0["indicator"] == "early_school_leaving" && $0["area"] == "Lakeside"
            })
        #expect(esl["role"] == "comparison")
    }

    @Test func tooManyRejectsFailAndLeaveThePreviousOutputs() throws {
        let good = DemoWorkspace()
        _ = try good.run()
        let previous = try good.read("impact.csv")
        let strict = DemoWorkspace(maxRejectRatio: "0")
        try FileManager.default.createDirectory(at: strict.outputs, withIntermediateDirectories: true)
        try previous.write(to: strict.outputs.appendingPathComponent("impact.csv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try strict.run()
        } throws: { error in
            guard case .tooManyRejects(let rejected, let read, _, let reasons) = error as? RunError else {
                return false
            }
            return rejected == 1 && read == 294 && reasons[0].contains("city_stats.csv:239")
                && (error as! RunError).category.exitCode == 3
        }
        #expect(try strict.read("impact.csv") == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: strict.outputs.path) == ["impact.csv"])
    }

    @Test func aTruncatedSDMXFileFailsWithItsLineAndLeavesThePreviousOutputs() throws {
        let xml = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/sdg4_national.xml"), encoding: .utf8)
        let workspace = DemoWorkspace(xml: String(xml.prefix(xml.count / 2)))
        try FileManager.default.createDirectory(at: workspace.outputs, withIntermediateDirectories: true)
        try "previous".write(
            to: workspace.outputs.appendingPathComponent("impact.csv"), atomically: true, encoding: .utf8)
        #expect {
            _ = try workspace.run()
        } throws: { error in
            guard case .malformedXML(let location, _) = error as? IngestError else { return false }
            return location.file.hasSuffix("national.xml") && location.line != nil
                && (error as! IngestError).category.exitCode == 3
        }
        #expect(try workspace.read("impact.csv") == "previous")
    }

    @Test func aMissingInputFileIsExit3() throws {
        let workspace = DemoWorkspace()
        var yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "samples/demo/city_stats.csv", with: "samples/demo/nope.csv")
        workspace.dir.write(yaml, to: "demo.yaml")
        #expect {
            _ = try workspace.run()
        } throws: { error in
            guard case .fileNotFound(let path) = error as? IngestError else { return false }
            return path.hasSuffix("nope.csv")
        }
    }

    @Test func validateReadsInputsWithoutWriting() throws {
        let workspace = DemoWorkspace()
        let report = try PipelineValidator(definition: PipelineFileParser.load(path: workspace.dir.path("demo.yaml")))
            .validate()
        #expect(report.records == 294 && report.rejects == 1)
        #expect(!FileManager.default.fileExists(atPath: workspace.outputs.path))
    }
}

@Suite struct DataChecksTests {
    @Test func validateListsSelectionsThatMatchNothingAndMixedUnits() throws {
        let workspace = DemoWorkspace(
            csv:
                "area,indicator,sex,period,value,unit\nRiverton,ADULT_LEARN,_T,2015,40,percent\nRiverton,ADULT_LEARN,_T,2016,0.41,ratio\n"
        )
        #expect {
            _ = try PipelineValidator(definition: PipelineFileParser.load(path: workspace.dir.path("demo.yaml")))
                .validate()
        } throws: { error in
            guard case .invalid(let problems) = error as? PipelineFileError else { return false }
            let text = problems.map(\.description)
            return text.contains { $0.contains("'adult_learning_rate' mixes units (percent, ratio)") }
                && text.contains {
                    $0.contains("'library_visits' selects no observations") && $0.contains("demo.yaml:")
                }
                && text.contains {
                    $0.contains("'household_broadband' selects no observations") && $0.contains("crosswalk.csv:2")
                }
        }
    }

    @Test func aTargetOnTheWrongSideOfTheDataBaselineIsAProblem() throws {
        // Early school leaving must fall; a target of 150 per 1,000 lies above Riverton's 2015 value (about 120).
        let workspace = DemoWorkspace()
        var yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "target: {year: 2030, value: 60}", with: "target: {year: 2030, value: 150}")
        workspace.dir.write(yaml, to: "demo.yaml")
        #expect {
            _ = try PipelineValidator(definition: PipelineFileParser.load(path: workspace.dir.path("demo.yaml")))
                .validate()
        } throws: { error in
            guard case .invalid(let problems) = error as? PipelineFileError else { return false }
            return problems.count == 1
                && problems[0].message.contains(
                    "the target 150.0 of 'early_school_leaving' lies on the wrong side of the 2015 baseline")
                && problems[0].message.contains("in Riverton")
        }
    }

    @Test func theDemoWritesItsLocalizationTables() throws {
        let workspace = DemoWorkspace()
        _ = try workspace.run()
        let series = try workspace.rows("localized_series.csv")
        let esl = try #require(series.first { $0["indicator"] == "early_school_leaving" && $0["area"] == "Riverton" })
        #expect(esl["conversion"] == "percent → per_1000" && esl["unit"] == "per 1,000 aged 18-24")
        #expect(Double(esl["baseline_value"]!)! > 50, "percent × 10")
        let adult = try #require(series.first { $0["indicator"] == "adult_learning_rate" && $0["area"] == "Riverton" })
        #expect(
            adult["target_source"] == "national" && adult["kflc"] == "revitalized-learning-in-families-and-communities")
        let accountability = try workspace.rows("accountability.csv")
        let library = accountability.filter { $0["name"] == "City Library" }
        #expect(Set(library.map { $0["role"]! }) == ["owner", "partner"])
        #expect(
            library.first { $0["indicator"] == "adult_learning_rate" }?["results"]?.hasPrefix(
                "learning-festival: +6.92 (95% CI 4.89 to 8.95") == true)
        #expect(try workspace.rows("coverage.csv").count == 17 + 169 + 1)
    }
}

@Suite struct SelectionChecksTests {
    @Test func aSelectionGatheringSeveralSeriesIsAProblem() throws {
        let workspace = DemoWorkspace()
        var yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "where: {indicator: ADULT_LEARN, sex: _T}", with: "where: {indicator: ADULT_LEARN}"
        )
        .replacingOccurrences(of: "where: {indicator: LIB_VISITS, sex: _T}", with: "where: {sex: _T}")
        workspace.dir.write(yaml, to: "demo.yaml")
        #expect {
            _ = try PipelineValidator(definition: PipelineFileParser.load(path: workspace.dir.path("demo.yaml")))
                .validate()
        } throws: { error in
            guard case .invalid(let problems) = error as? PipelineFileError else { return false }
            // ADULT_LEARN without a sex is fine (one series per sex); every indicator under one id is not.
            return problems.count == 2
                && problems.contains { $0.message.contains("'library_visits' gathers several values for one period") }
                && problems.contains { $0.message.contains("'library_visits' mixes units") }
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffles that a failing test can reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `evaluation.progress` chooses the assessments written: the others' columns stay empty and the report leaves them
/// out; without the key all four are written.
@Suite struct ProgressChoiceTests {
    @Test func onlyTheChosenAssessmentsAreWritten() throws {
        let w = DemoWorkspace()
        let path = w.dir.path("demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(yaml.contains("progress: [eurostat, opensdg, sdsn, oecd]"))
        try yaml.replacingOccurrences(of: "progress: [eurostat, opensdg, sdsn, oecd]", with: "progress: [eurostat]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        _ = try w.run()
        let rows = try w.rows("progress.csv")
        #expect(!rows.isEmpty)
        #expect(
            rows.allSatisfy {
                ($0["opensdg_status"] ?? "x").isEmpty && ($0["sdsn_score"] ?? "x").isEmpty
                    && ($0["oecd_distance"] ?? "x").isEmpty
            })
        #expect(rows.contains { !($0["eurostat_class"] ?? "").isEmpty })
        #expect(try w.rows("accountability.csv").allSatisfy { ($0["opensdg_status"] ?? "x").isEmpty })
        let report = try w.read("report.html")
        #expect(
            !report.contains("class=\"badge\""), "Open SDG's status badges are left out (the demo's report has them)")
    }

    @Test func allFourWithoutTheKeyAndAnUnknownNameIsAnError() throws {
        let w = DemoWorkspace()
        let path = w.dir.path("demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        try yaml.replacingOccurrences(of: "progress: [eurostat, opensdg, sdsn, oecd]", with: "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try PipelineFileParser.load(path: path).evaluation.progress == Set(ProgressMethod.allCases))
        try yaml.replacingOccurrences(
            of: "progress: [eurostat, opensdg, sdsn, oecd]", with: "progress: [eurostat, opensgd]"
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try PipelineFileParser.load(path: path) } throws: { error in
            "\(error)".contains("unknown classification 'opensgd'") && "\(error)".contains("opensdg")
        }
    }
}
