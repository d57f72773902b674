/// The periods an evaluation compares around an action's start T: before = [T − before, T), after = [T, T + after).
/// Time is the real period start in fractional years, never a row index; missing values are left out, not zeroed.
package struct ActionWindow: Sendable, Hashable {
    package let start: Double
    /// Years before the start to include; `nil` for all.
    package let yearsBefore: Double?
    /// Years from the start on to include; `nil` for all.
    package let yearsAfter: Double?

    package init(start: Double, yearsBefore: Double? = nil, yearsAfter: Double? = nil) {
        self.start = start
        self.yearsBefore = yearsBefore
        self.yearsAfter = yearsAfter
    }

    /// Whether a time falls inside the window on either side of the start: the one rule by which before/after, ITS,
    /// the difference-in-differences panels and the charts choose their points.
    package func contains(_ time: Double) -> Bool {
        if time < start { return yearsBefore.map { time >= start - $0 } ?? true }
        return yearsAfter.map { time < start + $0 } ?? true
    }

    /// The first observed time inside the window before the start and the last one from the start on (each the start
    /// itself when there is none): where a chart draws the before and after means, over exactly the points they
    /// average.
    package func observedSpan(_ times: some Sequence<Double>) -> (first: Double, last: Double) {
        var first = start
        var last = start
        for t in times where contains(t) {
            if t < start { first = min(first, t) } else { last = max(last, t) }
        }
        return (first, last)
    }
}
