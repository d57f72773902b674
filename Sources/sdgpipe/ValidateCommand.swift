import ArgumentParser
import Foundation
import SDGCore
import SDGIngest
import SDGPipeline
import SDGPublish

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file and its inputs, or SDMX data files against a data structure.",
        discussion: """
            Examples:
              sdgpipe validate pipelines/demo.yaml
              sdgpipe validate --structure sdg-dsd.xml data.xml data.csv --rejects problems.csv

            A pipeline: every problem found is listed, each with its file, line and column. Sources by URL
            are fetched into the pipeline's cache as a run would (conditional requests), or read from it with
            --offline.

            --structure: each SDMX-ML (2.1 generic or structure-specific, 3.0 structure-specific) or SDMX-CSV
            (1.0, 2.0) file is checked against the structure file's data structure with the rules SS01-SS11
            (numbered as sdmxthon's): dimensions, measure and mandatory attributes present and filled, codes in
            their codelists, no duplicate keys, values as their TextFormat says, TIME_PERIOD of the form FREQ
            requires, allowed content constraints. Exit 0 when every file conforms, 3 otherwise.
            """)

    @Argument(help: "The pipeline file (YAML); with --structure, the SDMX data files to check.")
    var inputs: [String]

    @Option(name: .customLong("db"), help: "The database `run --db` would write (a SQLite path or postgres:// URL).")
    var database: String?

    @Flag(help: "Read sources by URL from the cache; ask no server.")
    var offline = false

    @Option(
        help:
            "An SDMX-ML 2.1 structure file (its data structure, codelists and constraints) to check data files against."
    )
    var structure: String?

    @Option(help: "With --structure: write every finding to this CSV file, in the columns of rejects.csv.")
    var rejects: String?

    @Option(help: "With --structure: findings printed per file (all are in --rejects).")
    var listed = 30

    func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError("Name a pipeline file, or with --structure the data files.")
        }
        if structure == nil, inputs.count > 1 {
            throw ValidationError("One pipeline file at a time; to check SDMX data files, give --structure DSD.xml.")
        }
        if structure == nil, rejects != nil {
            throw ValidationError("--rejects goes with --structure; a pipeline run writes rejects.csv itself.")
        }
    }

    func run() throws {
        if let structure {
            checkData(structure: structure)
            return
        }
        do {
            let definition = try PipelineFileParser.load(path: inputs[0])
            let report = try PipelineValidator(definition: definition).validate(database: database, offline: offline)
            for line in report.warnings { printError("warning: " + line) }
            print(
                "\(definition.name): valid (\(report.records) records in \(definition.sources.count) sources, \(report.rejects) would be rejected)"
            )
        } catch {
            ExitStatus.fail(error)
        }
    }

    private func checkData(structure path: String) {
        do {
            let dsd = try SDMXStructureReader.read(path: path)
            guard !dsd.dimensions.isEmpty else {
                throw IngestError.unsupportedMessage(
                    file: path, root: "Structure",
                    hint: "The structure file has no data structure (DimensionList); give the file with the DSD.")
            }
            let reference = dsd.dataStructure.map { "\($0.agency):\($0.id)(\($0.version))" } ?? "the data structure"
            var table = ResultTables.rejects()
            var conforming = 0
            for (n, (component, list)) in SDMXConformanceCheck(structure: dsd).uncheckedCodelists.enumerated()
            where n < 10 {
                printError(
                    "notice: \(path): codelist \(list) of \(component) is not in the structure file; its codes are not checked."
                )
            }
            for input in inputs {
                let report: SDMXConformance.Report
                do {
                    report = try SDMXConformance.check(path: input, structure: dsd)
                } catch {
                    printError("error: " + ((error as? SDGFailure)?.description ?? "\(error)"))
                    print("\(input): not checked (see the error above)")
                    continue
                }
                if let said = report.message.structureReference, let own = dsd.dataStructure,
                    said.contains(":") && said.contains("(")
                        ? said != reference : said.split(separator: "(").first.map(String.init) != own.id
                {
                    printError("notice: \(input): the message says it follows \(said); checked against \(reference).")
                }
                let source = URL(fileURLWithPath: input).lastPathComponent
                for (i, finding) in report.findings.enumerated() {
                    let reject = finding.reject(source: source)
                    ResultTables.append(reject, to: &table)
                    if i < listed { printError("error: " + reject.diagnostic.description) }
                }
                if report.findings.count > listed {
                    printError(
                        "... \(report.findings.count - listed) more findings"
                            + (rejects.map { " in \($0)" } ?? " (--rejects FILE lists them all)"))
                }
                let kind = "\(report.message.format), \(report.message.observations) observations"
                if report.conforms {
                    conforming += 1
                    print("\(input): conforms to \(reference) (\(kind); rules SS01-SS11)")
                } else {
                    let counts = report.countsByRule.map { "\($0.rule.rawValue) \($0.count)" }.joined(separator: ", ")
                    print(
                        "\(input): does not conform to \(reference) (\(kind); findings per rule, in observations: \(counts))"
                    )
                }
            }
            if let rejects {
                let text = CSVTableWriter.render(table)
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: rejects), options: .atomic)
                } catch {
                    throw PublishError.cannotWrite(path: rejects, reason: error.localizedDescription)
                }
            }
            if conforming < inputs.count { Foundation.exit(3) }
        } catch {
            ExitStatus.fail(error)
        }
    }
}
