import Foundation
import SDGCore
import SDGEvaluate
import SDGFetch
import SDGPublish
import SDGSystem

/// Writes a run's results — tables as CSV and JSON, the charts and report, the SQLite database, `run.json` — so that
/// they replace the previous ones together or not at all.
///
/// Everything goes to a staging folder next to the output folder, the database included: the previous database is
/// copied there and the run's transaction is applied to the copy. Only when all of it is written does one rename swap
/// the folders. A run that fails or is killed at any point leaves the previous outputs and database exactly as they
/// were; the staging folder it leaves behind is removed by the next run (under the pipeline's lock).
struct OutputPublisher {
    let definition: PipelineDefinition
    let outputDirectory: URL
    /// Where the result tables go besides the files, or `nil` when the pipeline writes no database.
    let database: DatabaseTarget?
    /// Outside the output folder (or PostgreSQL) the database commits in a second step: see `CommitRecord`.
    let commitRecord: CommitRecord
    let failpoint: String?
    /// `--only-areas`: the previous edition's other areas are not compared.
    let onlyAreas: [String]?
    /// Told when a shared database is busy with another run's write and this run waits for it.
    let onWait: @Sendable (String) -> Void
    static let defaultDatabaseName = "sdgpipe.sqlite"

    /// `--db` wins over `outputs.database`; without either, `sdgpipe.sqlite` in the output folder when `outputs.tables`
    /// has `sqlite`. A `postgres://` database in a build without the `PostgreSQL` trait fails here, before any reading.
    init(
        definition: PipelineDefinition, outputDirectory: URL, options: RunOptions,
        onWait: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        self.definition = definition
        self.outputDirectory = outputDirectory
        commitRecord = CommitRecord(outputFolder: outputDirectory)
        failpoint = options.failpoint
        onlyAreas = options.onlyAreas
        self.onWait = onWait
        if let configured = options.database ?? definition.outputs.database {
            database = DatabaseTarget(configured)
        } else if definition.outputs.tables.contains(.sqlite) {
            database = .sqlite(outputDirectory.appendingPathComponent(Self.defaultDatabaseName))
        } else {
            database = nil
        }
        try database?.checkAvailable()
        if definition.front.edition != nil && database == nil {
            throw PipelineFileError.invalid([
                PipelineProblem(
                    file: definition.fileURL.path, line: definition.editionLine, column: nil,
                    message:
                        "`report.edition` is kept in the database, where the next edition finds it to say what changed; this pipeline writes none: add `sqlite` to `outputs.tables` (or set `outputs.database`, or pass `--db`)"
                )
            ])
        }
    }

    static func databaseDescription(_ definition: PipelineDefinition, _ outputDirectory: URL, _ options: RunOptions)
        -> String?
    {
        (try? OutputPublisher(definition: definition, outputDirectory: outputDirectory, options: options))?.database?
            .description
    }

    /// The last successful run that wrote results, from the output folder's `run.json`: it was swapped in together
    /// with the tables and the database, so it describes exactly what is there. (Opening the database just to look
    /// would touch its file; a skipped run must leave the outputs as they are.)
    func previousFingerprint() -> (runID: String, fingerprint: String, finished: String)? {
        let fm = FileManager.default
        guard let data = fm.contents(atPath: outputDirectory.appendingPathComponent("run.json").path),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            json["status"] as? String == "succeeded", let fingerprint = json["fingerprint"] as? String
        else { return nil }
        return (json["run_id"] as? String ?? "?", fingerprint, json["finished"] as? String ?? "?")
    }

    /// Where the results go, for the fingerprint: results written elsewhere are not "unchanged".
    var destination: String {
        "\(outputDirectory.path) \(database?.description ?? "-")"
    }

