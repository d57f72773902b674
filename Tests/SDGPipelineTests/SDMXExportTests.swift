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
        yaml = yaml.replacingOccurrences(of: " household_broadband: LOCAL_HH_BBND}", with: "}")
            .replacingOccurrences(of: "area_dimension: CUST_BREAKDOWN", with: "area_dimension: REF_AREA")
        demo.dir.write(yaml, to: "demo.yaml")
        let summary = try demo.run()
        let warnings = summary.manifest.warnings
        #expect(warnings.contains { $0.contains("`household_broadband` has no SERIES code") })
        #expect(!warnings.contains { $0.contains("have the SDMX key of an earlier one") })
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
