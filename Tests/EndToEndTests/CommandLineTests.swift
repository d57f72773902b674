import Foundation
import SDGTestSupport
import Testing

/// Runs the built `sdgpipe` executable as a user or a cron job would, checking exit codes and messages.
struct CLI {
    static let executable: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        return candidates.map { $0.appendingPathComponent("sdgpipe") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates.last!.appendingPathComponent("sdgpipe")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:]) throws
        -> Result
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension CLI {
    /// Starts the executable without waiting; its stderr can be watched with `waitFor`.
    static func start(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// Runs `script` with `/bin/sh` in `dir` (redirections, pipes and users the way a shell sets them up).
    static func shell(_ script: String, in dir: TemporaryDirectory) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = dir.url
        try process.run()
        process.waitUntilExit()
    }

    /// Reads the process's stderr until `text` appears (or 60 s pass).
    static func waitFor(_ text: String, in process: Process) throws {
        let handle = (process.standardError as! Pipe).fileHandleForReading
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while !seen.contains(text) {
            guard Date() < deadline, process.isRunning else {
                throw CocoaError(.fileReadUnknown, userInfo: ["reason": "never saw '\(text)'; stderr: \(seen)"])
            }
            let data = handle.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05) }
            seen += String(decoding: data, as: UTF8.self)
        }
    }
}

/// The demo pipeline copied next to (possibly damaged) copies of the sample feeds.
func demoCopy(_ dir: TemporaryDirectory, csv: (String) -> String = { $0 }, xml: (String) -> String = { $0 }) throws
    -> String
{
    let samples = packageRoot.appendingPathComponent("samples/demo")
    dir.write(
        csv(try String(contentsOf: samples.appendingPathComponent("city_stats.csv"), encoding: .utf8)),
        to: "samples/demo/city_stats.csv")
    dir.write(
        xml(try String(contentsOf: samples.appendingPathComponent("sdg4_national.xml"), encoding: .utf8)),
        to: "samples/demo/sdg4_national.xml")
    dir.write(
        try String(contentsOf: samples.appendingPathComponent("crosswalk.csv"), encoding: .utf8),
        to: "samples/demo/crosswalk.csv")
    for file in ["cities.geojson", "riverton-plan.yaml"] {
        dir.write(
            try String(contentsOf: samples.appendingPathComponent(file), encoding: .utf8), to: "samples/demo/" + file)
    }
    dir.write(
        try String(contentsOf: packageRoot.appendingPathComponent("samples/sdmx/sdg-dsd-subset.xml"), encoding: .utf8),
        to: "samples/sdmx/sdg-dsd-subset.xml")
    return dir.write(
        try String(contentsOf: packageRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8),
        to: "pipelines/demo.yaml")
}

@Suite(.serialized) struct CommandLineTests {
    @Test func theDemoRunsEndToEnd() throws {
        let dir = TemporaryDirectory()
        let r = try CLI.run(["run", "pipelines/demo.yaml", "--out", dir.path("out")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("294 records read, 1 rejected, 13 localized series, 42 impact rows"))
        #expect(r.stderr.contains("city_stats.csv:239:5: value '2.71*' is not a number"))
        for name in ["observations.csv", "impact.csv", "trends.csv", "progress.csv", "rejects.csv", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.path("out/\(name)")))
        }
        let quiet = try CLI.run(["run", "pipelines/demo.yaml", "--out", dir.path("out"), "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        // The closing summary in the report's language; the stage lines stay English for the logs.
        let french = try String(contentsOf: packageRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "edition: 2023}", with: "edition: 2023, language: fr}")
            .replacingOccurrences(of: "../samples/", with: packageRoot.path + "/samples/")
        let fr = try CLI.run(["run", dir.write(french, to: "fr.yaml"), "--out", dir.path("out-fr")])
        #expect(fr.status == 0, "\(fr.stderr)")
        #expect(
            fr.stdout.contains(
                "riverton-demo : 294 enregistrements lus, 1 rejeté, 13 séries localisées, 42 lignes d'impact"))
        #expect(fr.stdout.contains("sorties : ") && (fr.stdout + fr.stderr).contains("evaluate: 13 localized series"))
    }

