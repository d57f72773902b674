import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize

/// A city's pipeline as its YAML file declares it (SPEC §2), with paths resolved against the file's folder.
public struct PipelineDefinition: Sendable {
    public let name: String
    public let fileURL: URL
    public let sources: [SourceEntry]
    public let indicators: [CrosswalkRecord]
    public let actions: [LocalAction]
    public let evaluation: EvaluationSettings
    public let outputs: OutputSettings
    /// The official structure named by `catalogue:` (the IAEG-SDGs SDG DSD or a codelist), when given.
    public let structure: SDMXStructure?
    /// The crosswalk and catalogue files the pipeline names: part of the run's fingerprint.
    public let auxiliaryFiles: [URL]
}

/// A crosswalk record: the local indicator plus what localization and accountability need around it.
public struct CrosswalkRecord: Sendable {
    public let indicator: LocalIndicator
    /// How people call the indicator ("Adult participation in learning"); the id, made readable, when not given.
    public let label: String?
    public let kflc: [String]
    public let baselineYear: Int?
    /// A baseline value given in the crosswalk; otherwise it is read from the data in the baseline year.
    public let baselineValue: Double?
    public let targetValue: Double?
    public let targetYear: Int?
    /// Where the target comes from when the city reuses one (`national`, a strategy's name); `nil` for a local target.
    public let targetSource: String?
    public let owner: String?
    public let partners: [String]
    /// Where the record was written (pipeline file or crosswalk file), for problems found later in the data.
    public let file: String
    public internal(set) var line: Int?

    /// The label, or the id with underscores as spaces and a capital first letter.
    public var displayName: String {
        if let label { return label }
        let words = indicator.id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// Where and how results are written.
public struct OutputSettings: Sendable {
    /// `sqlite` writes the database (`outputs.database` or `--db` may name a PostgreSQL one instead).
    public enum TableFormat: String, Sendable, CaseIterable { case csv, json, sqlite }
    public let directory: URL
    public enum Report: String, Sendable, CaseIterable { case html, none }
    public let tables: [TableFormat]
    public let report: Report
    /// `outputs.database`: a SQLite file (default `sdgpipe.sqlite` in the output folder) or a `postgres://` URL.
    public let database: String?
}
