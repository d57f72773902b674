import Foundation
import SDGCore
import SDGIngest
import SDGLocalize

/// `sdgpipe validate`: reads every input as a run would, without writing anything, and reports what a run would
/// reject or warn about.
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

    public func validate() throws -> Report {
        var localizer = Localizer(indicators: definition.indicators.map(\.indicator))
        var records = 0, rejects = 0
        var warnings: [String] = []
        for source in definition.sources {
            try SourceIngestor(entry: source).read { record in
                records += 1
                switch record {
                case .observation(let o): localizer.add(o)
                case .reject(let r):
                    rejects += 1
                    warnings.append("\(r.location): \(r.reason)")
                }
            }
        }
        for record in definition.indicators where localizer.matchedObservations[record.indicator.id] == nil {
            warnings.append("indicator '\(record.indicator.id)' selects no observations from source '\(record.indicator.source)'")
        }
        if records > 0, Double(rejects) / Double(records) > definition.evaluation.maxRejectRatio {
            throw RunError.tooManyRejects(rejected: rejects, read: records, allowed: definition.evaluation.maxRejectRatio,
                firstReasons: Array(warnings.prefix(5)))
        }
        return Report(records: records, rejects: rejects, warnings: warnings)
    }
}
