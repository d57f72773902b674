import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize
import SDGPublish

/// `sdgpipe validate`: reads every input as a run would, without writing anything, and lists every problem of the
/// crosswalk against the data at once. Rejected records are reported as warnings, as in a run.
package struct PipelineValidator: Sendable {
    package let definition: PipelineDefinition

    package struct Report: Sendable {
        package let records: Int
        package let rejects: Int
        package let warnings: [String]
    }

    package init(definition: PipelineDefinition) {
        self.definition = definition
    }

    /// Throws `PipelineFileError.invalid` with every crosswalk problem, `RunError` when rejects exceed the allowed
    /// ratio, `IngestError` when an input is unusable, `PublishError` for a database this build cannot write
    /// (`database`: `--db`, else `outputs.database`), as `run` would.
    package func validate(database: String? = nil, offline: Bool = false) throws -> Report {
        try OutputFolder.check(
            definition.outputs.directory, setting: "outputs.dir", protecting: definition.protectedFiles)
        // The outputs' own checks, as `run` makes them before reading: the database is available, and there is one
        // when `report.edition` needs it.
        _ = try OutputPublisher(
            definition: definition, outputDirectory: definition.outputs.directory,
            options: RunOptions(database: database))
        let fetched = try SourceFetch(definition, offline: offline, events: { _ in })
        var sink = LocalizingSink(Localizer(indicators: definition.indicators.map(\.indicator)))
        var reports: [FeedReport] = []
        for source in definition.sources {
            reports.append(try FeedReader(source: source, structure: definition.structure).read(into: &sink))
        }
        let localizer = sink.localizer
        let rejects = reports.flatMap(\.rejects)
        // Source by source: its notices, then its rejects.
        let areas = definition.unknownAreas(in: reports)
        let warnings =
            fetched.warnings
            + reports.flatMap {
                $0.notices.map(\.description) + $0.rejects.map { "\($0.location): \($0.reason)" }
            } + areas.filter { $0.severity == .warning }.map(\.description)
            + CrosswalkDataChecks.breaks(localizer).map(\.description)
        let series = try localizer.localizedSeries()
        let geographyWarnings =
            definition.geography.map {
                GeographyParser.warnings($0, areas: Set(series.map(\.area)), labels: definition.labels)
                    .map(\.description)
            } ?? []
        let problems =
            areas.filter { $0.severity == .error } + ActionStartCheck.problems(definition, series: series)
            + CrosswalkDataChecks.problems(definition.plan, localizer: localizer, series: series)
        if !problems.isEmpty {
            throw PipelineFileError.invalid(problems.map { Diagnostic(.error, $0.code, at: $0.location, $0.message) })
        }
        if reports.rejectRatio > definition.evaluation.maxRejectRatio {
            throw RunError.tooManyRejects(
                rejected: reports.rejected, read: reports.records,
                allowed: definition.evaluation.maxRejectRatio,
                firstReasons: rejects.prefix(5).map { "\($0.location): \($0.reason)" })
        }
        return Report(records: reports.records, rejects: reports.rejected, warnings: warnings + geographyWarnings)
    }
}
