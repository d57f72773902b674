import Foundation
import SDGTestSupport
import Testing

@testable import SDGIngest
@testable import SDGPipeline
@testable import SDGPublish

/// Names, not codes: the coded-municipalities sample keys areas by four-digit codes and sex by SDMX codes; with
/// `labels:` the tables add the names beside the codes and the report speaks in names.
@Suite struct LabelsTests {
    /// The sample pipeline, copied with its paths made absolute and its outputs in a temporary folder; `edit`
    /// rewrites its text first.
    struct CodedWorkspace {
        let dir = TemporaryDirectory("sdgpipe-labels")
        var outputs: URL { dir.url.appendingPathComponent("out") }

        init(edit: (String) -> String = { $0 }, labelsFile: String? = nil) {
            let samples = packageRoot.appendingPathComponent("samples/coded")
            var yaml = try! String(
                contentsOf: packageRoot.appendingPathComponent("pipelines/coded.yaml"), encoding: .utf8)
            let labels = labelsFile.map { dir.write($0, to: "names.csv") }
            yaml = yaml.replacingOccurrences(
                of: "../samples/coded/municipal_stats.csv",
                with: samples.appendingPathComponent("municipal_stats.csv").path
            )
            .replacingOccurrences(
                of: "../samples/coded/municipalities.csv",
                with: labels ?? samples.appendingPathComponent("municipalities.csv").path
            )
            .replacingOccurrences(of: "../output/coded-municipalities", with: outputs.path)
            dir.write(edit(yaml), to: "coded.yaml")
        }

        func load() throws -> PipelineDefinition { try PipelineFileParser.load(path: dir.path("coded.yaml")) }
        func run() throws -> RunSummary { try PipelineRunner(definition: load()).run() }
        func read(_ name: String) throws -> String {
            try String(contentsOf: outputs.appendingPathComponent(name), encoding: .utf8)
        }
        func rows(_ name: String) throws -> [[String: String]] {
            let reader = try CSVRecordReader(
                path: outputs.appendingPathComponent(name).path, delimiter: UInt8(ascii: ","))
            guard let header = try reader.next()?.fields else { return [] }
            var rows: [[String: String]] = []
            while let record = try reader.next() {
                rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
            }
            return rows
        }
    }

