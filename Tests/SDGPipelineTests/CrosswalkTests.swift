import Foundation
import SDGCore
import SDGIngest
import SDGLocalize
import SDGTestSupport
import Testing

@testable import SDGPipeline
@testable import SDGPublish

/// The crosswalk as a city team writes it, including the mistakes they make.
@Suite struct CrosswalkTests {
    let header = """
        pipeline: t
        sources:
          city: {path: city.csv}
        indicators:

        """

    func messages(_ records: String, files: [String: String] = [:]) -> [String] {
        problems(records, files: files).map(\.description)
    }

    func problems(_ records: String, files: [String: String] = [:]) -> [PipelineProblem] {
        let dir = TemporaryDirectory()
        for (name, text) in files { dir.write(text, to: name) }
        do {
            _ = try PipelineFileParser.load(path: dir.write(header + records, to: "p.yaml"))
            return []
        } catch {
            return error.problems
        }
    }

    @Test func unknownSDGCodesNameTheNearestValidOnes() {
        let found = messages(
            "  - {id: a, from: {source: city}, sdg: [4.3.2]}\n  - {id: b, from: {source: city}, sdg: [4.9]}\n")
        #expect(found.count == 2)
        #expect(found[0].contains("p.yaml:5:") && found[0].contains("'4.3.2'") && found[0].contains("Nearest: 4.3.1"))
        #expect(found[1].contains("'4.9'") && found[1].contains("4.1"))
    }

    @Test func unknownLearningCityFeaturesSuggest() {
        let found = messages("  - {id: a, from: {source: city}, kflc: [community.learning-space]}\n")
        #expect(found.count == 1 && found[0].contains("Did you mean 'community.learning-spaces'?"))
    }

    @Test func aTargetWithoutDirectionAndOnTheWrongSide() {
        let found = messages(
            """
              - {id: a, from: {source: city}, sdg: [4.3.1], target: {value: 50}}
              - {id: b, from: {source: city}, sdg: [4.3.1], direction: decrease, baseline: {year: 2015, value: 10}, target: {value: 12}}

            """)
        #expect(found.count == 2)
        #expect(found[0].contains("has a target but no `direction`"))
        #expect(found[1].contains("wrong side of its baseline 10.0"))
    }

    @Test func progressClassesNeedADirection() {
        let found = messages(
            "  - {id: a, from: {source: city}, sdg: [4.3.1]}\nevaluation: {progress: [eurostat, opensgd]}\n")
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.contains("'a' has no `direction`") })
        #expect(
            found.contains { $0.contains("unknown classification 'opensgd'") && $0.contains("Did you mean 'opensdg'?") }
        )
    }

    @Test func badConversionsAndAggregations() {
        let found = messages(
            """
              - {id: a, from: {source: city}, sdg: [4.3.1], convert: {from: percent, to: per_thousand}}
              - {id: b, from: {source: city}, sdg: [4.3.1], aggregate: {to: Riverton, method: weighted_mean}}
              - {id: c, from: {source: city}, sdg: [4.3.1], aggregate: {to: Riverton, method: weighted_mean, weights: popluation}}

            """)
        #expect(found.count == 3, "\(found)")
        #expect(found[0].contains("'per_thousand' is not a rate unit"))
        #expect(found[1].contains("a weighted mean needs `weights:`"))
        #expect(found[2].contains("weighted by unknown indicator 'popluation'"))
    }

    @Test func aCrosswalkSpreadsheetIsCheckedRowByRow() {
        let csv = """
            id,source,where,sdg,relation,direction,owner,partners
            adult,city,indicator=AL;sex=_T,4.3.1,proxy,increase,Education,Library;Board
            bad,city,indicator=X,4.3.7,exactly,increase,,
            adult,city,indicator=AL,4.3.1,,,,

            """
        let found = problems(
            "  - {id: other, from: {source: city}, sdg: [4.6.1]}\ncrosswalk: crosswalk.csv\n",
            files: ["crosswalk.csv": csv])
        #expect(found.count == 3, "\(found)")
        #expect(found.allSatisfy { $0.file?.hasSuffix("crosswalk.csv") == true })
        #expect(found.map(\.line) == [3, 3, 4])
        #expect(found[0].message.contains("4.3.7") || found[1].message.contains("4.3.7"))
        #expect(found.contains { $0.message.contains("'exactly'") })
        #expect(found[2].message.contains("'adult' is used twice"))
    }

    @Test func aCrosswalkSpreadsheetIsRead() throws {
        let dir = TemporaryDirectory()
        dir.write(
            "id,source,where,sdg,kflc,direction,target_value,target_year,owner,partners\nadult,city,indicator=AL;sex=_T,4.3.1;4.3,culture.events,increase,50,2028,Education,Library;Board\n",
            to: "cw.csv")
        let p = try PipelineFileParser.load(
            path: dir.write(
                header.replacingOccurrences(of: "indicators:\n", with: "") + "crosswalk: cw.csv\n", to: "p.yaml"))
        let r = try #require(p.indicators.first)
        #expect(r.indicator.selection == ["indicator": "AL", "sex": "_T"])
        #expect(r.indicator.sdg.map(\.description) == ["4.3.1", "4.3"])
        #expect(r.kflc == ["culture.events"] && r.partners == ["Library", "Board"])
        #expect(r.targetValue == 50 && r.targetYear == 2028 && r.line == 2)
    }
}

