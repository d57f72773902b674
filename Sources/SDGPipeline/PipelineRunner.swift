import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize
import SDGPublish
import SDGStorage

/// What a run did, for the command line to summarise.
package struct RunSummary: Sendable {
    package let manifest: RunManifest
    package let outputDirectory: URL
    /// True when nothing changed since the last successful run and nothing was recomputed.
    package var skipped: Bool { manifest.status == "skipped_unchanged" }
}

/// Runs a pipeline end to end: ingest → localize → evaluate → publish (`sdgpipe run`), for cron as much as for
/// a person: one run per pipeline at a time (a lock), nothing recomputed when nothing changed (a fingerprint), and
/// outputs and database replaced together only when every stage has succeeded.
package struct PipelineRunner: Sendable {
    package let definition: PipelineDefinition
    package let outputDirectory: URL
    package let options: RunOptions
    /// Receives stage, warning and progress events; the executable decides how they look and where they go.
    package let events: @Sendable (RunEvent) -> Void

    package init(
        definition: PipelineDefinition, outputDirectory: URL? = nil, options: RunOptions = .init(),
        events: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) {
        self.definition = definition
        self.outputDirectory = outputDirectory ?? definition.outputs.directory
        self.options = options
        self.events = events
    }

    package func run() throws -> RunSummary {
        let started = Date()
        let runID = started.ISO8601Format() + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        try OutputFolder.check(
            outputDirectory, setting: options.outputSetting, protecting: definition.protectedFiles)
        // One run per pipeline (per output folder) at a time; never waits, so a cron run that overlaps exits 75.
        let lock = try FileLock(
            path: outputDirectory.deletingLastPathComponent()
                .appendingPathComponent(".\(outputDirectory.lastPathComponent).lock").path,
            what: "another run of this pipeline")
        defer { withExtendedLifetime(lock) {} }
        StagedOutputDirectory.removeStale(finalURL: outputDirectory)
        var stopwatch = Stopwatch()
        let events = events
        let publisher = try OutputPublisher(
            definition: definition, outputDirectory: outputDirectory, options: options,
            onWait: { holder in
                events(RunEvent(.info, stage: "publish", "waiting for another run writing the database (\(holder))"))
            })
        let interruptedCommit = publisher.commitRecord.interrupted()
        if let interruptedCommit {
            events(
                RunEvent(
                    .warning, stage: "run",
                    "the last commit of this pipeline was interrupted (\(interruptedCommit)): its outputs and database may disagree; this run rewrites both"
                ))
        }

        var warnings: [String] = []
        let fetched = try stopwatch.time("fetch") {
            try SourceFetch(definition, offline: options.offline, events: events)
        }
        for warning in fetched.warnings {
            warnings.append(warning)
            events(RunEvent(.warning, stage: "fetch", warning))
        }
        let fingerprint = try stopwatch.time("fingerprint") {
            try Fingerprint(definition: definition, areas: options.onlyAreas, destination: publisher.destination)
        }
        if !options.force, interruptedCommit == nil, let previous = publisher.previousFingerprint(),
            previous.fingerprint == fingerprint.value, publisher.missingOutputs().isEmpty
        {
            let manifest = manifest(
                runID: runID, started: started, status: "skipped_unchanged", fingerprint: fingerprint,
                inputs: zip(definition.sources, fingerprint.inputs).map { source, digest in
                    RunManifest.Input(
                        source: source.name, path: source.displayPath, sha256: digest.sha256, bytes: digest.bytes,
                        rowsRead: 0, rowsRejected: 0, fetch: fetched.feeds[source.name]?.provenance)
                }, counts: .init(), timings: stopwatch.timings, warnings: warnings)
            try publisher.recordSkipped(manifest)
            events(
                RunEvent(
                    .info, stage: "run",
                    "unchanged since the run of \(previous.finished) (\(previous.runID)); nothing to do. Use --force to run again."
                ))
            return RunSummary(manifest: manifest, outputDirectory: outputDirectory)
        }

        func warn(_ diagnostic: Diagnostic, prefix: String = "") {
            let event = RunEvent(diagnostic, stage: "run", prefix: prefix)
            warnings.append(event.message)
            events(event)
        }
        var ingested = try stopwatch.time("ingest") { try ingest(fingerprint: fingerprint, fetched: fetched) }
        failpoint("ingest")
        let unknownAreas = definition.unknownAreas(in: ingested.reports, onlyAreas: options.onlyAreas)
        if unknownAreas.contains(where: { $0.severity == .error }) { throw PipelineFileError.invalid(unknownAreas) }
        var counts = Counts(read: ingested.reports.records, rejected: ingested.reports.rejected)
        let firstRejects = ingested.reports.flatMap(\.rejects).prefix(5).map(\.diagnostic)
        if ingested.reports.rejectRatio > definition.evaluation.maxRejectRatio {
            throw RunError.tooManyRejects(
                rejected: counts.rejected, read: counts.read,
                allowed: definition.evaluation.maxRejectRatio, firstReasons: firstRejects.map(\.description))
        }
        for reject in firstRejects { warn(reject, prefix: "rejected ") }
        for notice in ingested.reports.flatMap(\.notices) { warn(notice) }
        for warning in unknownAreas { warn(warning) }

        // In the order of the result tables' keys (indicator, area, disaggregation, as SQLite compares text): a
        // database's key B-trees then grow at their ends (see `ObservationStore.sortByKey`).
        let series = try stopwatch.time("localize") {
            try ingested.localizer.takeLocalizedSeries().sorted { a, b in
                a.indicator.precedesInBytes(b.indicator) ?? a.area.precedesInBytes(b.area)
                    ?? a.disaggregation.precedesInBytes(b.disaggregation) ?? false
            }
        }
        let starts = ActionStartCheck.problems(definition, series: series)
        if !starts.isEmpty { throw PipelineFileError.invalid(starts) }
        for problem in CrosswalkDataChecks.problems(definition.plan, localizer: ingested.localizer, series: series) {
            warn(problem)
        }
        for warning in CrosswalkDataChecks.breaks(ingested.localizer) { warn(warning) }
        if let sdmx = definition.outputs.sdmx {
            for warning in SDMXExportParser.warnings(sdmx, series: series) { warn(warning) }
        }
        if let geography = definition.geography {
            let areas = Set(series.map(\.area))
            for warning in GeographyParser.warnings(geography, areas: areas, labels: definition.labels) {
                warn(warning)
            }
        }
        HeapTrim.releaseFreePages()
        var evaluation = stopwatch.time("evaluate") { ImpactEvaluation(plan: definition.plan, series: series) }
        evaluation.breaks = ingested.localizer.breakPoints
        evaluation.treatedOutOfScope = Set(
            ingested.localizer.areasOutOfScope.compactMap { indicator, areas in
                areas.contains(where: definition.plan.isTreated) ? indicator : nil
            })
        if !evaluation.holdsEveryTreatedSeries, publisher.database != nil {
            warn(
                Diagnostic(
                    .warning, .summariesLeft, at: nil,
                    "indicators " + evaluation.treatedOutOfScope.sorted().prefix(5).joined(separator: ", ")
                        + (evaluation.treatedOutOfScope.count > 5
                            ? " and \(evaluation.treatedOutOfScope.count - 5) more" : "")
                        + " have treated series outside --only-areas: the database's coverage, learning_city_profile and framework_profile are left as they are (a run whose areas hold every treated series replaces them)"
                ))
        }
        HeapTrim.releaseFreePages()
        failpoint("evaluate")
        for notice in CrosswalkDataChecks.suspiciousValues(evaluation) { warn(notice) }
        for did in evaluation.differences where !did.estimate.leftOut.isEmpty {
            let s = did.series
            warn(
                Diagnostic(
                    .warning, .panelAreaLeftOut, at: nil,
                    "action \(did.action.id), indicator \(s.indicator), area \(s.area): "
                        + did.estimate.leftOut.joined(separator: ", ")
                        + " left out of the difference-in-differences (no observations both before and after the start)"
                ))
        }
        events(
            RunEvent(
                .info, stage: "evaluate",
                "\(series.count) localized series, \(evaluation.impactRows.count) impact rows",
                counts: ["series": series.count, "impact_rows": evaluation.impactRows.count]))

        counts.observations = ingested.observations.count
        counts.series = series.count
        counts.evaluated = evaluation.seriesEvaluated
        counts.impact = evaluation.impactRows.count
        let plan = definition.plan
        let labels = definition.labels
        let names = LabelCells(labels, records: plan.records, series: series)
        let tables = scoped([
            ingested.observations.table(pipeline: definition.name, labels: labels),
            LocalizationTables.localizedSeries(plan, labels: labels, names: names, series),
            evaluation.impactTable(labels: names),
            evaluation.trendsTable(labels: names), evaluation.progressTable(labels: names),
            LocalizationTables.coverage(plan, labels: labels),
            LocalizationTables.accountability(plan, evaluation.summaries, labels: labels),
            LearningCityProfile(evaluation).table(pipeline: definition.name),
            FrameworkProfile.table(evaluation, frameworks: definition.frameworks, pipeline: definition.name),
            ingested.rejects,
        ])
        // What the export of the observations read will leave out, said before it is written (one more pass over them,
        // made only when the pipeline asks for that export).
        if let sdmx = definition.outputs.sdmx, sdmx.observations,
            let observations = tables.first(where: { $0.name == "observations" })
        {
            let summary = try sdmx.observationsLeftOut(observations)
            for line in SDMXExport.observationWarnings(summary) {
                warn(Diagnostic(.warning, .sdmxExportLeftOut, at: nil, line))
            }
        }
        // The manifest is written inside the publish stage, so it carries the timings of the stages before it.
        let timings = stopwatch.timings
        let manifest = try stopwatch.time("publish") { () throws -> RunManifest in
            try publisher.publish(
                tables: tables, evaluation: evaluation, inputs: ingested.inputs, started: started,
                beforeCommit: {
                    failpoint("write")
                    // Every value read back from the temporary files was read without error (`SpillFile`).
                    try SpillFile.checkReadBack()
                }
            ) { written in
                counts.written = written
                return self.manifest(
                    runID: runID, started: started, status: "succeeded", fingerprint: fingerprint,
                    inputs: ingested.inputs, counts: counts, timings: timings, warnings: warnings)
            }
        }
        // run.json is written inside this stage, so the stage's own time is reported here, in the event log.
        events(
            RunEvent(
                .info, stage: "publish", "\(counts.written) rows written to \(outputDirectory.path)",
                counts: ["rows_written": counts.written, "ms": Int(stopwatch.timings["publish"] ?? 0)]))
        return RunSummary(manifest: manifest, outputDirectory: outputDirectory)
    }

    struct Counts {
        var read = 0, rejected = 0, observations = 0, series = 0, evaluated = 0, impact = 0, written = 0
    }

    struct Ingested {
        var localizer: Localizer
        var observations: ObservationStore
        var rejects: Table
        var inputs: [RunManifest.Input]
        var reports: [FeedReport]
    }

    /// Ingest and localize in one streaming pass: each source's batches go to the observation store and the
    /// localizer as they are read (`FeedReader`, the same reading and counting as `validate`, `inspect` and
    /// `evaluate`).
    func ingest(fingerprint: Fingerprint, fetched: SourceFetch) throws -> Ingested {
        var sink = SinkPair(
            ObservationStore(), LocalizingSink(Localizer(indicators: definition.indicators.map(\.indicator))))
        var rejects = ResultTables.rejects()
        var inputs: [RunManifest.Input] = []
        var reports: [FeedReport] = []
        let scope = options.onlyAreas.map { Set($0 + definition.evaluation.comparison) }
        let clock = ContinuousClock()
        for (source, digest) in zip(definition.sources, fingerprint.inputs) {
            let begin = clock.now
            var lastReport = clock.now
            func report(_ progress: FeedReader.Progress) {
                guard begin.duration(to: clock.now) > .milliseconds(300),
                    lastReport.duration(to: clock.now) > .milliseconds(250)
                else { return }
                lastReport = clock.now
                let elapsed = begin.duration(to: clock.now).components
                events(
                    RunEvent(
                        .progress, stage: "ingest", source.name,
                        counts: [
                            "records": progress.records, "bytes_read": progress.bytesRead,
                            "bytes": digest.bytes,
                            "ms": Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000),
                        ]))
            }
            let feed = try FeedReader(source: source, structure: definition.structure, scope: scope).read(
                into: &sink, progress: report)
            for reject in feed.rejects { ResultTables.append(reject, to: &rejects) }
            events(
                RunEvent(
                    .info, stage: "ingest",
                    "\(source.name): \(feed.records) records, \(feed.rejects.count) rejected (\(source.url.lastPathComponent))",
                    counts: ["records": feed.records, "rejected": feed.rejects.count]))
            inputs.append(
                .init(
                    source: source.name, path: source.displayPath, sha256: digest.sha256, bytes: digest.bytes,
                    rowsRead: feed.records, rowsRejected: feed.rejects.count,
                    fetch: fetched.feeds[source.name]?.provenance))
            reports.append(feed)
        }
        try sink.first.finishAppending()
        return Ingested(
            localizer: sink.second.localizer, observations: sink.first, rejects: rejects, inputs: inputs,
            reports: reports)
    }

    /// With `--only-areas`, only those areas' rows are written (comparison areas were read for the evaluation only).
    func scoped(_ tables: [Table]) -> [Table] {
        guard let areas = options.onlyAreas else { return tables }
        return tables.map { table in
            guard let column = table.columns.firstIndex(of: "area") else { return table }
            return table.filtered { row in
                if case .text(let area) = row[column] { return areas.contains(area) }
                return table.name == "coverage"
            }
        }
    }

    func manifest(
        runID: String, started: Date, status: String, fingerprint: Fingerprint, inputs: [RunManifest.Input],
        counts: Counts, timings: [String: Double], warnings: [String]
    ) -> RunManifest {
        RunManifest(
            runId: runID, sdgpipeVersion: SDGPipelineVersion.current, pipeline: definition.name,
            pipelineFile: definition.fileURL.path, pipelineSha256: fingerprint.pipelineSHA256,
            fingerprint: fingerprint.value,
            started: started.ISO8601Format(), finished: Date().ISO8601Format(), status: status, exitCode: 0,
            areas: options.onlyAreas,
            inputs: inputs, rowsRead: counts.read, rowsRejected: counts.rejected, rowsWritten: counts.written,
            observations: counts.observations, localizedSeries: counts.series, seriesEvaluated: counts.evaluated,
            impactRows: counts.impact,
            database: OutputPublisher.databaseDescription(definition, outputDirectory, options),
            timingsMs: timings, warnings: warnings)
    }

    func failpoint(_ name: String) { Failpoint.reach(name, active: options.failpoint) }
}

