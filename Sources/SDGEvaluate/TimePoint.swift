/// One observed value at a time on the real time axis (period start in fractional years).
package struct TimePoint: Sendable, Hashable {
    package let time: Double
    package let value: Double

    package init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }
}

extension EstimateStatus {
    package static func collinear(_ reason: String) -> EstimateStatus {
        EstimateStatus(code: "collinear", reason: reason)
    }
}
