import ArgumentParser
import Foundation
import SDGCore
import SDGPipeline
import SDGPublish

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: ingest → localize → evaluate → outputs.",
        discussion: """
            Example:
              sdgpipe run pipelines/demo.yaml
              sdgpipe run pipelines/demo.yaml --quiet --log-format json     # from cron
              sdgpipe run pipelines/network.yaml --only-areas Riverton        # one city of a network

            Outputs (tables as CSV/JSON and in sdgpipe.sqlite, charts, report.html, run.json) are replaced
            together only when the whole run succeeds. Nothing is recomputed when the inputs, the pipeline
            and sdgpipe are unchanged since the last successful run (use --force). One run per pipeline at
            a time: a second one exits 75. Sources by URL are fetched first, with conditional requests
            into the pipeline's cache: an unchanged feed costs one request (see docs/pipeline.md).
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Flag(help: "Run even when nothing changed since the last successful run.")
    var force = false

    @Option(help: "The database: a SQLite file (default: sdgpipe.sqlite in the output folder).")
    var db: String?

    @Option(help: "Write outputs to this folder instead of the pipeline's `outputs.dir`.")
    var out: String?

    @Flag(help: "Read sources by URL from the cache (`cache:`); ask no server.")
    var offline = false

    @Option(help: "Evaluate and write only these areas, comma-separated (every area is still read and counted).")
    var onlyAreas: String?

    @Option(name: .customLong("areas"), help: .hidden)
    var deprecatedAreas: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "text (default) or json: one JSON object per line with time, level, stage, message, counts.")
    var logFormat: EventLog.Format = .text

    func validate() throws {
        if deprecatedAreas != nil && onlyAreas != nil {
            throw ValidationError("--areas is the old name of --only-areas; give only --only-areas")
        }
    }

    func run() throws {
        let log = EventLog(format: logFormat, quiet: quiet)
        do {
            let definition = try PipelineFileParser.load(path: pipeline)
            var options = RunOptions(force: force, database: db)
            if deprecatedAreas != nil {
                log.emit(
                    RunEvent(
                        Diagnostic(
                            .warning, .deprecatedOption, at: nil,
                            "--areas is deprecated and will be removed: it is now --only-areas (the run's scope, not the treated areas of `evaluation.areas`)"
                        ),
                        stage: "run"))
            }
            options.onlyAreas = (onlyAreas ?? deprecatedAreas).map {
                $0.split(separator: ",").map { String($0).trimmingASCIIWhitespace() }
            }
            if out != nil { options.outputSetting = "--out" }
            options.offline = offline
            options.failpoint = ProcessInfo.processInfo.environment["SDGPIPE_FAILPOINT"]
            let runner = PipelineRunner(
                definition: definition, outputDirectory: out.map { URL(fileURLWithPath: $0).standardizedFileURL },
                options: options, events: { log.emit($0) })
            let summary = try runner.run()
            let m = summary.manifest
            // The closing summary in the report's language (`report.language`); the stage lines and the JSON
            // events stay English, for the logs cron jobs read.
            let t = ReportText(definition.front.language)
            if summary.skipped {
                log.finish(t("cli.unchanged", m.pipeline), counts: [:])
            } else {
                log.finish(
                    t(
                        "cli.summary", m.pipeline, "\(m.rowsRead)", t.count(m.rowsRejected, "cli.rejected"),
                        "\(m.localizedSeries)",
                        "\(m.impactRows)") + "\n" + t("cli.outputs", summary.outputDirectory.path),
                    counts: [
                        "records": m.rowsRead, "rejected": m.rowsRejected, "series": m.localizedSeries,
                        "impact_rows": m.impactRows, "rows_written": m.rowsWritten,
                    ])
            }
        } catch {
            log.fail(error)
        }
    }
}