/// Milliseconds per stage.
struct Stopwatch {
    /// `SDGPIPE_DEBUG_MEMORY=1` prints each stage's resident and peak memory to stderr (for bench/ and profiling).
    static let reportsMemory = ProcessInfo.processInfo.environment["SDGPIPE_DEBUG_MEMORY"] != nil

    static func reportMemory(_ stage: String, milliseconds: Double) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return }
        let kib = { (field: String) in
            status.split(separator: "\n").first { $0.hasPrefix(field) }.map { $0.filter(\.isNumber) } ?? "?"
        }
        FileHandle.standardError.write(
            Data(
                "memory after \(stage) (\(Int(milliseconds)) ms): resident \(kib("VmRSS")) KiB, peak \(kib("VmHWM")) KiB\n"
                    .utf8))
    }

    private(set) var timings: [String: Double] = [:]
    private let clock = ContinuousClock()

    mutating func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let begin = clock.now
        defer {
            let elapsed = begin.duration(to: clock.now).components
            timings[stage] = ((Double(elapsed.seconds) * 1e3 + Double(elapsed.attoseconds) / 1e15) * 10).rounded() / 10
            if Self.reportsMemory { Self.reportMemory(stage, milliseconds: timings[stage]!) }
        }
        return try body()
    }
}

