import ArgumentParser
import Foundation
import SDGPipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: ingest → localize → evaluate → outputs.",
        discussion: """
            Example:
              sdgpipe run pipelines/demo.yaml
              sdgpipe run pipelines/demo.yaml --out /tmp/riverton --quiet

            Outputs (observations.csv, impact.csv, rejects.csv, run.json) are replaced only when the
            whole run succeeds; a failed run leaves the previous outputs untouched.
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(help: "Write outputs to this folder instead of the pipeline's `outputs.dir`.")
    var out: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        do {
            let definition = try PipelineFileParser.load(path: pipeline)
            let quiet = self.quiet
            let runner = PipelineRunner(
                definition: definition, outputDirectory: out.map { URL(fileURLWithPath: $0).standardizedFileURL },
                log: { line in if !quiet { printError(line) } })
            let summary = try runner.run()
            if !quiet {
                let m = summary.manifest
                print("""
                    \(m.pipeline): \(m.rowsRead) records read, \(m.rowsRejected) rejected, \(m.localizedSeries) localized series, \
                    \(m.impactRows) impact rows
                    outputs: \(summary.outputDirectory.path)
                    """)
            }
        } catch {
            ExitStatus.fail(error)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file and its inputs without writing outputs.",
        discussion: """
            Example:
              sdgpipe validate pipelines/demo.yaml

            Every problem found is listed, each with its file, line and column.
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    func run() throws {
        do {
            let definition = try PipelineFileParser.load(path: pipeline)
            let report = try PipelineValidator(definition: definition).validate()
            for line in report.warnings { printError("warning: " + line) }
            print("\(definition.name): valid (\(report.records) records in \(definition.sources.count) sources, \(report.rejects) would be rejected)")
        } catch {
            ExitStatus.fail(error)
        }
    }
}