    @Test func tablesKeepTheCodesAndAddTheNames() throws {
        let workspace = CodedWorkspace()
        _ = try workspace.run()
        let series = try workspace.rows("localized_series.csv")
        let amsterdam = try #require(series.first { $0["area"] == "0363" && $0["disaggregation"] == "sex=F" })
        #expect(amsterdam["area_label"] == "Amsterdam")
        #expect(amsterdam["indicator_label"] == "Adults in learning")
        #expect(amsterdam["disaggregation_label"] == "women")
        // The English row wins over the Dutch one; a code kept with its leading zero.
        #expect(series.first { $0["area"] == "0518" }?["area_label"] == "The Hague")
        #expect(series.first { $0["area"] == "0014" }?["area_label"] == "Groningen")
        for table in ["impact.csv", "trends.csv", "progress.csv", "observations.csv", "accountability.csv"] {
            let rows = try workspace.rows(table)
            #expect(!rows.isEmpty && rows.allSatisfy { $0["area_label"]?.isEmpty == false }, "\(table)")
            #expect(
                rows.contains { $0["area"] == "1980" && $0["area_label"] == "Dijk en Waard" }
                    || ["impact.csv", "accountability.csv"].contains(table))
        }
        let did = try #require(try workspace.rows("impact.csv").first { $0["method"] == "did" })
        #expect(did["comparison_areas"] == "0344;0599;1980")
        #expect(did["comparison_area_labels"] == "Utrecht;Rotterdam;Dijk en Waard")
        let observations = try workspace.rows("observations.csv")
        #expect(observations.first { $0["disaggregation"] == "sex=M" }?["disaggregation_label"] == "men")
    }

    @Test func theReportSpeaksInNamesWithTheCodeOnHover() throws {
        let workspace = CodedWorkspace()
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        #expect(report.contains("Library visits per inhabitant in Amsterdam"))
        #expect(report.contains("Adults in learning (women) in Amsterdam"))
        #expect(report.contains("<span title=\"0363\">Amsterdam</span>"))
        #expect(!report.contains(" in 0363"))
        // Cards grouped by indicator in the crosswalk's order, the total before its breakdowns.
        func at(_ text: String) -> Int {
            report.range(of: text).map { report.distance(from: report.startIndex, to: $0.lowerBound) } ?? -1
        }
        let order = [
            "Library visits per inhabitant in Amsterdam", "Adults in learning (all adults) in Amsterdam",
            "Adults in learning (women) in Amsterdam", "Adults in learning (men) in Amsterdam",
        ].map(at)
        #expect(!order.contains(-1) && order == order.sorted(), "\(order)")
        // A change in a rate in percent is in percentage points in the table cell as in the sentence.
        #expect(report.contains("<td class=\"num\">1.94 percentage points</td>"))
        // ... and its relative change in percent beside it: the impact table's relative_change, 0.103.
        let total = try #require(
            try workspace.rows("impact.csv").first {
                $0["indicator"] == "adult_learning" && $0["area"] == "0363" && $0["disaggregation"] == "sex=_T"
                    && $0["method"] == "before_after"
            })
        #expect(abs(Double(total["relative_change"]!)! - 0.103) < 0.0005)
        #expect(report.contains("<td class=\"num\">1.94 percentage points</td><td class=\"num\">+10.3%</td>"))
        #expect(!report.contains(" percent</td>"))
        // The comparison areas' lines in the charts carry names too.
        let charts = try FileManager.default.contentsOfDirectory(
            atPath: workspace.outputs.appendingPathComponent("charts").path)
        let chart = try #require(charts.first { $0.hasPrefix("library_visits-0363") })
        let svg = try workspace.read("charts/" + chart)
        #expect(svg.contains("Dijk en Waard") && svg.contains("Amsterdam"))
    }

    /// Without `labels:`, a numeric area code is never written as if it were a year.
    @Test func anUnnamedNumericCodeIsAnArea() throws {
        let workspace = CodedWorkspace(edit: { yaml in
            yaml.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("labels:") && !$0.hasPrefix("  area: /") && !$0.hasPrefix("  sex: {") }
                .joined(separator: "\n")
        })
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        #expect(report.contains("Library visits per inhabitant in area 0363"))
        #expect(!report.contains(" in 0363 "))
        // Sex codes still have names: the SDMX cross-domain ones.
        #expect(report.contains("Adults in learning (female) in area 0363"))
        // The tables carry only names the pipeline or its structure gave: no cross-domain default there.
        #expect(
            try workspace.rows("localized_series.csv").allSatisfy {
                $0["area_label"] == "" && $0["disaggregation_label"] == ""
            })
    }

    @Test func aCodeNamedTwiceIsAnErrorWithItsLineAndTheFixWorks() throws {
        let bad = "code,label\n0363,Amsterdam\n0344,Utrecht\n0363,Amsterdam-Centrum\n"
        let workspace = CodedWorkspace(labelsFile: bad)
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("names.csv:4") && text.contains("code '0363' is named twice")
                && text.contains("line 2") && text.contains("keep one row per code")
        }
        // Following the advice (one row per code) loads.
        let fixed = CodedWorkspace(labelsFile: "code,label\n0363,Amsterdam\n0344,Utrecht\n")
        #expect(try fixed.load().labels.area("0363") == "Amsterdam")
    }

    @Test func aFileWithoutCodeAndLabelColumnsNamesTheHeader() throws {
        let workspace = CodedWorkspace(labelsFile: "gemeente,naam\n0363,Amsterdam\n")
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("names.csv:1") && text.contains("`gemeente,naam`")
                && text.contains("expected the columns `code` and `label`")
        }
        let fixed = CodedWorkspace(labelsFile: "code,label\n0363,Amsterdam\n")
        #expect(try fixed.load().labels.area("0363") == "Amsterdam")
    }

    @Test func aMissingFileNamesTheKeyLine() throws {
        let workspace = CodedWorkspace(edit: {
            $0.replacingOccurrences(of: "area: /", with: "area: /nonexistent")
        })
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("coded.yaml:10") && text.contains("not found")
        }
    }

    /// `labels:` first, then the structure's codelists, then the SDMX cross-domain names.
    @Test func precedence() throws {
        var structure = SDMXStructure()
        structure.codelists = ["CL_SEX": ["F": "Female", "M": "Male"], "CL_AREA": ["NL": "Netherlands"]]
        structure.dimensionCodelists = ["SEX": "CL_SEX", "REF_AREA": "CL_AREA"]
        let labels = Labels(given: ["SEX": ["F": "women"], "area": ["0363": "Amsterdam"]], structure: structure)
        #expect(labels.label("sex", "F") == "women")
        #expect(labels.label("SEX", "M") == "Male")
        #expect(labels.label("sex", "_T") == nil && ReportText.en.sdmxCode("sex", "_T") == "total")
        #expect(labels.area("NL") == "Netherlands")
        #expect(labels.area("0363") == "Amsterdam")
        #expect(labels.label("REF_AREA", "0363") == "Amsterdam")
        #expect(labels.area("0599") == nil)
        #expect(labels.disaggregation("SEX=F;AGE=Y25T64") == "women; AGE=Y25T64")
        #expect(labels.disaggregation("AGE=Y25T64") == nil)
    }
}