@Suite struct LocalizationTablesTests {
    @Test func conversionAndAggregationWithWeights() throws {
        // Two districts' rates in percent, weighted by population, combined into the city and converted per 1,000.
        func o(_ ind: String, _ area: String, _ year: String, _ v: Double) -> Observation {
            Observation(
                key: SeriesKey(source: "d", indicator: ind, area: area), period: Period.parse(year)!, value: v,
                location: SourceLocation(file: "d.csv", line: 1))
        }
        let rate = LocalIndicator(
            id: "esl", source: "d", selection: ["indicator": "ESL"], sdg: [SDGCode("4.1.2")!],
            conversion: UnitConversion.between("percent", "per_1000"),
            aggregation: AreaAggregation(target: "City", method: .weightedMean, weights: "pop", areas: []))
        let population = LocalIndicator(
            id: "pop", source: "d", selection: ["indicator": "POP"], sdg: [SDGCode("11.1")!])
        let visits = LocalIndicator(
            id: "visits", source: "d", selection: ["indicator": "V"], sdg: [SDGCode("11.7")!],
            aggregation: AreaAggregation(target: "City", method: .sum, weights: nil, areas: ["North", "South"]))
        var localizer = Localizer(indicators: [rate, population, visits])
        for x in [
            o("ESL", "North", "2020", 10), o("ESL", "South", "2020", 20), o("POP", "North", "2020", 3000),
            o("POP", "South", "2020", 1000), o("ESL", "North", "2021", 8), o("V", "North", "2020", 5),
            o("V", "South", "2020", 7),
            o("V", "East", "2020", 100),
        ] { try localizer.add(x) }
        let series = try localizer.localizedSeries()
        let esl = try #require(series.first { $0.indicator == "esl" })
        #expect(esl.area == "City" && series.filter { $0.indicator == "esl" }.count == 1)
        // (100 × 3000 + 200 × 1000) / 4000 = 125 per 1,000; 2021 lacks the South: missing, not a partial mean.
        #expect(esl.readPoints().map(\.value) == [125, nil])
        let total = try #require(series.first { $0.indicator == "visits" })
        #expect(total.readPoints().map(\.value) == [12], "East is not one of the districts")
        #expect(series.filter { $0.indicator == "pop" }.count == 2)
    }

    @Test func coverageListsEveryTargetAndTheGap() throws {
        let p = try PipelineFileParser.load(path: packageRoot.appendingPathComponent("pipelines/demo.yaml").path)
        let coverage = LocalizationTables.coverage(p.plan)
        let col = { (name: String) in coverage.columns.firstIndex(of: name)! }
        let targets = coverage.rows.filter { $0[col("level")] == .text("target") }
        #expect(targets.count == 169 + 1, "every SDG target and the local 11.x")
        let covered = targets.filter { $0[col("covered")] == .text("yes") }.map { $0[col("target")] }
        #expect(Set(covered) == [.text("4.1"), .text("4.3"), .text("11.x"), .text("17.6")])
        let goal4 = coverage.rows.first { $0[col("level")] == .text("goal") && $0[col("goal")] == .integer(4) }!
        #expect(goal4[col("targets_total")] == .integer(10) && goal4[col("targets_covered")] == .integer(2))
    }
}

