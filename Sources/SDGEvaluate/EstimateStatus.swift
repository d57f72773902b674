/// Whether an estimate could be computed, and if not, why. Undefined is never zero: an estimate that cannot be
/// computed carries a reason code a program can test and a sentence a person can read.
public struct EstimateStatus: Sendable, Hashable, CustomStringConvertible {
    /// `ok`, or a reason code such as `too_few_points` or `zero_variance`.
    public let code: String
    /// Empty when `ok`.
    public let reason: String

    public static let ok = EstimateStatus(code: "ok", reason: "")

    public static func tooFewPoints(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "too_few_points", reason: reason)
    }

    public static func zeroVariance(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "zero_variance", reason: reason)
    }

    public var isOK: Bool { code == "ok" }
    public var description: String { reason.isEmpty ? code : "\(code): \(reason)" }
}