    /// The files the last run wrote that are no longer there (a deleted database or table): the run is then not
    /// skipped, whatever the fingerprint says. (A PostgreSQL database is covered by the fingerprint's destination.)
    func missingOutputs() -> [String] {
        var expected = ["run.json"]
        for table in TableDefinition.all where table.name != "editions" || definition.front.edition != nil {
            if definition.outputs.writesCSV(of: table.name) {
                expected.append("\(table.name).csv")
            }
            if definition.outputs.writesJSON(of: table.name) { expected.append("\(table.name).json") }
        }
        if definition.outputs.report == .html { expected.append("report.html") }
        if definition.outputs.openSDG { expected.append("opensdg/config_data.yml") }
        if definition.outputs.vlr { expected.append("vlr/index.html") }
        var missing = expected.filter {
            !FileManager.default.fileExists(atPath: outputDirectory.appendingPathComponent($0).path)
        }
        if case .sqlite(let url) = database, !FileManager.default.fileExists(atPath: url.path) {
            missing.append(url.path)
        }
        return missing
    }

    /// A skipped run changes nothing but the `runs` table: one small transaction on the database in place.
    func recordSkipped(_ manifest: RunManifest) throws {
        try database?.existingStore(outputFolder: outputDirectory, onWait: onWait)?.record(Self.runRecord(manifest))
    }

