import ArgumentParser
import Foundation
import SDGPipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file and its inputs without writing outputs.",
        discussion: """
            Example:
              sdgpipe validate pipelines/demo.yaml

            Every problem found is listed, each with its file, line and column. Sources by URL are
            fetched into the pipeline's cache as a run would (conditional requests), or read from it with
            --offline.
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .customLong("db"), help: "The database `run --db` would write (a SQLite path or postgres:// URL).")
    var database: String?

    @Flag(help: "Read sources by URL from the cache; ask no server.")
    var offline = false

    func run() throws {
        do {
            let definition = try PipelineFileParser.load(path: pipeline)
            let report = try PipelineValidator(definition: definition).validate(database: database, offline: offline)
            for line in report.warnings { printError("warning: " + line) }
            print(
                "\(definition.name): valid (\(report.records) records in \(definition.sources.count) sources, \(report.rejects) would be rejected)"
            )
        } catch {
            ExitStatus.fail(error)
        }
    }
}
