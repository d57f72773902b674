/// The periods an evaluation compares around an action's start T: before = [T − before, T), after = [T, T + after).
/// Time is the real period start in fractional years, never a row index; missing values are left out, not zeroed.
public struct ActionWindow: Sendable, Hashable {
    public let start: Double
    /// Years before the start to include; `nil` for all.
    public let yearsBefore: Double?
    /// Years from the start on to include; `nil` for all.
    public let yearsAfter: Double?

    public init(start: Double, yearsBefore: Double? = nil, yearsAfter: Double? = nil) {
        self.start = start
        self.yearsBefore = yearsBefore
        self.yearsAfter = yearsAfter
    }

    /// Splits `(time, value)` points into the values before and after the start, inside the window.
    public func split(_ points: [(time: Double, value: Double?)]) -> (before: [Double], after: [Double]) {
        var before: [Double] = [], after: [Double] = []
        for point in points {
            guard let value = point.value else { continue }
            if point.time < start {
                if yearsBefore.map({ point.time >= start - $0 }) ?? true { before.append(value) }
            } else if yearsAfter.map({ point.time < start + $0 }) ?? true {
                after.append(value)
            }
        }
        return (before, after)
    }
}