    @Test func aMissingPipelineFileIsExit2() throws {
        let r = try CLI.run(["run", "pipelines/nope.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("pipelines/nope.yaml: pipeline file not found"))
    }

    @Test func aYAMLSyntaxErrorIsExit2WithItsLine() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("pipeline: x\nsources:\n  a: {path: a.csv\nindicators: []\n", to: "bad.yaml")
        let r = try CLI.run(["run", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:4:"), "\(r.stderr)")
    }

    @Test func anUnknownKeyIsExit2WithSuggestion() throws {
        let dir = TemporaryDirectory()
        let path = try demoCopy(dir)
        let yaml = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "    owner: City Library", with: "    ownr: City Library")
        dir.write(yaml, to: "pipelines/demo.yaml")
        let r = try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url)
        #expect(r.status == 2)
        let line =
            yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("ownr: City Library")
            }! + 1
        #expect(
            r.stderr.contains(
                "pipelines/demo.yaml:\(line):5: unknown key `ownr` in `indicators[1]`. Did you mean 'owner'?"),
            "\(r.stderr)")
    }

    @Test func aNonNumberValueIsRejectedAndTheRunSucceeds() throws {
        let dir = TemporaryDirectory()
        _ = try demoCopy(dir)
        let r = try CLI.run(["run", "pipelines/demo.yaml"], in: dir.url)
        #expect(r.status == 0)
        let rejects = try String(contentsOfFile: dir.path("output/riverton-demo/rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("city_stats,samples/demo/city_stats.csv,239,5,,error,csv.value-not-a-number"))
    }

    @Test func aTruncatedSDMXFileIsExit3AndLeavesEarlierOutputs() throws {
        let dir = TemporaryDirectory()
        _ = try demoCopy(dir)
        #expect(try CLI.run(["run", "pipelines/demo.yaml"], in: dir.url).status == 0)
        let impact = dir.path("output/riverton-demo/impact.csv")
        let before = try Data(contentsOf: URL(fileURLWithPath: impact))
        _ = try demoCopy(dir, xml: { String($0.prefix(5000)) })
        let r = try CLI.run(["run", "pipelines/demo.yaml"], in: dir.url)
        #expect(r.status == 3)
        #expect(r.stderr.contains("samples/demo/sdg4_national.xml:"), "\(r.stderr)")
        #expect(r.stderr.contains("XML is not well formed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: impact)) == before)
    }

    @Test func anUnknownOptionIsExit2() throws {
        let r = try CLI.run(["run", "pipelines/demo.yaml", "--frobnicate"])
        #expect(r.status == 2 && r.stderr.contains("Unknown option"))
    }

    @Test func helpShowsAnExample() throws {
        let r = try CLI.run(["run", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("sdgpipe run pipelines/demo.yaml"))
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}

@Suite struct EvaluateCommandTests {
    @Test func jsonCarriesTheDocumentedFieldNames() throws {
        let r = try CLI.run([
            "evaluate", "samples/demo/city_stats.csv", "--start", "2017", "--direction", "increase",
            "--target", "50", "--comparison", "Lakeside,Hillview", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let series = json["series"] as! [[String: Any]]
        #expect(series.count == 18, "6 series per city (ADULT_LEARN by sex ×3, 3 others) × 3 cities")
        let riverton = try #require(
            series.first {
                $0["area"] as? String == "Riverton" && $0["indicator"] as? String == "ADULT_LEARN"
                    && $0["disaggregation"] as? String == "sex=_T"
            })
        for key in [
            "area", "indicator", "n", "first_period", "last_period", "before_after", "ols", "mann_kendall", "sen",
            "its", "cagr", "progress", "did",
        ] {
            #expect(riverton[key] != nil, "missing \(key)")
        }
        let ba = riverton["before_after"] as! [String: Any]
        for key in [
            "n_before", "n_after", "mean_before", "mean_after", "difference", "relative_change", "t", "df", "p_value",
            "ci_low", "ci_high", "cohen_d", "hedges_g", "status", "reason",
        ] { #expect(ba.keys.contains(key), "before_after.\(key)") }
        let its = riverton["its"] as! [String: Any]
        for key in [
            "level_change", "slope_change", "pre_slope", "post_slope", "level_se", "slope_se", "level_p", "slope_p",
            "r_squared", "durbin_watson", "hac_lags", "hac_level_se", "hac_slope_se", "status",
        ] { #expect(its.keys.contains(key), "its.\(key)") }
        let progress = riverton["progress"] as! [String: [String: Any]]
        #expect(
            progress["eurostat"]?.keys.contains("class") == true && progress["opensdg"]?.keys.contains("score") == true)
        #expect(progress["sdsn"]?.keys.contains("arrow") == true && progress["oecd"]?.keys.contains("distance") == true)
        let did = riverton["did"] as! [String: Any]
        for key in ["estimate_2x2", "estimate_twfe", "se_clustered", "p_value", "placebo_estimate", "status"] {
            #expect(did.keys.contains(key))
        }
        #expect((did["estimate_twfe"] as! Double) > 3, "the festival's built-in effect shows against the twin cities")
        #expect(
            (riverton["cagr"] as! [[String: Any]]).map { $0["window"] as! String } == [
                "whole", "short_term", "long_term",
            ])
        #expect(json["rejects"] as? Int == 1 && r.stderr.contains("city_stats.csv:239:5"))
    }

    @Test func studentAndHACLagOptions() throws {
        let r = try CLI.run([
            "evaluate", "samples/demo/sdg4_national.xml", "--start", "2017", "--student", "--hac-lags", "2", "--format",
            "json",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let first = (json["series"] as! [[String: Any]])[0]
        #expect((first["before_after"] as! [String: Any])["df"] as? Double == 12, "Student: n1 + n2 - 2")
        #expect((first["its"] as! [String: Any])["hac_lags"] as? Int == 2)
    }

    @Test func theTableViewListsEverySeries() throws {
        let r = try CLI.run(["evaluate", "samples/demo/sdg4_national.xml", "--start", "2017"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("SE_ADT_EDUCTRN") && r.stdout.split(separator: "\n").count == 2 + 3)
    }

    @Test func aBadStartIsExit2AndAMissingFileExit3() throws {
        let bad = try CLI.run(["evaluate", "samples/demo/city_stats.csv", "--start", "next year"])
        #expect(bad.status == 2 && bad.stderr.contains("is not a period"))
        let missing = try CLI.run(["evaluate", "samples/demo/nope.csv", "--start", "2017"])
        #expect(missing.status == 3 && missing.stderr.contains("nope.csv: file not found"))
    }
}

@Suite struct CatalogCommandTests {
    @Test func aTargetListsItsIndicatorsAndTheLocalOnes() throws {
        let r = try CLI.run(["catalog", "4.3", "--pipeline", "pipelines/demo.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("4.3.1") && r.stdout.contains("← adult_learning_rate, national_adult_learning"))
    }

    @Test func goalsSearchKFLCAndJSON() throws {
        let goals = try CLI.run(["catalog"])
        #expect(goals.stdout.split(separator: "\n").count == 17)
        let search = try CLI.run(["catalog", "--search", "literacy", "--format", "json"])
        let found = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [[String: Any]]
        #expect(found.contains { $0["code"] as? String == "4.6.1" })
        // The learning-city features too, unless one framework is named.
        #expect(found.contains { $0["code"] as? String == "empowerment.capabilities" })
        let sdgOnly = try CLI.run(["catalog", "--search", "literacy", "--framework", "sdg"])
        #expect(sdgOnly.stdout.contains("4.6.1") && !sdgOnly.stdout.contains("empowerment.capabilities"))
        let kflc = try CLI.run(["catalog", "--framework", "kflc"])
        #expect(kflc.stdout.contains("building-blocks") && kflc.stdout.contains("community.learning-spaces"))
    }

    @Test func anUnknownCodeIsExit2WithSuggestions() throws {
        let r = try CLI.run(["catalog", "4.3.7"])
        #expect(r.status == 2 && r.stderr.contains("Nearest: 4.3.1"))
    }
}

@Suite struct InspectCommandTests {
    @Test func controlTotalsReconcileWithTheFile() throws {
        let r = try CLI.run(["inspect", "samples/demo/city_stats.csv", "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        // Recount independently: 252 data rows, one rejected ("2.71*"), one missing (".."), 18 series.
        let csv = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        let values = csv.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[4]) }
        #expect(
            json["observations"] as? Int == 251 && json["values"] as? Int == values.count
                && json["rejects"] as? Int == 1)
        #expect(abs((json["value_sum"] as! Double) - values.reduce(0, +)) < 1e-9)
        #expect(json["series"] as? Int == 18)
        #expect((json["roles"] as? [String: String])?["period"] == "period")
        #expect((json["periods"] as? [String: Any])?["first"] as? String == "2010")
    }

    @Test func sdmxAndOptions() throws {
        let r = try CLI.run(["inspect", "samples/demo/sdg4_national.xml"])
        #expect(
            r.status == 0 && r.stdout.contains("observations 42, values 41") && r.stdout.contains("series 3")
                && r.stdout.contains("SDMX-ML data"))
        let strict = try CLI.run(["inspect", "samples/demo/city_stats.csv", "--missing", "NA", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as! [String: Any]
        #expect(json["rejects"] as? Int == 2, "'..' is not a missing marker any more, so it is rejected too")
        #expect(try CLI.run(["inspect", "samples/demo/nope.csv"]).status == 3)
        #expect(try CLI.run(["inspect", "samples/demo/city_stats.csv", "--delimiter", "x"]).status == 2)
    }
}

@Suite struct InitCommandTests {
    @Test func aNewCityPipelineRunsAsCreated() throws {
        let dir = TemporaryDirectory()
        let created = try CLI.run(["init", dir.path("city"), "--city", "Port Ellis"])
        #expect(created.status == 0 && created.stdout.contains("pipelines/port-ellis.yaml"))
        let city = dir.url.appendingPathComponent("city")
        #expect(try CLI.run(["validate", "pipelines/port-ellis.yaml"], in: city).status == 0)
        let run = try CLI.run(["run", "pipelines/port-ellis.yaml", "--quiet"], in: city)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: city.appendingPathComponent("output/port-ellis/report.html").path))
        let again = try CLI.run(["init", dir.path("city"), "--city", "Port Ellis"])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
    }

    /// An ASCII file name and id from a name with umlauts, the display name kept in the data and the report.
    @Test func aNameWithUmlautsGetsAnASCIIFileName() throws {
        let dir = TemporaryDirectory()
        let created = try CLI.run(["init", dir.path("city"), "--city", "Göttingen"])
        #expect(created.status == 0 && created.stdout.contains("pipelines/goettingen.yaml"), "\(created.stdout)")
        let city = dir.url.appendingPathComponent("city")
        let run = try CLI.run(["run", "pipelines/goettingen.yaml", "--quiet"], in: city)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(
            contentsOf: city.appendingPathComponent("output/goettingen/report.html"), encoding: .utf8)
        #expect(report.contains("in Göttingen"))
    }
}

/// A record id keyed as a dimension: `inspect`, `evaluate` and `run` say so, and the advice works where it is given.
@Suite struct SplitSeriesCommandTests {
    static let records: String = {
        var lines = ["ref,area,indicator,sex,year,value"]
        var id = 1000
        for m in 1...12 {
            for sex in ["F", "M"] {
                for year in 2015...2020 {
                    id += 1
                    lines.append(
                        "C-\(id * 7 % 9973),\(String(format: "%04d", m)),LIB_VISITS,\(sex),\(year),\(m * 10 + year - 2000)"
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func theWarningAndItsAdviceInEveryCommand() throws {
        let dir = TemporaryDirectory()
        dir.write(Self.records, to: "records.csv")
        let inspect = try CLI.run(["inspect", "records.csv"], in: dir.url)
        #expect(inspect.status == 0 && inspect.stdout.contains("series 144"))
        #expect(inspect.stdout.contains("warning: records.csv:1: 144 of 144 series"), "\(inspect.stdout)")
        let fixed = try CLI.run(["inspect", "records.csv", "--ignore", "ref"], in: dir.url)
        #expect(fixed.stdout.contains("series 24") && !fixed.stdout.contains("warning"), "\(fixed.stdout)")
        let evaluate = try CLI.run(["evaluate", "records.csv", "--start", "2018"], in: dir.url)
        #expect(evaluate.status == 0 && evaluate.stderr.contains("`--ignore ref`"), "\(evaluate.stderr)")
        let evaluated = try CLI.run(
            ["evaluate", "records.csv", "--start", "2018", "--ignore", "ref", "--format", "json"], in: dir.url)
        let json = try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any]
        #expect((json?["series"] as? [Any])?.count == 24, "\(evaluated.stdout.prefix(300))")
        #expect(!evaluated.stderr.contains("warning"))
        // The pipeline: `run` warns, and the entry the message asks for silences it.
        let pipeline = """
            pipeline: split
            sources:
              records: {path: records.csv}
            indicators:
              - {id: visits, from: {source: records, where: {indicator: LIB_VISITS}}, sdg: [4.6.1], direction: increase}
            outputs: {dir: out, tables: [csv], report: none}

            """
        dir.write(pipeline, to: "p.yaml")
        let run = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(run.status == 0 && run.stderr.contains("add `ignore: [ref]`"), "\(run.stderr)")
        dir.write(
            pipeline.replacingOccurrences(of: "{path: records.csv}", with: "{path: records.csv, ignore: [ref]}"),
            to: "p.yaml")
        let again = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(again.status == 0 && !again.stderr.contains("split-series") && !again.stderr.contains("single obs"))
        let series = try String(contentsOf: dir.url.appendingPathComponent("out/localized_series.csv"), encoding: .utf8)
        #expect(series.split(separator: "\n").count == 25, "24 series and the header")
    }

    @Test func encodingsAsPythonAndIANASpellThem() throws {
        let dir = TemporaryDirectory()
        dir.write("area,year,value,indicator\n0101,2015,1.5,X\n", to: "f.csv")
        for name in ["latin-1", "ISO-8859-1", "cp1252", "UTF8", "utf_8_sig"] {
            let r = try CLI.run(["inspect", "f.csv", "--encoding", name], in: dir.url)
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        #expect(try CLI.run(["inspect", "f.csv", "--encoding", "ebcdic"], in: dir.url).status == 2)
        dir.write(
            "pipeline: e\nsources:\n  f: {path: f.csv, encoding: ISO-8859-1}\nindicators:\n"
                + "  - {id: x, from: {source: f}, sdg: [4.6.1]}\noutputs: {dir: out, tables: [csv], report: none}\n",
            to: "p.yaml")
        #expect(try CLI.run(["validate", "p.yaml"], in: dir.url).status == 0)
    }
}

/// An area the data does not have, named in the pipeline or on the command line, stops `validate` and `run` with the
/// areas found and the nearest one; before, the area had no series and the report said nothing of why.
@Suite struct UnknownAreaTests {
    func demo(_ edit: (String) -> String) throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory()
        let path = try demoCopy(dir)
        let yaml = edit(try String(contentsOfFile: path, encoding: .utf8))
        dir.write(yaml, to: "pipelines/demo.yaml")
        return (dir, yaml)
    }

    func line(of text: String, in yaml: String) -> Int {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }! + 1
    }

    @Test func aMisspelledComparisonAreaIsExit2AndTheSuggestionWorks() throws {
        let (dir, yaml) = try demo {
            $0.replacingOccurrences(of: "comparison: [Lakeside, Hillview]", with: "comparison: [Lakeside, Hilview]")
        }
        #expect(try CLI.run(["run", "pipelines/demo.yaml", "--quiet"], in: dir.url).status == 2)
        let r = try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url)
        #expect(r.status == 2)
        let at = line(of: "comparison: [Lakeside, Hilview]", in: yaml)
        #expect(
            r.stderr.contains(
                "pipelines/demo.yaml:\(at): `evaluation.comparison` names area 'Hilview', which no source has. Did you mean 'Hillview'? The sources have 4 areas: Hillview, Lakeside, Riverton, TM1"
            ), "\(r.stderr)")
        // The suggestion, followed.
        let suggested = try #require(r.stderr.range(of: #"Did you mean '[^']+'"#, options: .regularExpression))
        let name = r.stderr[suggested].dropFirst("Did you mean '".count).dropLast()
        dir.write(yaml.replacingOccurrences(of: "Hilview", with: String(name)), to: "pipelines/demo.yaml")
        #expect(try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url).status == 0)
    }

    @Test func anActionsAreaAndTheRunsScopeAreCheckedToo() throws {
        let (dir, yaml) = try demo {
            $0.replacingOccurrences(
                of: "    start: 2019\n", with: "    start: 2019\n    areas: [Riverton, North Shore]\n")
        }
        let r = try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "pipelines/demo.yaml:\(line(of: "North Shore", in: yaml)): `actions[library-modernisation].areas` names area 'North Shore', which no source has. Write the area as the data spells it"
            ), "\(r.stderr)")
        // The run's scope: exit 2, and the previous outputs stay.
        let (good, _) = try demo { $0 }
        #expect(try CLI.run(["run", "pipelines/demo.yaml", "--quiet"], in: good.url).status == 0)
        let impact = good.path("output/riverton-demo/impact.csv")
        let before = try Data(contentsOf: URL(fileURLWithPath: impact))
        let scoped = try CLI.run(["run", "pipelines/demo.yaml", "--only-areas", "Rivertown", "--force"], in: good.url)
        #expect(scoped.status == 2)
        #expect(
            scoped.stderr.contains(
                "`--only-areas` names area 'Rivertown', which no source has. Did you mean 'Riverton'?"),
            "\(scoped.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: impact)) == before)
    }

    @Test func anIndicatorOutsideTheScopeIsSaidToBe() throws {
        let (dir, _) = try demo { $0 }
        let r = try CLI.run(["run", "pipelines/demo.yaml", "--only-areas", "Riverton"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains(
                "indicator 'national_adult_learning' has observations only outside the run's area scope"),
            "\(r.stderr)")
        #expect(!r.stderr.contains("'national_adult_learning' selects no observations"))
    }
}

/// The advice for an indicator that mixes units names the `from.where` entry to add, and that entry works, whether
/// the unit is an SDMX attribute (no DSD), an SDMX dimension or a CSV column.
@Suite struct MixedUnitAdviceTests {
    static let sdmx = """
        <?xml version="1.0"?>
        <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
          <message:Header><message:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></message:Header>
          <message:DataSet>
            <Series SERIES="SE_ADT_EDUCTRN" REF_AREA="0101" SEX="F" UNIT_MEASURE="PT">
              <Obs TIME_PERIOD="2012" OBS_VALUE="31.5"/><Obs TIME_PERIOD="2013" OBS_VALUE="32.0"/>
              <Obs TIME_PERIOD="2014" OBS_VALUE="33.1"/>
            </Series>
            <Series SERIES="SE_ADT_EDUCTRN" REF_AREA="0101" SEX="F" UNIT_MEASURE="NUMBER">
              <Obs TIME_PERIOD="2015" OBS_VALUE="1520"/><Obs TIME_PERIOD="2016" OBS_VALUE="1610"/>
            </Series>
          </message:DataSet>
        </message:StructureSpecificData>
        """
    static let csv = """
        area,indicator,year,value,unit
        0101,LIB,2012,3.1,visits per inhabitant
        0101,LIB,2013,3.3,visits per inhabitant
        0101,LIB,2014,41000,visits
        0101,LIB,2015,43000,visits

        """

    func pipeline(_ file: String, where selection: String) -> String {
        """
        pipeline: units
        sources:
          feed: {path: \(file)}
        indicators:
          - {id: x, from: {source: feed, where: {\(selection)}}, sdg: [4.3.1]}
        outputs: {dir: out, tables: [csv], report: none}

        """
    }

    @Test(arguments: [
        ("feed.xml", "SERIES: SE_ADT_EDUCTRN", "unit: NUMBER", "UNIT_MEASURE: PT"),
        ("feed.csv", "indicator: LIB", "unit: visits", "units: visits per inhabitant"),
    ])
    func theAdviceNamesTheEntryAndItWorks(_ file: String, _ base: String, _ expected: String, _ other: String) throws {
        let dir = TemporaryDirectory()
        dir.write(file.hasSuffix("xml") ? Self.sdmx : Self.csv, to: file)
        dir.write(pipeline(file, where: base), to: "p.yaml")
        let mixed = try CLI.run(["validate", "p.yaml"], in: dir.url)
        #expect(mixed.status == 2 && mixed.stderr.contains("mixes units"), "\(mixed.stderr)")
        let advice = try #require(mixed.stderr.range(of: #"\(`unit: [^`]+`\)"#, options: .regularExpression))
        let entry = String(mixed.stderr[advice].dropFirst(2).dropLast(2))
        #expect(entry == expected)
        for selection in [entry, other] {
            dir.write(pipeline(file, where: base + ", " + selection), to: "p.yaml")
            let fixed = try CLI.run(["validate", "p.yaml"], in: dir.url)
            #expect(fixed.status == 0, "\(selection): \(fixed.stderr)")
        }
        // The run then keeps only that unit's observations.
        dir.write(pipeline(file, where: base + ", " + entry), to: "p.yaml")
        #expect(try CLI.run(["run", "p.yaml", "--quiet"], in: dir.url).status == 0)
        let series = try String(contentsOf: dir.url.appendingPathComponent("out/localized_series.csv"), encoding: .utf8)
        #expect(series.contains(",2,") && series.contains(entry.dropFirst("unit: ".count)), "\(series)")
    }
}

/// An action starting inside a period of annual data is an error that names the period it would be taken as.
@Suite struct ActionStartTests {
    @Test func aMonthlyStartOnAnnualDataIsExit2AndTheAdviceWorks() throws {
        let dir = TemporaryDirectory()
        let path = try demoCopy(dir)
        let yaml = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "    start: 2019\n", with: "    start: 2019-09\n")
        dir.write(yaml, to: "pipelines/demo.yaml")
        let line =
            yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("2019-09") }! + 1
        for command in ["validate", "run"] {
            let r = try CLI.run([command, "pipelines/demo.yaml"], in: dir.url)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(
                r.stderr.contains(
                    "pipelines/demo.yaml:\(line): `actions[library-modernisation].start` is 2019-09, finer than the annual data of 'library_visits': the first period counted as after the start would be 2020, and 2019 would count as before. Write the start as a period of the data: `start: 2020` (or `start: 2019` to count 2019 as after)"
                ), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("output/riverton-demo/impact.csv")))
        // The advice, followed.
        let advice = try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url).stderr
        let suggested = try #require(advice.range(of: #"`start: [0-9]+`"#, options: .regularExpression))
        let start = advice[suggested].dropFirst("`start: ".count).dropLast()
        dir.write(yaml.replacingOccurrences(of: "2019-09", with: String(start)), to: "pipelines/demo.yaml")
        #expect(try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url).status == 0)
        // A monthly start on a period boundary of the data is not ambiguous.
        dir.write(yaml.replacingOccurrences(of: "2019-09", with: "2019-01"), to: "pipelines/demo.yaml")
        #expect(try CLI.run(["validate", "pipelines/demo.yaml"], in: dir.url).status == 0)
    }
}

/// A break in series flagged by the source is named by `validate` and `run`, which still succeed.
@Suite struct SeriesBreakTests {
    @Test func aFlaggedBreakIsNamed() throws {
        let dir = TemporaryDirectory()
        dir.write(
            """
            area,indicator,year,value,obs_status
            0101,LIB,2012,3.1,A
            0101,LIB,2013,3.3,A
            0101,LIB,2014,4.9,b
            0101,LIB,2015,5.0,A
            0101,LIB,2016,5.2,b
            0202,LIB,2012,2.1,A
            0202,LIB,2013,2.2,

            """, to: "feed.csv")
        dir.write(
            """
            pipeline: breaks
            sources:
              feed: {path: feed.csv}
            indicators:
              - {id: visits, from: {source: feed, where: {indicator: LIB}}, sdg: [4.6.1]}
            outputs: {dir: out, tables: [csv], report: none, opensdg: true}

            """, to: "p.yaml")
        let expected =
            "indicator 'visits', area 0101: the source flags a break in series at 2014 (OBS_STATUS b); values before and after it are measured differently"
        let validate = try CLI.run(["validate", "p.yaml"], in: dir.url)
        #expect(validate.status == 0 && validate.stderr.contains(expected), "\(validate.stderr)")
        let run = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(run.status == 0 && run.stderr.contains(expected), "\(run.stderr)")
        #expect(!run.stderr.contains("area 0202"), "the other area has no break")
        // The Open SDG data file marks every break as an observation attribute (its sites show it as a footnote).
        let data = try String(
            contentsOf: dir.url.appendingPathComponent("out/opensdg/data/indicator_4-6-1.csv"), encoding: .utf8)
        let lines = data.split(separator: "\n")
        #expect(lines[0] == "Year,Area,GeoCode,OBS_STATUS,COMMENT_OBS,Value", "\(data)")
        let marked = lines.filter { $0.contains(",B,Break in series") }
        #expect(marked.map { String($0.prefix(9)) } == ["2014,0101", "2016,0101"], "\(data)")
        #expect(lines.contains("2015,0101,0101,,,5"))
    }
}

/// A zero standing for a missing value and a unit slip: `inspect` lists them, `run` names them and keeps them.
@Suite struct SuspiciousValueCommandTests {
    @Test func inspectListsAndRunNames() throws {
        let dir = TemporaryDirectory()
        dir.write(
            """
            area,indicator,year,value
            0101,ADULT,2012,35.1
            0101,ADULT,2013,35.9
            0101,ADULT,2014,0
            0101,ADULT,2015,36.4
            0101,ADULT,2016,37.0
            0202,ADULT,2012,3.1
            0202,ADULT,2013,3.2
            0202,ADULT,2014,31.5
            0202,ADULT,2015,3.4
            0202,ADULT,2016,3.5

            """, to: "feed.csv")
        let inspect = try CLI.run(["inspect", "feed.csv", "--format", "json"], in: dir.url)
        let json = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        let listed = try #require(json?["suspicious_values"] as? [String])
        #expect(listed.count == 2, "\(listed)")
        #expect(listed[0].hasPrefix("ADULT | 0101: 0 at 2014 where the other values are around 36.15"))
        #expect(listed[1].hasPrefix("ADULT | 0202: 31.5 at 2014 stands out"))
        dir.write(
            """
            pipeline: checks
            sources:
              feed: {path: feed.csv}
            indicators:
              - {id: adult, from: {source: feed, where: {indicator: ADULT}}, sdg: [4.3.1]}
            outputs: {dir: out, tables: [csv], report: none}

            """, to: "p.yaml")
        let run = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(run.status == 0)
        #expect(run.stderr.contains("indicator 'adult', area 0101: 0 at 2014 where the other values"), "\(run.stderr)")
        #expect(run.stderr.contains("indicator 'adult', area 0202: 31.5 at 2014 stands out"), "\(run.stderr)")
        let observations = try String(
            contentsOf: dir.url.appendingPathComponent("out/observations.csv"), encoding: .utf8)
        #expect(observations.contains(",2014,2014.0,0.0,") || observations.contains(",2014,2014,0,"), "kept as read")
    }
}

@Suite struct EvaluateExcludeTests {
    @Test func excludedPeriodsLeaveTheQuickEvaluation() throws {
        func first(_ extra: [String]) throws -> [String: Any] {
            let r = try CLI.run(
                ["evaluate", "samples/demo/city_stats.csv", "--start", "2019", "--format", "json"] + extra)
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return (json["series"] as! [[String: Any]])[0]
        }
        let plain = try first([])
        let excluded = try first(["--exclude", "2020,2021"])
        #expect(excluded["n"] as? Int == (plain["n"] as! Int) - 2)
        #expect(
            (excluded["before_after"] as! [String: Any])["n_after"] as? Int
                == ((plain["before_after"] as! [String: Any])["n_after"] as! Int) - 2)
        let bad = try CLI.run(["evaluate", "samples/demo/city_stats.csv", "--start", "2019", "--exclude", "covid"])
        #expect(bad.status == 2 && bad.stderr.contains("--exclude 'covid' is not a period"))
    }
}

/// `--where` in `inspect` and `evaluate`, by the same rule as a pipeline's `from.where`.
@Suite struct WhereOptionTests {
    @Test func inspectAndEvaluateSelectAsFromWhereDoes() throws {
        let r = try CLI.run([
            "inspect", "samples/demo/city_stats.csv", "--where", "indicator=LIB_VISITS", "--where", "area=Riverton",
            "--format", "json",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        // Recount independently: Riverton's library visits rows with a number.
        let csv = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/city_stats.csv"), encoding: .utf8)
        let lines: [[Substring]] = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let rows = lines.filter { $0.count > 4 && $0[0] == "Riverton" && $0[1] == "LIB_VISITS" }
        let values: [Double] = rows.compactMap { Double($0[4]) }
        #expect(json["observations"] as? Int == rows.count && json["values"] as? Int == values.count)
        #expect(abs((json["value_sum"] as! Double) - values.reduce(0, +)) < 1e-9)
        #expect(json["series"] as? Int == 1 && json["observations_in_file"] as? Int == 251)
        #expect(json["where"] as? [String] == ["area=Riverton", "indicator=LIB_VISITS"])
        // An SDMX attribute, under its SDMX name.
        let unit = try CLI.run(["inspect", "samples/demo/sdg4_national.xml", "--where", "UNIT_MEASURE=NUMBER"])
        #expect(unit.stdout.contains("observations 0,"), "\(unit.stdout)")
        let evaluate = try CLI.run(
            [
                "evaluate", "samples/demo/city_stats.csv", "--start", "2019", "--where", "indicator=LIB_VISITS",
                "--format", "json",
            ])
        let series =
            (try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as! [String: Any])["series"]
            as! [[String: Any]]
        #expect(series.count == 3 && series.allSatisfy { $0["indicator"] as? String == "LIB_VISITS" })
        #expect(try CLI.run(["inspect", "samples/demo/city_stats.csv", "--where", "sex"]).status == 2)
    }
}

@Suite struct EvaluateComparisonTests {
    /// One city against its twins from the quick command: the difference-in-differences with its few-cluster
    /// p-values and the synthetic control, in the table and the JSON.
    @Test func theRobustPValuesAndTheSyntheticControl() throws {
        let args = [
            "evaluate", "samples/demo/city_stats.csv", "--start", "2017", "--where", "indicator=ADULT_LEARN", "--where",
            "sex=_T", "--comparison", "Lakeside,Hillview",
        ]
        let table = try CLI.run(args)
        #expect(table.stdout.contains("randomization p 0.333, wild bootstrap p "), "\(table.stdout)")
        #expect(table.stdout.contains("Synthetic control: ") && table.stdout.contains("placebo p 0.333 over 3 areas"))
        let json =
            try JSONSerialization.jsonObject(with: Data(try CLI.run(args + ["--format", "json"]).stdout.utf8))
            as! [String: Any]
        let sc = try #require(json["synthetic_control"] as? [String: Any])
        #expect(sc["status"] as? String == "ok" && (sc["synthetic_weights"] as? String)?.contains("Hillview") == true)
        #expect((json["did"] as? [String: Any])?["p_randomization"] as? Double == 1.0 / 3)
    }
}
