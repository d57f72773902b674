/// A reporting period as statistics offices label it: a year, a quarter, a month, a half-year, an ISO week, a day, or a
/// school/fiscal year such as `2009/10`.
///
/// Periods order by their start on a continuous time axis (`start`, in fractional calendar years) so that evaluation
/// uses real time, never row order: quarters sit at `year + (q - 1) / 4`, months at `year + (m - 1) / 12`, and a school
/// year `2009/10` starts in 2009. The original label is kept for outputs, because a statistician reconciles against it.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How often a series is observed; it decides how periods are positioned and compared.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case annual = "A"
        case schoolYear = "SY"
        case halfYear = "S"
        case quarterly = "Q"
        case monthly = "M"
        case weekly = "W"
        case daily = "D"

        /// How many periods a year holds (a school year is a year): how long one is, and which of two is finer.
        public var periodsPerYear: Double {
            switch self {
            case .annual, .schoolYear: 1
            case .halfYear: 2
            case .quarterly: 4
            case .monthly: 12
            case .weekly: 365.25 / 7
            case .daily: 365.25
            }
        }
    }

    /// The label as it appeared in the source, trimmed.
    public let label: String
    /// Start of the period in fractional calendar years.
    public let start: Double
    public let frequency: Frequency

    public init(label: String, start: Double, frequency: Frequency) {
        self.label = label
        self.start = start
        self.frequency = frequency
    }

    /// The period as written: its label and start. Two periods equal as observation times (`==`) may be spelled
    /// differently (`2013 Q1`, `2013-Q1`), and under different `range:` settings one label may start at two times;
    /// tables that keep the label read are keyed by this.
    public struct Spelling: Hashable, Sendable {
        public let label: String
        public let start: Double
    }

    public var spelling: Spelling { Spelling(label: label, start: start) }

    /// Calendar year in which the period starts.
    public var year: Int { Int(start.rounded(.down)) }

    public var description: String { label }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.label < rhs.label
    }

    /// Two periods are the same observation time when they start together at the same frequency; the label's spelling
    /// (`2013 Q1` or `2013-Q1`) does not matter.
    public static func == (lhs: Period, rhs: Period) -> Bool {
        lhs.start == rhs.start && lhs.frequency == rhs.frequency
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(frequency)
    }
}
