import SDGCore

/// A local indicator's values for one area and one disaggregation, in period order, in the indicator's unit.
///
/// Kept as two parallel arrays: the periods, as numbers into the localizer's table of periods (`SeriesPeriods`; the
/// localizer hands every series with the same periods one array), and the values, 8 bytes each with NaN for a missing
/// value. As an array of `Point`s (48 bytes each) a 12 M-observation network held 560 MB of points (bench/run).
public struct LocalizedSeries: Sendable, Hashable {
    public let indicator: String
    public let area: String
    /// The dimensions not fixed by the indicator's selection (`sex=F`), empty for a total.
    public let disaggregation: String
    public let unit: String?
    public let sdg: [SDGCode]
    public let direction: DesiredDirection?
    /// The observed periods, sorted, one per point.
    public let periods: SeriesPeriods
    /// The values at `periods`; NaN marks a missing value (readers reject non-finite numbers, so NaN is never data).
    private let storedValues: [Double]

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
        let sorted = points.sorted { $0.period < $1.period }
        self.init(indicator: indicator, area: area, disaggregation: disaggregation, unit: unit, sdg: sdg, direction: direction,
            sortedPeriods: SeriesPeriods(sorted.map(\.period)), values: sorted.map { $0.value ?? .nan })
    }

    /// `periods` already sorted; `values` aligned with them, NaN for missing.
    init(
        indicator: String, area: String, disaggregation: String, unit: String?, sdg: [SDGCode],
        direction: DesiredDirection?, sortedPeriods: SeriesPeriods, values: [Double]
    ) {
        self.indicator = indicator
        self.area = area
        self.disaggregation = disaggregation
        self.unit = unit
        self.sdg = sdg
        self.direction = direction
        self.periods = sortedPeriods
        self.storedValues = values
    }

    /// The number of points (missing values included).
    public var count: Int { periods.count }

    /// The value of point `i`, `nil` when missing.
    public func value(at i: Int) -> Double? {
        let v = storedValues[i]
        return v.isNaN ? nil : v
    }

    /// The points in period order (made on demand: prefer `periods` and `value(at:)` in loops over many series).
    public var points: [Point] { periods.indices.map { Point(period: periods[$0], value: value(at: $0)) } }

    /// The index of the last point with a value.
    public var lastObservedIndex: Int? { storedValues.lastIndex { !$0.isNaN } }
    /// The index of the first point with a value.
    public var firstObservedIndex: Int? { storedValues.firstIndex { !$0.isNaN } }

    /// Calls `body` with each point's period start and value, missing values left out, in period order.
    public func forEachObserved(_ body: (_ time: Double, _ value: Double) throws -> Void) rethrows {
        for i in storedValues.indices where !storedValues[i].isNaN { try body(periods.start(at: i), storedValues[i]) }
    }

    public static func == (a: LocalizedSeries, b: LocalizedSeries) -> Bool {
        a.indicator == b.indicator && a.area == b.area && a.disaggregation == b.disaggregation && a.unit == b.unit
            && a.sdg == b.sdg && a.direction == b.direction && a.periods == b.periods
            && a.storedValues.elementsEqual(b.storedValues) { $0.bitPattern == $1.bitPattern || $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(indicator)
        hasher.combine(area)
        hasher.combine(disaggregation)
        hasher.combine(periods.count)
        for v in storedValues { hasher.combine(v.isNaN ? Double.nan.bitPattern : (v == 0 ? 0 : v.bitPattern)) }
    }
}
