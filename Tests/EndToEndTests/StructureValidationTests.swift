import Foundation
import SDGTestSupport
import Testing

/// `sdgpipe validate --structure`, run as a user would: exit codes, the lines printed, the findings file, and the
/// demo's own SDMX export checked against the DSD it was written for.
@Suite struct StructureValidationTests {
    let folder = "samples/sdmx/conformance/"

    @Test func validFilesConformAndExitZero() throws {
        let result = try CLI.run(
            [
                "validate", "--structure", folder + "structure.xml", folder + "valid.xml", folder + "valid-generic.xml",
                folder + "valid.csv",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "conforms to SDGPIPE:CITY_SDG(1.0)").count == 4)
        #expect(result.stderr.isEmpty)
    }

    @Test func everyRuleIsFoundAndWrittenAsRejects() throws {
        let dir = TemporaryDirectory()
        let files = try FileManager.default.contentsOfDirectory(
            atPath: packageRoot.appendingPathComponent(folder).path
        ).filter { $0.hasPrefix("SS") }.sorted()
        #expect(files.count == 11)
        let findings = dir.path("findings.csv")
        let result = try CLI.run(
            ["validate", "--structure", folder + "structure.xml"] + files.map { folder + $0 } + ["--rejects", findings])
        #expect(result.status == 3)
        for file in files {
            let rule = String(file.prefix(4))
            #expect(result.stdout.contains("\(folder)\(file): does not conform to SDGPIPE:CITY_SDG(1.0)"))
            #expect(result.stderr.contains("\(file)") && result.stderr.contains(": \(rule): "), "\(rule) printed")
        }
        #expect(
            result.stderr.contains(
                "SS04-code-not-in-codelist.xml:19 (<Obs>): SS04: 'W' of SEX is not a code of CL_SEX."))
        let csv = try String(contentsOfFile: findings, encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "source,file,line,column,element,severity,code,raw,reason")
        #expect(lines.count == 12, "one finding per broken file")
        for file in files { #expect(csv.contains("\(file),") && csv.contains("sdmx-dsd.\(file.prefix(4))")) }
    }

    @Test func badArgumentsAndUnwritableFindingsSayWhatToDo() throws {
        let structureAsData = try CLI.run([
            "validate", "--structure", folder + "structure.xml", folder + "structure.xml",
        ])
        #expect(structureAsData.status == 3)
        #expect(structureAsData.stderr.contains("give it with --structure"))
        let twoPipelines = try CLI.run(["validate", "pipelines/demo.yaml", "pipelines/coded.yaml"])
        #expect(twoPipelines.status == 2 && twoPipelines.stderr.contains("give --structure"))
        let missingStructure = try CLI.run(["validate", "--structure", "no-such-dsd.xml", folder + "valid.xml"])
        #expect(missingStructure.status == 3 && missingStructure.stderr.contains("no-such-dsd.xml"))
        let unwritable = try CLI.run(
            [
                "validate", "--structure", folder + "structure.xml", folder + "SS07-duplicate-key.xml", "--rejects",
                "/proc/no/findings.csv",
            ])
        #expect(unwritable.status == 4 && unwritable.stderr.contains("/proc/no/findings.csv"))
    }

    /// The demo's export passes the DSD it was written against (the same check `make sdmx-check` makes).
    @Test func theDemosSDMXExportConforms() throws {
        let dir = TemporaryDirectory()
        let run = try CLI.run(["run", "pipelines/demo.yaml", "--out", dir.path("out"), "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try CLI.run(
            [
                "validate", "--structure", "samples/sdmx/sdg-dsd-subset.xml", dir.path("out/sdmx/data.csv"),
                dir.path("out/sdmx/data.xml"),
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("SDMX-CSV 2.0, 180 observations"))
        #expect(result.stdout.contains("SDMX-ML structure-specific, 180 observations"))
    }
}
