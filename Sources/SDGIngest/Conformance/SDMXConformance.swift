import SDGCore

/// `validate --structure`: an SDMX data file (SDMX-ML or SDMX-CSV, ours or anyone's) checked against a data structure
/// with the rules SS01–SS11, streamed (`SDMXComponentReader`), findings shaped as rejects.
public enum SDMXConformance {
    public struct Report: Sendable {
        public let message: SDMXDataMessage
        public let findings: [SDMXConformanceFinding]
        /// Findings past the per-rule limit, counted but not listed.
        public let overflow: [SDMXConformanceRule: Int]
        /// Components whose codelist the structure file lacks (their codes were not checked).
        public let uncheckedCodelists: [(component: String, codelist: String)]

        public var conforms: Bool { findings.isEmpty && overflow.isEmpty }

        /// Observations per rule broken (a file-wide finding counts once).
        public var countsByRule: [(rule: SDMXConformanceRule, count: Int)] {
            var counts: [SDMXConformanceRule: Int] = overflow
            for finding in findings { counts[finding.rule, default: 0] += finding.count }
            return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    public static func check(path: String, structure: SDMXStructure, limitPerRule: Int = 1000) throws -> Report {
        var check = SDMXConformanceCheck(structure: structure)
        check.limitPerRule = limitPerRule
        // The components a file names are known only once it is read (an XML series may name one late), so every
        // observation is checked for all of them, and the absence rules (SS05, SS06, SS02) settled at the end.
        let message = try SDMXComponentReader.read(path: path, structure: structure) { point in
            check.check(point)
        }
        let all = check.findings(of: message).filter { finding in
            // A component the file never names is one file-wide finding (SS01, SS02, SS03), not one per observation.
            guard [.ss05, .ss06, .ss02].contains(finding.rule), finding.location.line != nil,
                let component = finding.component
            else { return true }
            return message.components.contains(component)
        }
        return Report(
            message: message, findings: all, overflow: check.overflow, uncheckedCodelists: check.uncheckedCodelists)
    }
}