/// Hands the free pages inside the heap back to the system between stages. Ingest, localization and evaluation free
/// hundreds of megabytes of small blocks among blocks that stay, and glibc's allocator keeps such holes mapped
/// (`malloc_stats` at 12 M observations: 280 MB free but resident); `malloc_trim(0)` returns whole free pages anywhere
/// in the heap (the publish stage's resident memory there: 1,064 → 880 MB).
enum HeapTrim {
    static func releaseFreePages() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}

#if os(Linux)
@_silgen_name("malloc_trim") private func malloc_trim(_ pad: Int) -> Int32
#endif

/// The localizer as an observation sink: each kept row of a batch into every localized series whose indicator
/// selects it, periods numbered once per batch.
struct LocalizingSink: ObservationSink {
    var localizer: Localizer

    init(_ localizer: Localizer) { self.localizer = localizer }

    mutating func take(_ batch: ObservationBatch) throws {
        for (k, out) in batch.outOfScope.enumerated() where out { localizer.noteOutOfScope(batch.keys[k]) }
        let periods = batch.periods.map { localizer.periodNumber($0) }
        try batch.forEachObservationRow { (row) throws(SpillError) in
            try localizer.add(
                batch.key(row), batch.attributes[Int(batch.attributesOfRow[row])],
                period: periods[Int(batch.periodOfRow[row])], value: batch.value(row))
        }
    }
}
