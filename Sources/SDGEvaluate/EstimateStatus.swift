/// Whether an estimate could be computed, and if not, why. Undefined is never zero: an estimate that cannot be
/// computed carries a reason code a program can test and a sentence a person can read.
package struct EstimateStatus: Sendable, Hashable, CustomStringConvertible {
    /// `ok`, or a reason code such as `too_few_points` or `zero_variance`.
    package let code: String
    /// Empty when `ok`.
    package let reason: String

    package static let ok = EstimateStatus(code: "ok", reason: "")

    package static func tooFewPoints(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "too_few_points", reason: reason)
    }

    package static func zeroVariance(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "zero_variance", reason: reason)
    }

    package var isOK: Bool { code == "ok" }
    package var description: String { reason.isEmpty ? code : "\(code): \(reason)" }
}
