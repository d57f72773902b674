import Foundation
import SDGCore
import SDGIngest
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// `run`, `validate`, `inspect` and `evaluate` read through one ingest stage (`FeedReader`), so they see the same
/// records and rejects in the same file, and count them alike: a record is an observation or a reject, and a notice
/// (trimmed cells) is neither.
@Suite struct OneIngestStreamTests {
    /// The demo's city feed with a value that is not a number, a duplicate, a period that cannot be read, a short
    /// row and cells with spaces around them (a notice); the demo's SDMX file with one observation repeated.
    static func workspace() -> (DemoWorkspace, csv: String, xml: String) {
        let samples = packageRoot.appendingPathComponent("samples/demo")
        var csv = try! String(contentsOf: samples.appendingPathComponent("city_stats.csv"), encoding: .utf8)
        csv += "Riverton,ESL,_T,2015,n/a,percent\n"  // not a number
        csv += "Riverton,ADULT_LEARN,F,2010,39.3,percent\n"  // a duplicate of line 3
        csv += "Riverton,ESL,_T,20XX,7.5,percent\n"  // no period
        csv += "Riverton,ESL,_T,2015\n"  // too few fields
        csv += "Lakeside , ESL ,_T,2030,8,percent\n"  // trimmed: a notice, and an observation
        var xml = try! String(contentsOf: samples.appendingPathComponent("sdg4_national.xml"), encoding: .utf8)
        let obs = """
                  <generic:Obs>
                    <generic:ObsDimension value="2010"/>
                    <generic:ObsValue value="34.2"/>
                    <generic:Attributes><generic:Value id="OBS_STATUS" value="A"/></generic:Attributes>
                  </generic:Obs>
            """
        let first = xml.range(of: "</generic:Obs>")!
        xml.insert(contentsOf: "\n" + obs, at: first.upperBound)
        return (DemoWorkspace(csv: csv, xml: xml, maxRejectRatio: "0.5"), csv, xml)
    }

    @Test func theFourCommandsCountTheSameRecordsAndRejects() throws {
        let (workspace, _, _) = Self.workspace()
        let definition = try PipelineFileParser.load(path: workspace.dir.path("demo.yaml"))
        let run = try PipelineRunner(definition: definition).run().manifest
        let validated = try PipelineValidator(definition: definition).validate()
        var inspected = (records: 0, rejects: 0)
        var evaluatedRejects = 0
        for source in definition.sources {
            let feed = try FeedInspection(path: source.url.path)
            inspected.records += feed.observations + feed.rejects.count
            inspected.rejects += feed.rejects.count
            evaluatedRejects += try QuickEvaluation(path: source.url.path, options: .init(start: Period.parse("2017")!))
                .rejects.count
        }
        // 252 + 14 × 2 rows of the demo plus the two additions that are observations; 4 + 1 + 1 rejects.
        #expect(run.rowsRejected == 6)
        #expect(validated.rejects == run.rowsRejected)
        #expect(inspected.rejects == run.rowsRejected)
        #expect(evaluatedRejects == run.rowsRejected)
        #expect(validated.records == run.rowsRead, "notices are not records in either")
        #expect(inspected.records == run.rowsRead)
        #expect(run.inputs.map(\.rowsRejected) == [5, 1])
        #expect(validated.warnings.contains { $0.contains("leading or trailing spaces") })
    }

    /// `--only-areas` leaves other areas' observations out of the tables, but they are still read and counted.
    @Test func theRunsScopeChangesWhatIsKeptNotWhatIsCounted() throws {
        let (workspace, _, _) = Self.workspace()
        let definition = try PipelineFileParser.load(path: workspace.dir.path("demo.yaml"))
        var options = RunOptions()
        options.onlyAreas = ["Riverton"]
        let scoped = try PipelineRunner(definition: definition, options: options).run().manifest
        let whole = try PipelineRunner(definition: definition, options: .init()).run().manifest
        #expect(scoped.rowsRead == whole.rowsRead && scoped.rowsRejected == whole.rowsRejected)
        #expect(scoped.observations < whole.observations)
    }
}
