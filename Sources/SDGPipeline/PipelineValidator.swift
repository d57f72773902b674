import Foundation
import SDGCore
import SDGIngest
import SDGLocalize

/// `sdgpipe validate`: reads every input as a run would, without writing anything, and lists every problem of the
/// crosswalk against the data at once. Rejected records are reported as warnings, as in a run.
public struct PipelineValidator: Sendable {
    public let definition: PipelineDefinition

    public struct Report: Sendable {
        public let records: Int
        public let rejects: Int
        public let warnings: [String]
    }

    public init(definition: PipelineDefinition) {
        self.definition = definition
    }

    /// Throws `PipelineFileError.invalid` with every crosswalk problem, `RunError` when rejects exceed the allowed
    /// ratio, `IngestError` when an input is unusable.
    public func validate() throws -> Report {
        var localizer = Localizer(indicators: definition.indicators.map(\.indicator))
        var records = 0, rejects = 0
        var warnings: [String] = []
        for source in definition.sources {
            try SourceIngestor(entry: source, structure: definition.structure).read { record in
                records += 1
                switch record {
                case .observation(let o): try localizer.add(o)
                case .notice(let location, let message): warnings.append("\(location): \(message)")
                case .reject(let r):
                    rejects += 1
                    warnings.append("\(r.location): \(r.reason)")
                }
            }
        }
        let problems = CrosswalkDataChecks.problems(definition, localizer: localizer, series: try localizer.localizedSeries())
        if !problems.isEmpty { throw PipelineFileError.invalid(problems) }
        if records > 0, Double(rejects) / Double(records) > definition.evaluation.maxRejectRatio {
            throw RunError.tooManyRejects(rejected: rejects, read: records, allowed: definition.evaluation.maxRejectRatio,
                firstReasons: Array(warnings.prefix(5)))
        }
        return Report(records: records, rejects: rejects, warnings: warnings)
    }
}
