/// One observed value at a time on the real time axis (period start in fractional years).
public struct TimePoint: Sendable, Hashable {
    public let time: Double
    public let value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

extension EstimateStatus {
    public static func collinear(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "collinear", reason: reason)
    }
}