/// A DDF dataset names its keys' codes in entity files and its indicator in a concepts file beside the datapoints.
@Suite struct DDFNamesTests {
    static func dataset(_ dir: TemporaryDirectory) -> String {
        var rows = ["district,sex,year,lib_visits"]
        for (k, district) in ["d01", "d02", "d03"].enumerated() {
            for sex in ["f", "m"] {
                for year in 2012...2022 {
                    let value = 3.0 + Double(k) * 0.2 + Double(year - 2012) * 0.01 + (sex == "f" ? 0.1 : 0)
                    rows.append("\(district),\(sex),\(year),\(value)")
                }
            }
        }
        _ = dir.write(
            "district,name,is--district\nd01,Old Town,TRUE\nd02,Harbour,TRUE\n", to: "ddf--entities--district.csv")
        _ = dir.write("sex,name\nf,women\nm,men\n", to: "ddf--entities--sex.csv")
        _ = dir.write(
            "concept,concept_type,name\nlib_visits,measure,Library visits per inhabitant\nother,measure,Other\n",
            to: "ddf--concepts--continuous.csv")
        return dir.write(
            rows.joined(separator: "\n") + "\n", to: "ddf--datapoints--lib_visits--by--district--sex--year.csv")
    }

    @Test func entityAndConceptFilesNameTheCodes() throws {
        let dir = TemporaryDirectory("sdgpipe-ddf")
        let data = Self.dataset(dir)
        let found = DDFNames.beside(datapoints: data)
        #expect(found.names["area"] == ["d01": "Old Town", "d02": "Harbour"])
        #expect(found.names["sex"] == ["f": "women", "m": "men"])
        #expect(found.names["indicator"] == ["lib_visits": "Library visits per inhabitant"])
        #expect(found.files.count == 3)
        #expect(DDFNames.beside(datapoints: dir.path("other.csv")) == DDFNames.Found())

        let yaml = """
            pipeline: ddf
            sources:
              ddf: {path: \(data)}
            labels:
              area: {d02: Harbour district}
            indicators:
              - id: visits
                from: {source: ddf, where: {indicator: lib_visits}}
                sdg: [11.x]
                relation: local
                direction: increase
            actions:
              - {id: act, title: Act, start: 2017, indicators: [visits]}
            evaluation: {areas: [d01], comparison: [d02, d03]}
            outputs: {dir: \(dir.path("out")), tables: [csv], report: html}
            """
        let definition = try PipelineFileParser.load(path: dir.write(yaml, to: "ddf.yaml"))
        #expect(definition.auxiliaryFiles.contains { $0.lastPathComponent == "ddf--entities--district.csv" })
        _ = try PipelineRunner(definition: definition).run()
        let out = dir.url.appendingPathComponent("out")
        func rows(_ name: String) throws -> [[String: String]] {
            let reader = try CSVRecordReader(path: out.appendingPathComponent(name).path, delimiter: UInt8(ascii: ","))
            let header = try #require(try reader.next()?.fields)
            var rows: [[String: String]] = []
            while let r = try reader.next() { rows.append(Dictionary(uniqueKeysWithValues: zip(header, r.fields))) }
            return rows
        }
        let series = try rows("localized_series.csv")
        // The pipeline's own name wins; the entity file names the rest; a code it lacks stays unnamed.
        #expect(series.first { $0["area"] == "d02" }?["area_label"] == "Harbour district")
        #expect(series.first { $0["area"] == "d01" }?["area_label"] == "Old Town")
        #expect(series.first { $0["area"] == "d03" }?["area_label"] == "")
        #expect(series.first { $0["disaggregation"] == "sex=f" }?["disaggregation_label"] == "women")
        let observations = try rows("observations.csv")
        #expect(observations.allSatisfy { $0["indicator_label"] == "Library visits per inhabitant" })
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Visits (women) in Old Town"))
    }
}

