import SDGCore

/// A local indicator's values for one area and one disaggregation, in period order, in the indicator's unit.
public struct LocalizedSeries: Sendable, Hashable {
    public let indicator: String
    public let area: String
    /// The dimensions not fixed by the indicator's selection (`sex=F`), empty for a total.
    public let disaggregation: String
    public let unit: String?
    public let sdg: [SDGCode]
    public let direction: DesiredDirection?
    /// Observed periods with their values (missing values kept as `nil`), sorted by period.
    public let points: [Point]

    public struct Point: Sendable, Hashable {
        public let period: Period
        public let value: Double?
        public init(period: Period, value: Double?) {
            self.period = period
            self.value = value
        }
    }

    public init(
        indicator: String, area: String, disaggregation: String, unit: String?, sdg: [SDGCode],
        direction: DesiredDirection?, points: [Point]
    ) {
        self.indicator = indicator
        self.area = area
        self.disaggregation = disaggregation
        self.unit = unit
        self.sdg = sdg
        self.direction = direction
        self.points = points.sorted { $0.period < $1.period }
    }
}