    func publish(
        tables: [Table], evaluation: ImpactEvaluation, inputs: [RunManifest.Input], started: Date,
        beforeCommit: () throws -> Void, manifest makeManifest: (Int) -> RunManifest
    ) throws -> RunManifest {
        let staged = try StagedOutputDirectory(finalURL: outputDirectory)
        let store = try database?.store(
            stagingFolder: staged.stagingURL, outputFolder: outputDirectory, onWait: onWait)
        var tables = tables
        var changes: EditionChanges?
        if let label = definition.front.edition {
            // This edition's rows replace only its own; the previous edition is read first, as committed.
            var current = ReviewEdition(
                label: label, recorded: started.ISO8601Format(), evaluation: evaluation, labels: definition.labels)
            let areas = onlyAreas.map(Set.init)
            if let areas {
                current = ReviewEdition(
                    label: label, recorded: current.recorded,
                    entries: current.entries.filter { areas.contains($0.area) })
            }
            let previous = try store?.previousEdition(pipeline: definition.name, before: label)
            changes = EditionChanges(current: current, previous: previous, areas: areas)
            let table = current.table(pipeline: definition.name)
            if let rejects = tables.firstIndex(where: { $0.name == "rejects" }) {
                tables.insert(table, at: rejects)
            } else {
                tables.append(table)
            }
        }
        // The files (tables as CSV and JSON, charts, report) are written on the other core while the database is
        // loaded: both are long for a network (about 15 s and 35 s at 12 M observations) and independent. The
        // folder is swapped in only after both have finished.
        // The writers that read a table whole at the same time share its rows, made once (`Table.shared`): the
        // database (SQLite or PostgreSQL), the CSV files, the JSON files and the Parquet files, each on its own thread
        // (made twice, for CSV and then JSON on one thread, the rows of a national run's tables were an eighth of its
        // samples).
        // A run of some areas that lacks treated series of other areas leaves the database's summaries over the
        // treated areas as they are: its own would replace a network's with those of its areas only.
        let inDatabase = Set(
            TableSchema.databaseTables.filter { name in
                evaluation.holdsEveryTreatedSeries
                    || TableDefinition.named(name)?.columns.contains { $0.name == "area" } == true
            })
        let (databaseTables, csvTables, jsonTables, parquetTables) = Self.shareRows(
            tables, database: store == nil ? [] : inDatabase, sharedWithDatabase: store?.sharesRowsWithFiles == true,
            csv: definition.outputs.tables.contains(.csv),
            json: Set(tables.map(\.name).filter(definition.outputs.writesJSON)),
            parquet: definition.outputs.tables.contains(.parquet))
        let (definition, files, csvViews, allTables, editionChanges) = (
            definition, staged.files, csvTables, tables, changes
        )
        // Its own thread (it waits on the batches of the tables it writes; see `Table.forEachBatch`).
        let fileJob = Pending(threadNamed: "sdgpipe-files") { () -> Result<Void, any Error> in
            defer { for table in csvViews { table.releaseShared() } }
            return Result {
                try Self.writeFiles(
                    tables: allTables, csvTables: csvViews, definition: definition, evaluation: evaluation,
                    inputs: inputs, started: started, changes: editionChanges, into: files)
            }
        }
        defer { _ = fileJob.wait() }
        let jsonFiles = staged.files
        let jsonJob = Pending(threadNamed: "sdgpipe-json") { () -> Result<Void, any Error> in
            defer { for table in jsonTables { table.releaseShared() } }
            return Result {
                for table in jsonTables {
                    try jsonFiles.write(to: "\(table.name).json") { (out) throws(PublishError) in
                        try JSONTableWriter.write(table, to: out)
                    }
                    table.releaseShared()
                }
            }
        }
        defer { _ = jsonJob.wait() }
        let parquetFolder = staged.stagingURL.appendingPathComponent("parquet")
        let parquetJob = Pending(threadNamed: "sdgpipe-parquet") { () -> Result<Void, any Error> in
            defer { for table in parquetTables ?? [] { table.releaseShared() } }
            return Result {
                for table in parquetTables ?? [] {
                    try ParquetTables.write(table, into: parquetFolder)
                    table.releaseShared()
                }
            }
        }
        defer { _ = parquetJob.wait() }
        // Runs before the wait above: whatever happens to the database writer, it stops holding the files back.
        defer { for table in databaseTables { table.releaseShared() } }
        let databaseRows = tables.filter { inDatabase.contains($0.name) }.reduce(0) { $0 + $1.count }
        let manifest = makeManifest(store == nil ? tables.reduce(0) { $0 + $1.count } : databaseRows)
        do {
            try store?.prepare(
                pipeline: definition.name, tables: databaseTables, areas: manifest.areas, run: Self.runRecord(manifest))
            try fileJob.wait().get()
            try jsonJob.wait().get()
            try parquetJob.wait().get()
            try beforeCommit()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            try staged.write(String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n", to: "run.json")
        } catch {
            store?.rollback()
            throw error
        }
        try commit(staged, store, runID: manifest.runId)
        return manifest
    }

    /// Views of `tables` for the writers that read them at the same time (the database when `database`, the CSV files,
    /// the JSON files of the tables named in `json`, the Parquet files), sharing each table's rows when more than one
    /// reads it; `nil` Parquet tables when the pipeline writes none. Every writer reads its tables in this order, so
    /// none waits on a table another has not reached.
    static func shareRows(
        _ tables: [Table], database: Set<String>, sharedWithDatabase: Bool, csv: Bool, json: Set<String>,
        parquet: Bool
    ) -> (database: [Table], csv: [Table], json: [Table], parquet: [Table]?) {
        var (databaseTables, csvTables, jsonTables, parquetTables) = (tables, tables, tables, tables)
        for (i, table) in tables.enumerated() {
            let toDatabase = sharedWithDatabase && database.contains(table.name)
            let toJSON = json.contains(table.name)
            let consumers = (toDatabase ? 1 : 0) + (csv ? 1 : 0) + (toJSON ? 1 : 0) + (parquet ? 1 : 0)
            guard consumers > 1 else { continue }
            var views = table.shared(consumers: consumers)[...]
            if toDatabase { databaseTables[i] = views.removeFirst() }
            if csv { csvTables[i] = views.removeFirst() }
            if toJSON { jsonTables[i] = views.removeFirst() }
            if parquet { parquetTables[i] = views.removeFirst() }
        }
        return (
            databaseTables.filter { database.contains($0.name) }, csvTables,
            jsonTables.filter { json.contains($0.name) }, parquet ? parquetTables : nil
        )
    }

    /// Swaps the folder in, then commits the database, as one step for a stop signal (`CleanStop.critical`). When
    /// the database lives elsewhere the two are recorded as one commit (`CommitRecord`): if the process dies between
    /// them, the next run redoes both; if the database commit fails, the previous folder is put back.
    private func commit(_ staged: StagedOutputDirectory, _ store: (any ResultStore)?, runID: String) throws {
        let separate = store.map { !$0.swapsWithOutputFolder } ?? false
        try CleanStop.critical { () throws -> Void in
            if separate, let store { try commitRecord.begin(runID: runID, database: store.description) }
            do {
                try staged.commit(keepingPrevious: true)
            } catch {
                store?.rollback()
                throw error
            }
            Failpoint.reach("commit", active: failpoint)
            do {
                // Test hook: the database's commit fails after the folder swap (a full disk, a lost server).
                if failpoint == "database-move", let store {
                    throw PublishError.database(path: store.description, reason: "database-move failpoint")
                }
                try store?.commit()
            } catch {
                store?.rollback()
                guard staged.restorePrevious() else {
                    throw PublishError.incompleteCommit(
                        outputs: outputDirectory.path, database: store?.description ?? "?", reason: "\(error)")
                }
                // A commit whose outcome is unknown keeps its record: the next run redoes it rather than skip.
                if separate,
                    error as? PublishError != .interrupted(database: store?.description ?? "", .commitOutcomeUnknown)
                {
                    commitRecord.end()
                }
                throw error
            }
            staged.discardPrevious()
            if separate { commitRecord.end() }
        }
    }

    /// Tables as CSV (always `rejects.csv`) and JSON as the pipeline asks, then the charts and the report.
    /// `csvTables` are the same tables, possibly views shared with the database writer.
    static func writeFiles(
        tables: [Table], csvTables: [Table], definition: PipelineDefinition, evaluation: ImpactEvaluation,
        inputs: [RunManifest.Input], started: Date, changes: EditionChanges? = nil, into staged: StagingFolder
    ) throws {
        var files: [String] = []
        for (table, csvTable) in zip(tables, csvTables) {
            if definition.outputs.writesCSV(of: table.name) {
                try staged.write(to: "\(table.name).csv") { (out) throws(PublishError) in
                    try CSVTableWriter.write(csvTable, to: out)
                }
                csvTable.releaseShared()
                files.append("\(table.name).csv")
            }
            // Written on a thread of their own (`publish`).
            if definition.outputs.writesJSON(of: table.name) { files.append("\(table.name).json") }
        }
        let report = definition.outputs.report == .html
        if report || definition.outputs.charts != .none || definition.outputs.vlr {
            let sources = inputs.map {
                ReportModel.Source(
                    name: $0.source, path: $0.fetch?.url ?? $0.path, sha256: $0.sha256, records: $0.rowsRead,
                    rejected: $0.rowsRejected,
                    fetched: $0.fetch.map {
                        .init(
                            origin: $0.origin.rawValue, downloaded: $0.downloaded, checked: $0.checked,
                            httpStatus: $0.httpStatus)
                    })
            }
            var assembler = ReportAssembler(
                evaluation: evaluation, sources: sources, generated: started.ISO8601Format(),
                version: SDGPipelineVersion.current, tableFiles: files, labels: definition.labels,
                front: definition.front, areaCommand: areaCommand(definition))
            assembler.geography = definition.geography
            assembler.frameworks = definition.frameworks.filter { $0.id != "kflc" }
            // Chart files are written as they are drawn; only the report's own (at most `report.max_series`) are kept.
            var reportCharts: [String: String] = [:]
            try assembler.forEachChart(files: definition.outputs.charts, report: report) {
                file, key, svg, write, inReport in
                if write { try staged.write(svg, to: file) }
                if inReport { reportCharts[key] = svg }
            }
            if report {
                try staged.write(HTMLReport.render(assembler.model(charts: reportCharts)), to: "report.html")
            }
            if definition.outputs.vlr {
                for page in assembler.vlrPages(sources: annexSources(inputs), edition: changes?.current.label) {
                    try staged.write(page.html, to: page.name)
                }
                if let changes {
                    let page = assembler.vlrChangesPage(changes)
                    try staged.write(page.html, to: page.name)
                    try changes.writeCSV(to: try staged.open("vlr/changes.csv"))
                }
                // The GNLC summary shows one edition's values when no edition is named.
                let summary =
                    changes
                    ?? EditionChanges(
                        current: ReviewEdition(
                            label: "", recorded: started.ISO8601Format(), evaluation: evaluation,
                            labels: definition.labels), previous: nil)
                for file in assembler.gnlcSummary(summary) { try staged.write(file.contents, to: file.name) }
            }
        }
        if let sdmx = definition.outputs.sdmx {
            let files = staged
            _ = try sdmx.write(evaluation.outcomes.map(\.series), prepared: started.ISO8601Format()) { name in
                try files.open(name)
            }
            if sdmx.observations, let observations = tables.first(where: { $0.name == "observations" }) {
                _ = try sdmx.writeObservations(observations, prepared: started.ISO8601Format()) { name in
                    try files.open(name)
                }
            }
        }
        if definition.outputs.vlr {
            let files = staged
            try VLRAnnex.write(
                evaluation, sources: annexSources(inputs), frameworks: definition.frameworks, labels: definition.labels
            ) { name in try files.open(name) }
        }
        if definition.outputs.geoJSON, let geography = definition.geography {
            try GeoJSONOutput.forEachFile(evaluation, geography: geography, labels: definition.labels) {
                name, contents in try staged.write(contents, to: name)
            }
        }
        if definition.outputs.openSDG {
            for file in OpenSDGRepository.files(evaluation, labels: definition.labels) {
                try staged.write(file.contents, to: "opensdg/" + file.path)
            }
            for file in OpenSDGRepository.learningCityFiles(evaluation, labels: definition.labels) {
                try staged.write(file.contents, to: "opensdg-kflc/" + file.path)
            }
        }
    }

    /// Each input's location and extraction date for the VLR annex: the download's time for a source by URL, the
    /// file's modification time otherwise.
    static func annexSources(_ inputs: [RunManifest.Input]) -> [VLRAnnex.Source] {
        inputs.map { input in
            if let fetch = input.fetch {
                return VLRAnnex.Source(name: input.source, location: fetch.url, extracted: fetch.downloaded)
            }
            let modified = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.modificationDate] as? Date
            return VLRAnnex.Source(
                name: input.source, location: input.path,
                extracted: modified.map { $0.formatted(.iso8601.year().month().day()) } ?? "")
        }
    }

    /// The command that writes one area's full report, into a folder beside the output folder (a run into the
    /// output folder itself would replace the whole pipeline's results with one area's). `{area}` stands for the
    /// area's code, `{area_file}` for the code as a file name.
    static func areaCommand(_ definition: PipelineDefinition) -> String {
        let out = definition.outputs.directory
        let folder = out.deletingLastPathComponent().appendingPathComponent(out.lastPathComponent + "-{area_file}").path
        return
            "sdgpipe run \(HTMLReport.shellWord(definition.fileURL.path)) --only-areas {area} --out \(HTMLReport.shellWord(folder))"
    }

    static func runRecord(_ m: RunManifest) -> RunRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let inputs = (try? encoder.encode(m.inputs)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let timings = (try? encoder.encode(m.timingsMs)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return RunRecord(
            runID: m.runId, pipeline: m.pipeline, started: m.started, finished: m.finished, status: m.status,
            exitCode: Int(m.exitCode), fingerprint: m.fingerprint, inputs: inputs, rowsRead: m.rowsRead,
            rowsRejected: m.rowsRejected, rowsWritten: m.rowsWritten, timings: timings, version: m.sdgpipeVersion,
            areas: m.areas.flatMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) })
    }
}
