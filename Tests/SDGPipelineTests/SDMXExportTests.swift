import Foundation
import SDGCore
import SDGIngest
import SDGTestSupport
import Testing

@testable import SDGPipeline
@testable import SDGPublish

/// The demo's SDMX export: read back by sdgpipe's own readers with the observations and value sum written, keys in the
/// DSD's order with defaults, mandatory attributes filled; and the export's keys checked against the DSD.
@Suite struct SDMXExportTests {
    @Test func theDemoExportReadsBackWithWhatWasWritten() throws {
        let demo = DemoWorkspace()
        let summary = try demo.run()
        // What the localized series hold: every value, as both SDMX files must (and the same sum in both).
        var expected = 0
        var sum = 0.0
        for row in try demo.rows("localized_series.csv") { expected += Int(row["n"] ?? "0") ?? 0 }
        let out = summary.outputDirectory.appendingPathComponent("sdmx")
        for file in ["data.csv", "data.xml"] {
            let inspection = try FeedInspection(path: out.appendingPathComponent(file).path)
            #expect(inspection.observations == expected, "\(file)")
            #expect(inspection.rejects.isEmpty)
            #expect(inspection.units == ["PER_1000_POP", "PH", "PT"])
            if sum == 0 { sum = inspection.valueSum } else { #expect(abs(inspection.valueSum - sum) < 1e-6) }
        }
        let csv = try String(contentsOf: out.appendingPathComponent("data.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(
            lines[0]
                == "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,CUST_BREAKDOWN,TIME_PERIOD,OBS_VALUE,UNIT_MULT,UNIT_MEASURE,OBS_STATUS,NATURE,COMMENT_OBS"
        )
        #expect(
            lines.contains {
                $0.hasPrefix("dataflow,IAEG-SDGs:DF_SDG_LOCAL(1.0),I,A,N,LOCAL_LIB_VISITS,TM1,_T,_T,RIVERTON,")
            })
        // The national series: its own breakdown (AGE=Y25T64) kept, the city breakdown the total.
        #expect(lines.contains { $0.contains(",SE_ADT_EDUCTRN,TM1,_T,Y25T64,_T,") })
        let xml = try String(contentsOf: out.appendingPathComponent("data.xml"), encoding: .utf8)
        #expect(xml.contains("<common:Structure><Ref agencyID=\"IAEG-SDGs\" id=\"SDG\" version=\"1.0\"/>"))
        #expect(xml.contains("dimensionAtObservation=\"TIME_PERIOD\""))
        #expect(xml.contains("UNIT_MULT=\"0\" UNIT_MEASURE=\"PH\""))
        #expect(!xml.contains("NATURE="), "a conditional attribute without a value is left out")
        #expect(summary.manifest.warnings.allSatisfy { !$0.contains("outputs.sdmx") })
    }

    @Test func whatTheExportCannotWriteIsSaidBeforehand() throws {
        let demo = DemoWorkspace()
        var yaml = try String(contentsOfFile: demo.dir.path("demo.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: " household_broadband: LOCAL_HH_BBND,", with: "")
            .replacingOccurrences(of: " ADULT_LEARN: SE_ADT_EDUCTRN,", with: "")
            .replacingOccurrences(of: "area_dimension: CUST_BREAKDOWN", with: "area_dimension: REF_AREA")
        demo.dir.write(yaml, to: "demo.yaml")
        let summary = try demo.run()
        let warnings = summary.manifest.warnings
        #expect(warnings.contains { $0.contains("`household_broadband` has no SERIES code") })
        #expect(!warnings.contains { $0.contains("have the SDMX key of an earlier one") })
        #expect(
            warnings.contains {
                $0.contains("observations of 1 source indicator(s) without a SERIES code are not exported: ADULT_LEARN")
            })
        let csv = try String(
            contentsOf: summary.outputDirectory.appendingPathComponent("sdmx/observations.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 293 - 126, "ADULT_LEARN's 126 observations are left out")
    }

    /// `observations: true`: the observations read, with their own attributes, read back with the count and sum of
    /// the `observations` table.
    @Test func theObservationsReadAreExportedWithTheirAttributes() throws {
        let demo = DemoWorkspace()
        let summary = try demo.run()
        let rows = try demo.rows("observations.csv")
        let sum = rows.reduce(0.0) { $0 + (Double($1["value"] ?? "") ?? 0) }
        let out = summary.outputDirectory.appendingPathComponent("sdmx")
        for file in ["observations.csv", "observations.xml"] {
            let inspection = try FeedInspection(path: out.appendingPathComponent(file).path)
            #expect(inspection.observations == rows.count, "\(file)")
            #expect(abs(inspection.valueSum - sum) < 1e-6, "\(file)")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("observations.csv"), encoding: .utf8)
        // A city's own observation, under its code, with the unit of its source.
        #expect(
            csv.contains(
                "dataflow,IAEG-SDGs:DF_SDG_LOCAL(1.0),I,A,N,SE_ADT_EDUCTRN,TM1,F,_T,HILLVIEW,2010,40.2,0,PT,A,,"))
    }

    @Test func observationsKeepTheirStatusAndMissingValuesAndLeaveOutWhatSDMXCannotSay() throws {
        let dsd = try SDMXStructureReader.read(
            path: packageRoot.appendingPathComponent("samples/sdmx/sdg-dsd-subset.xml").path)
        var export = SDMXExport(structure: dsd, dataflow: "IAEG-SDGs:DF_SDG_LOCAL(1.0)")
        export.formats = [.sdmxCSV, .sdmxML]
        export.series = ["LIB": "LOCAL_LIB_VISITS"]
        var table = TableDefinition.observations.table()
        func row(_ indicator: String, _ area: String, _ period: String, _ value: Double?, unit: String, status: String?)
        {
            table.append(named: [
                ("source", .text("s")), ("indicator", .text(indicator)), ("area", .text(area)),
                ("disaggregation", .text("")), ("period", .text(period)), ("value", .init(value)),
                ("unit", .text(unit)), ("obs_status", .init(status)),
            ])
        }
        row("LIB", "RIVERTON", "2019", 2.5, unit: "PH", status: "E")
        row("LIB", "RIVERTON", "2020", nil, unit: "PH", status: nil)
        row("LIB", "RIVERTON", "2021", 3, unit: "PT", status: nil)  // the unit changes within the series
        row("OTHER", "RIVERTON", "2020", 1, unit: "PH", status: nil)  // no SERIES code
        var files: [String: TextOutput] = [:]
        let summary = try export.writeObservations(table, prepared: "2026-12-07T00:00:00Z") { name in
            let out = TextOutput()
            files[name] = out
            return out
        }
        #expect(summary.observations == 2 && summary.series == 1)
        #expect(summary.unmapped == ["OTHER"] && summary.attributeChanges == 1)
        let warnings = SDMXExport.observationWarnings(summary)
        #expect(warnings.count == 2 && warnings[1].contains("1 observations change a series-level attribute"))
        let csv = try #require(files["sdmx/observations.csv"]).text
        #expect(csv.contains(",2019,2.5,0,PH,E,,"), "the observation's own status")
        #expect(csv.contains(",2020,NaN,0,PH,M,,"), "a missing value is NaN with OBS_STATUS M")
        let xml = try #require(files["sdmx/observations.xml"]).text
        #expect(xml.contains("<Obs TIME_PERIOD=\"2020\" OBS_VALUE=\"NaN\" OBS_STATUS=\"M\"/>"))
        #expect(xml.contains("UNIT_MEASURE=\"PH\""))
    }

    @Test func textIsEscapedForCSVAndXML() throws {
        let export = SDMXExport(structure: SDMXStructure(), dataflow: "A:B(1.0)")
        #expect(export.csv("a,b \"c\"") == "\"a,b \"\"c\"\"\"")
        #expect(export.csv("plain") == "plain")
        #expect(export.xml("<a & \"b\">\tc\u{1}") == "&lt;a &amp; &quot;b&quot;&gt;&#9;c\u{FFFD}")
    }

    @Test func componentsAndTheDataflowAreCheckedWithTheirLines() throws {
        let dsd = packageRoot.appendingPathComponent("samples/sdmx/sdg-dsd-subset.xml").path
        let base = minimal + "outputs:\n  sdmx:\n    structure: \(dsd)\n"
        #expect(problems(base + "    dataflow: DF_SDG\n").contains { $0.message.contains("AGENCY:ID(VERSION)") })
        let wrong = base + "    dataflow: A:B(1.0)\n    defaults: {REFAREA: KE}\n    area_dimension: CUSTOM\n"
        let found = problems(wrong)
        #expect(
            found.contains { $0.message.contains("names `REFAREA`") && $0.message.contains("Did you mean 'REF_AREA'?") }
        )
        #expect(found.contains { $0.message.contains("names `CUSTOM`") && $0.line != nil })
        // Without `structure`, the pipeline's `catalogue:` is the DSD.
        let catalogue =
            "catalogue: \(dsd)\n" + minimal + "outputs:\n  sdmx: {dataflow: 'IAEG-SDGs:DF_SDG_LOCAL(1.0)'}\n"
        let definition = try parse(catalogue)
        #expect(definition.outputs.sdmx?.structure.dimensions.first == "FREQ")
        #expect(definition.auxiliaryFiles.contains { $0.lastPathComponent == "sdg-dsd-subset.xml" })
        let notDSD =
            minimal
            + "outputs:\n  sdmx: {structure: \(packageRoot.path)/samples/demo/sdg4_national.xml, dataflow: A:B(1.0)}\n"
        #expect(problems(notDSD).contains { $0.message.contains("`outputs.sdmx.structure` cannot be read") })
    }
}
