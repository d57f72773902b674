import Foundation
import SDGCore
import SDGEvaluate
import SDGFetch
import SDGIngest
import SDGLocalize
import SDGPublish

/// A city's pipeline as its YAML file declares it (docs/pipeline.md), with paths resolved against the file's folder.
package struct PipelineDefinition: Sendable {
    package let name: String
    package let fileURL: URL
    package let sources: [SourceEntry]
    package let indicators: [CrosswalkRecord]
    package let actions: [LocalAction]
    package let evaluation: EvaluationSettings
    package let outputs: OutputSettings
    /// The official structure named by `catalogue:` (the IAEG-SDGs SDG DSD or a codelist), when given.
    package let structure: SDMXStructure?
    /// `labels:`: dimension → code → name, as the pipeline gives them.
    package let labelNames: [String: [String: String]]
    /// Names the sources keep beside their data (DDF entity and concept files).
    package let sourceNames: [String: [String: String]]
    /// The language of `labels.sdg`'s titles (`fr` for `translations/fr`).
    package var sdgLanguage: String?
    /// `report:`: the report's title, city, period and logo.
    package let front: ReportModel.FrontMatter
    /// The crosswalk and catalogue files the pipeline names: part of the run's fingerprint.
    package let auxiliaryFiles: [URL]
    /// Where the file names areas, checked against the areas the sources have (`AreaReferenceCheck`).
    package var areaSettings: [AreaSetting] = []
    /// The line of each action's `start:`, by action id, for `ActionStartCheck`.
    package var actionStartLines: [String: Int] = [:]
    /// The line of `report.edition`, for the error when the pipeline writes no database to keep editions in.
    package var editionLine: Int?
    /// The sources fetched by URL, by source name; their entries in `sources` read the cached copies.
    package var remoteSources: [String: RemoteSource] = [:]
    /// Where those copies are kept (`cache:`, by default a folder beside the outputs).
    package var cacheDirectory: URL?
    /// `geography:`: the areas' boundaries, read and checked (maps in the report, `outputs.geojson`).
    package var geography: AreaGeography?
    /// The frameworks local indicators may link to besides the SDGs: the KFLC always, and those of `frameworks:`.
    package var frameworks: [Framework] = [.learningCity]

    /// The files a run reads: no output folder may equal or contain one of them (`OutputFolder`).
    package var protectedFiles: [URL] { [fileURL] + sources.map(\.url) + auxiliaryFiles }

    /// The area names the pipeline (and a run's `--only-areas`) uses that no source has: errors, or warnings when
    /// an `optional` source read nothing this time (its areas may well be missing for that reason alone).
    func unknownAreas(in reports: [FeedReport], onlyAreas: [String]? = nil) -> [Diagnostic] {
        let settings =
            areaSettings + (onlyAreas.map { [AreaSetting(setting: "--only-areas", areas: $0, line: nil)] } ?? [])
        let problems = AreaReferenceCheck.problems(
            settings, found: reports.reduce(into: Set<String>()) { $0.formUnion($1.areas) },
            pipelineFile: PipelineFileParser.displayPath(fileURL))
        let emptyOptional = zip(sources, reports).filter { $0.options.optional && $1.observations == 0 }.map(\.0.name)
        guard !emptyOptional.isEmpty else { return problems }
        let names = emptyOptional.map { "`\($0)`" }.joined(separator: ", ")
        return problems.map {
            Diagnostic(
                .warning, $0.code, at: $0.location,
                $0.message + " (a warning only: the optional source \(names) read no observations this time)")
        }
    }

    /// The names of the codes its series carry: `labels:`, then the structure's codelists (`Labels`).
    package var labels: Labels {
        var labels = Labels(given: labelNames, structure: structure, sourceNames: sourceNames)
        labels.sdgLanguage = sdgLanguage
        return labels
    }

    /// What the evaluate and publish stages need of the pipeline: its name, crosswalk, actions and settings.
    package var plan: EvaluationPlan {
        EvaluationPlan(pipeline: name, records: indicators, actions: actions, settings: evaluation)
    }
}

/// Where and how results are written.
package struct OutputSettings: Sendable {
    /// `sqlite` writes the database (`outputs.database` or `--db` may name a PostgreSQL one instead); `parquet` the
    /// tables as Parquet files (`parquet/`, `ParquetTables`).
    package enum TableFormat: String, Sendable, CaseIterable { case csv, json, sqlite, parquet }
    package let directory: URL
    package enum Report: String, Sendable, CaseIterable { case html, none }
    package let tables: [TableFormat]
    package let report: Report
    /// `outputs.database`: a SQLite file (default `sdgpipe.sqlite` in the output folder) or a `postgres://` URL.
    package let database: String?
    /// `outputs.opensdg`: an Open SDG data repository in `opensdg/` (`OpenSDGRepository`).
    package var openSDG = false
    /// `outputs.charts`: which series get a file in `charts/` (by default those the report draws).
    package var charts = ReportAssembler.ChartFiles.report
    /// `outputs.geojson`: `geojson/<indicator>.geojson` with the areas' values (needs `geography:`).
    package var geoJSON = false
    /// `outputs.vlr: true`: the statistical annex of a Voluntary Local Review (`vlr/`).
    package var vlr = false
    /// `outputs.sdmx`: the localized series as SDMX-CSV and SDMX-ML against a DSD (`sdmx/`).
    package var sdmx: SDMXExport?
    /// The DSD's file, part of the fingerprint.
    package var sdmxStructureFile: URL?
    /// `outputs.json_observations`: `observations.json` beside the other JSON tables. Off by default: it repeats
    /// the input (3.6 GB for 12 M observations) and `observations.csv` and the database have the same rows.
    package var jsonObservations = false

    /// Whether a run writes `<table>.json`.
    func writesJSON(of table: String) -> Bool {
        tables.contains(.json) && (table != "observations" || jsonObservations)
    }

    /// Whether a run writes `<table>.csv`: every table when `tables` has `csv`, and `rejects.csv` always.
    func writesCSV(of table: String) -> Bool { tables.contains(.csv) || table == "rejects" }
}