/// `labels: {sdg: FOLDER}`: the SDG titles of an Open SDG translations folder, for the tables and the report.
@Suite struct OpenSDGTranslationTests {
    @Test func keysBecomeSDGCodes() {
        #expect(OpenSDGTranslations.code("4-3-1-title") == "4.3.1")
        #expect(OpenSDGTranslations.code("4-3-title") == "4.3" && OpenSDGTranslations.code("11-a-title") == "11.a")
        #expect(OpenSDGTranslations.code("4-short") == "4")
        #expect(OpenSDGTranslations.code("4-title") == nil && OpenSDGTranslations.code("title") == nil)
    }

    static func demo(_ workspace: DemoWorkspace, labels: String, language: String = "en") throws {
        let url = workspace.dir.url.appendingPathComponent("demo.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "\nactions:", with: "\nlabels: {sdg: \(labels)}\nactions:")
            .replacingOccurrences(of: "edition: 2023}", with: "edition: 2023, language: \(language)}")
        _ = workspace.dir.write(yaml, to: "demo.yaml")
    }

    /// The corpus's English translation files (open-sdg/sdg-translations): official titles in the tables.
    @Test(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent"))
    func theOfficialTitlesFromTheCorpus() throws {
        let folder = sharedCorpus!.appendingPathComponent("sdg-catalogue/open-sdg-translations/en").path
        let workspace = DemoWorkspace()
        try Self.demo(workspace, labels: folder)
        #expect(try workspace.load().auxiliaryFiles.contains { $0.lastPathComponent == "global_indicators.yml" })
        _ = try workspace.run()
        let series = try workspace.rows("localized_series.csv").first { $0["indicator"] == "adult_learning_rate" }
        #expect(
            series?["sdg_title"]
                == "Participation rate of youth and adults in formal and non-formal education and training in the previous 12 months, by sex"
        )
        let coverage = try workspace.rows("coverage.csv")
        #expect(coverage.first { $0["level"] == "goal" && $0["goal"] == "4" }?["goal_name"] == "Quality education")
        #expect(
            coverage.first { $0["target"] == "4.3" }?["target_label"]?.hasPrefix("By 2030, ensure equal access") == true
        )
    }

    /// A French folder: the report's gap gives the French titles on hover, marked as French.
    @Test func aFrenchFolderTitlesTheGapInFrench() throws {
        let workspace = DemoWorkspace()
        _ = workspace.dir.write(
            "4-2-title: D'ici à 2030, faire en sorte que toutes les filles et tous les garçons aient accès à des activités de développement et de soins de la petite enfance\n",
            to: "translations/fr/global_targets.yml")
        try Self.demo(workspace, labels: "translations/fr", language: "fr")
        _ = try workspace.run()
        let report = try workspace.read("report.html")
        #expect(report.contains("<abbr title=\"D&#39;ici à 2030, faire en sorte que toutes les filles"))
        #expect(report.contains("lang=\"fr\">4.2</abbr>") && report.contains("lang=\"en\">4.4</abbr>"))
    }

    @Test func aFolderWithoutTranslationFilesIsAnError() throws {
        let workspace = DemoWorkspace()
        try Self.demo(workspace, labels: "nowhere/fr")
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("demo.yaml:") && text.contains("`labels.sdg` is 'nowhere/fr', which has none of")
        }
    }
}
