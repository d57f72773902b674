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

/// Frameworks as data from the command line: browsing the UMF with the demo's links, and a city framework file with
/// a mistake refused by `validate` with its file and line.
@Suite struct FrameworkCommandTests {
    @Test func theUMFListsTheDemosIndicatorUnderItsDomain() throws {
        let result = try CLI.run(["catalog", "--framework", "umf", "--pipeline", "pipelines/demo.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let culture = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("culture ") })
        #expect(culture.contains("Culture") && culture.contains("← library_visits"))
        #expect(result.stdout.contains("  culture.inclusive"))
        let plan = try CLI.run(["catalog", "P3", "--framework", "plan", "--pipeline", "pipelines/demo.yaml"])
        #expect(plan.status == 0 && plan.stdout.contains("← household_broadband"), "\(plan.stdout)\(plan.stderr)")
        let unknown = try CLI.run(["catalog", "--framework", "plan"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--pipeline"))
    }

    @Test func aFrameworkFileWithAMistakeIsRefusedByValidate() throws {
        let dir = TemporaryDirectory()
        let demo = try String(
            contentsOf: packageRoot.appendingPathComponent("pipelines/demo.yaml"), encoding: .utf8
        ).replacingOccurrences(of: "../samples/", with: packageRoot.path + "/samples/")
            .replacingOccurrences(of: packageRoot.path + "/samples/demo/riverton-plan.yaml", with: "plan.yaml")
        dir.write(demo, to: "demo.yaml")
        let plan = try String(
            contentsOf: packageRoot.appendingPathComponent("samples/demo/riverton-plan.yaml"), encoding: .utf8)
        dir.write(plan.replacingOccurrences(of: "parent: P2, label", with: "parent: P4, label"), to: "plan.yaml")
        let result = try CLI.run(["validate", "demo.yaml"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("plan.yaml:13:") && result.stderr.contains("parent 'P4'"), "\(result.stderr)")
        #expect(result.stderr.contains("Did you mean 'P1'") || result.stderr.contains("Did you mean 'P2'"))
        #expect(
            !result.stderr.contains("links to the framework") && !result.stderr.contains("unknown crosswalk column"),
            "only the file's own mistake, no echo in every link: \(result.stderr)")
    }
}
