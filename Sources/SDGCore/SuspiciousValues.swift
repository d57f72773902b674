/// Values of a series that look like errors of the feed rather than data: a zero among values far from zero (a
/// missing value written as 0), and an isolated spike (one value far off, the next one back). They are named, never
/// changed or dropped: the statistician decides.
///
/// The rules are conservative, so that real changes do not drown the notices:
/// - a zero is suspicious when at least three other values exist, all of one sign, and the smallest of them in size
///   exceeds their whole range (35, 36, 0, 37 is; 3, 0, 2, 5, where a zero is a plausible count, is not);
/// - a spike is an inner value whose steps in and out are of opposite signs and both further than 5 robust standard
///   deviations from the series' other steps (1.4826 × their median absolute deviation, Iglewicz & Hoaglin 1993; at
///   least a tenth of the series' typical size, so a jump is at least half of it): a trend moves every step alike and a level shift, such as an action's
///   effect, makes one large step, not two.
public enum SuspiciousValues {
    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable { case zero, spike }
        public let kind: Kind
        /// Index of the value in the series.
        public let index: Int
        /// What the value stands out from: the median of the other values.
        public let typical: Double
    }

    public static let spikeThreshold = 5.0

    /// The suspicious values of a series given in time order (missing values left out).
    public static func find(_ values: [Double]) -> [Finding] {
        var findings: [Finding] = []
        let n = values.count
        guard n >= 4 else { return [] }
        let nonZero = values.contains(0) ? values.filter { $0 != 0 } : []
        if nonZero.count >= 3, nonZero.count < n,
            nonZero.allSatisfy({ $0 > 0 }) || nonZero.allSatisfy({ $0 < 0 })
        {
            let sizes = nonZero.map(abs)
            if sizes.min()! > sizes.max()! - sizes.min()! {
                let typical = median(nonZero)
                for (i, v) in values.enumerated() where v == 0 {
                    findings.append(Finding(kind: .zero, index: i, typical: typical))
                }
            }
        }
        guard n >= 5 else { return findings }
        // A spike's two steps differ by more than 10 floors (the median size of the values); the smallest size is a
        // lower bound of that median, so a series whose steps never turn by more than it has none: most series
        // leave here without the sorting below (measured: a tenth of `inspect`'s time when every series sorted).
        var smallest = Double.infinity
        var largestTurn = 0.0
        for i in 0..<n {
            smallest = min(smallest, abs(values[i]))
            if i >= 2 { largestTurn = max(largestTurn, abs(values[i] - 2 * values[i - 1] + values[i - 2])) }
        }
        guard largestTurn > smallest else { return findings }
        let steps = (1..<n).map { values[$0] - values[$0 - 1] }
        let floor = 0.1 * median(values.map(abs))
        let flagged = Set(findings.map(\.index))
        // Most values are far from a spike: a look against all the steps' median rules them out without the
        // leave-two-out median below (which, for every value of 600,000 series, would be the stage's largest cost).
        let overall = median(steps)
        for i in 1..<(n - 1) where !flagged.contains(i) {
            let (a, b) = (steps[i - 1] - overall, steps[i] - overall)
            guard a * b < 0, min(abs(a), abs(b)) > 2 * floor else { continue }
            // The steps into and out of the value, against the series' other steps: with those two in the scale, a
            // short series' one spike would make half its steps outliers and hide itself.
            var others = steps
            others.removeSubrange((i - 1)...i)
            let center = median(others)
            var scale = 1.4826 * median(others.map { abs($0 - center) })
            if scale == 0 { scale = others.reduce(0) { $0 + abs($1 - center) } / Double(others.count) }
            scale = max(scale, floor)
            guard scale > 0 else { continue }
            let into = steps[i - 1] - center
            let out = steps[i] - center
            if into * out < 0, min(abs(into), abs(out)) > spikeThreshold * scale {
                var rest = values
                rest.remove(at: i)
                findings.append(Finding(kind: .spike, index: i, typical: median(rest)))
            }
        }
        return findings.sorted { $0.index < $1.index }
    }

    static func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// The sentence for a finding of a series, for notices.
    public static func describe(_ finding: Finding, series: String, period: String, value: Double) -> String {
        switch finding.kind {
        case .zero:
            return
                "\(series): 0 at \(period) where the other values are around \(finding.typical): a missing value written as 0? If so, mark it missing in the source; it is kept as read"
        case .spike:
            return
                "\(series): \(value) at \(period) stands out from the values around it (typically \(finding.typical)) and the next one is back: check it at the source; it is kept as read"
        }
    }
}