@Suite struct OfficialCatalogueTests {
    @Test func seriesCodesLinkAndCheckSDGIndicators() throws {
        let dir = TemporaryDirectory()
        dir.write(smallStructure, to: "dsd.xml")
        let base = "pipeline: t\nsources:\n  un: {path: un.xml}\ncatalogue: dsd.xml\nindicators:\n"
        let linked = try PipelineFileParser.load(
            path: dir.write(
                base + "  - {id: a, from: {source: un, where: {indicator: SE_ADT_EDUCTRN}}}\n", to: "a.yaml"))
        #expect(linked.indicators[0].indicator.sdg.map(\.description) == ["4.3.1"], "filled in from the structure")
        #expect(linked.structure?.indicatorTitles["4.3.1"] != nil)
        #expect {
            _ = try PipelineFileParser.load(
                path: dir.write(
                    base + "  - {id: a, from: {source: un, where: {indicator: SE_ADT_EDUCTRN}}, sdg: [4.4.1]}\n",
                    to: "b.yaml"))
        } throws: { error in
            (error as? PipelineFileError)?.problems.first?.message.contains(
                "measures SDG indicator 4.3.1 according to the catalogue") == true
        }
        // Codes outside the structure's codelists are rejects naming the nearest codes; known ones get labels.
        dir.write(
            messageHeadForTests + """
                <g:Series><g:SeriesKey><g:Value id="SERIES" value="SE_ADT_EDUCTRN"/><g:Value id="SEX" value="F"/></g:SeriesKey>
                  <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="40"/></g:Obs></g:Series>
                <g:Series><g:SeriesKey><g:Value id="SERIES" value="SE_ADT_EDUCTRN"/><g:Value id="SEX" value="FE"/></g:SeriesKey>
                  <g:Obs><g:ObsDimension value="2015"/><g:ObsValue value="41"/></g:Obs></g:Series>
                </m:DataSet></m:GenericData>
                """, to: "un.xml")
        let validated = try PipelineFileParser.load(
            path: dir.write(
                base
                    + "  - {id: a, from: {source: un, where: {indicator: SE_ADT_EDUCTRN}}, direction: increase}\nevaluation: {max_reject_ratio: 0.9}\n",
                to: "d.yaml"))
        let report = try PipelineValidator(definition: validated).validate()
        #expect(
            report.rejects == 1
                && report.warnings.contains { $0.contains("code 'FE' of SEX is not in CL_SEX; nearest: F") })
        #expect(Labels(structure: validated.structure).disaggregation("SEX=F") == "Female")
        // The same check on a CSV source, whose rows come in batches.
        dir.write(
            "REF_AREA,SERIES,SEX,period,value\nX,SE_ADT_EDUCTRN,F,2015,40\nX,SE_ADT_EDUCTRN,FE,2015,41\nX,SE_ADT_EDUCTRN,FE,2016,42\nX,SE_ADT_EDUCTRN,F,2016,43\n",
            to: "un.csv")
        let fromCSV = try PipelineFileParser.load(
            path: dir.write(
                base.replacingOccurrences(of: "un.xml", with: "un.csv")
                    + "  - {id: a, from: {source: un, where: {indicator: SE_ADT_EDUCTRN}}, direction: increase}\nevaluation: {max_reject_ratio: 0.9}\n",
                to: "e.yaml"))
        let csvReport = try PipelineValidator(definition: fromCSV).validate()
        #expect(
            csvReport.rejects == 2
                && csvReport.warnings.contains { $0.contains("code 'FE' of SEX is not in CL_SEX; nearest: F") })
        let proxy = try PipelineFileParser.load(
            path: dir.write(
                base
                    + "  - {id: a, from: {source: un, where: {indicator: SE_ADT_EDUCTRN}}, sdg: [4.4.1], relation: proxy}\n",
                to: "c.yaml"))
        #expect(proxy.indicators[0].indicator.sdg.map(\.description) == ["4.4.1"])
    }
}

let messageHeadForTests = """
    <?xml version="1.0" encoding="UTF-8"?>
    <m:GenericData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
        xmlns:g="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
      <m:Header><m:ID>T</m:ID><m:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></m:Header>
      <m:DataSet structureRef="S">

    """
