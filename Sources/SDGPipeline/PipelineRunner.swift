import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize
import SDGPublish

/// What a successful run did, for the command line to summarise.
public struct RunSummary: Sendable {
    public let manifest: RunManifest
    public let outputDirectory: URL
}

/// Runs a pipeline end to end: ingest → localize → evaluate → publish (SPEC §1 `sdgpipe run`).
///
/// Stages are pure transformations with I/O at the two ends; outputs are staged and swapped in only when every stage
/// has succeeded, so a failure at any point leaves the previous outputs untouched.
public struct PipelineRunner: Sendable {
    public let definition: PipelineDefinition
    public let outputDirectory: URL
    /// Receives one line per stage and per warning; the executable decides where it goes.
    public let log: @Sendable (String) -> Void

    public init(definition: PipelineDefinition, outputDirectory: URL? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.definition = definition
        self.outputDirectory = outputDirectory ?? definition.outputs.directory
        self.log = log
    }

    public func run() throws -> RunSummary {
        let started = Date()
        let clock = ContinuousClock()
        var timings: [String: Double] = [:]
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let begin = clock.now
            defer {
                let elapsed = begin.duration(to: clock.now).components
                timings[stage] = (Double(elapsed.seconds) * 1e3 + Double(elapsed.attoseconds) / 1e15).rounded() / 1
            }
            return try body()
        }
        var warnings: [String] = []
        func warn(_ message: String) {
            warnings.append(message)
            log("warning: " + message)
        }

        // Ingest and localize in one streaming pass: observations are routed as they are read.
        var localizer = Localizer(indicators: definition.indicators.map(\.indicator))
        var observationTable = ResultTables.observations()
        var rejectTable = ResultTables.rejects()
        var inputs: [RunManifest.Input] = []
        var rejectReasons: [String] = []
        try timed("ingest") {
            for source in definition.sources {
                var read = 0, rejected = 0
                guard FileManager.default.fileExists(atPath: source.url.path) else {
                    throw IngestError.fileNotFound(path: source.displayPath)
                }
                let digest = try FileDigest.sha256(of: source.url)
                try SourceIngestor(entry: source).read { record in
                    read += 1
                    switch record {
                    case .observation(let observation):
                        ResultTables.append(observation, to: &observationTable)
                        localizer.add(observation)
                    case .reject(let reject):
                        rejected += 1
                        ResultTables.append(reject, to: &rejectTable)
                        if rejectReasons.count < 5 { rejectReasons.append("\(reject.location): \(reject.reason)") }
                    }
                }
                log("ingest: \(source.name): \(read) records, \(rejected) rejected (\(source.url.lastPathComponent))")
                inputs.append(.init(source: source.name, path: source.displayPath, sha256: digest.digest, bytes: digest.bytes,
                    rowsRead: read, rowsRejected: rejected))
            }
        }
        let rowsRead = inputs.reduce(0) { $0 + $1.rowsRead }
        let rowsRejected = inputs.reduce(0) { $0 + $1.rowsRejected }
        if rowsRead > 0, Double(rowsRejected) / Double(rowsRead) > definition.evaluation.maxRejectRatio {
            throw RunError.tooManyRejects(rejected: rowsRejected, read: rowsRead,
                allowed: definition.evaluation.maxRejectRatio, firstReasons: rejectReasons)
        }
        for reason in rejectReasons { warn("rejected \(reason)") }

        let series = timed("localize") { localizer.localizedSeries() }
        for problem in CrosswalkDataChecks.problems(definition, localizer: localizer, series: series) { warn(problem.description) }

        let evaluation = timed("evaluate") { ImpactEvaluation(definition: definition, series: series) }

        let staged = try StagedOutputDirectory(finalURL: outputDirectory)
        let manifest = try timed("publish") { () throws -> RunManifest in
            let tables = [observationTable, LocalizationTables.localizedSeries(definition, series), evaluation.impact,
                evaluation.trends, evaluation.progress, LocalizationTables.coverage(definition),
                LocalizationTables.accountability(definition, evaluation.summaries), rejectTable]
            var files: [String] = []
            for table in tables {
                if definition.outputs.tables.contains(.csv) || table.name == "rejects" {
                    try staged.write(CSVTableWriter.render(table), to: "\(table.name).csv")
                    files.append("\(table.name).csv")
                }
                if definition.outputs.tables.contains(.json) {
                    try staged.write(JSONTableWriter.render(table), to: "\(table.name).json")
                    files.append("\(table.name).json")
                }
            }
            if definition.outputs.report == .html {
                let assembler = ReportAssembler(definition: definition, evaluation: evaluation, manifestInputs: inputs,
                    generated: started.ISO8601Format(), tableFiles: files)
                let charts = assembler.charts()
                for chart in charts { try staged.write(chart.svg, to: chart.file) }
                try staged.write(HTMLReport.render(assembler.model(charts: charts)), to: "report.html")
            }
            return RunManifest(
                sdgpipeVersion: SDGPipelineVersion.current, pipeline: definition.name,
                pipelineFile: definition.fileURL.path,
                pipelineSha256: (try? FileDigest.sha256(of: definition.fileURL).digest) ?? "",
                started: started.ISO8601Format(), finished: Date().ISO8601Format(), status: "succeeded", exitCode: 0,
                inputs: inputs, rowsRead: rowsRead, rowsRejected: rowsRejected,
                observations: observationTable.rows.count, localizedSeries: series.count,
                seriesEvaluated: evaluation.seriesEvaluated, impactRows: evaluation.impact.rows.count, timingsMs: timings,
                warnings: warnings)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = (try? encoder.encode(manifest)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try staged.write(json + "\n", to: "run.json")
        try staged.commit()
        return RunSummary(manifest: manifest, outputDirectory: outputDirectory)
    }
}
