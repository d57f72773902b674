import SDGCore
import SDGStorage

/// A local indicator's values for one area and one disaggregation, in period order, in the indicator's unit.
///
/// Kept as two parallel arrays: the periods, as numbers into the localizer's table of periods (`SeriesPeriods`; the
/// localizer hands every series with the same periods one array), and the values, 8 bytes each with NaN for a missing
/// value. As an array of `Point`s (48 bytes each) a 12 M-observation network held 560 MB of points (bench/run).
///
/// A plain value as far as equality goes: it is not `Hashable`, since comparing values kept in a file is a read
/// (`hasSameContent(as:)`, `readPoints()`, `withValues`), made where it is called, never hidden in `==` or a hash.
package struct LocalizedSeries: Sendable {
    package let indicator: String
    package let area: String
    /// The dimensions not fixed by the indicator's selection (`sex=F`), empty for a total.
    package let disaggregation: String
    package let unit: String?
    package let sdg: [SDGCode]
    package let direction: DesiredDirection?
    /// The observed periods, sorted, one per point.
    package let periods: SeriesPeriods
    /// The values at `periods`; NaN marks a missing value (readers reject non-finite numbers, so NaN is never data).
    private let storedValues: StoredValues

    /// Held, or in a temporary file from where they start (a localizer whose points went to a file puts them there).
    enum StoredValues: Sendable {
        case held([Double])
        case spilled(SeriesValueFile, start: Int)
    }

    package struct Point: Sendable, Hashable {
        package let period: Period
        package let value: Double?
        package init(period: Period, value: Double?) {
            self.period = period
            self.value = value
        }
    }

    package init(
        indicator: String, area: String, disaggregation: String, unit: String?, sdg: [SDGCode],
        direction: DesiredDirection?, points: [Point]
    ) {
        let sorted = points.sorted { $0.period < $1.period }
        self.init(
            indicator: indicator, area: area, disaggregation: disaggregation, unit: unit, sdg: sdg,
            direction: direction,
            sortedPeriods: SeriesPeriods(sorted.map(\.period)), values: .held(sorted.map { $0.value ?? .nan }))
    }

    /// `periods` already sorted; `values` aligned with them, NaN for missing.
    init(
        indicator: String, area: String, disaggregation: String, unit: String?, sdg: [SDGCode],
        direction: DesiredDirection?, sortedPeriods: SeriesPeriods, values: StoredValues
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
    package var count: Int { periods.count }

    /// Calls `body` with the values (NaN for missing), read from the temporary file when they are kept there.
    package func withValues<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        switch storedValues {
        case .held(let values): return try values.withUnsafeBufferPointer(body)
        case .spilled(let file, let start):
            return try withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { buffer in
                file.read(start, into: buffer)
                return try body(UnsafeBufferPointer(buffer))
            }
        }
    }

    /// The value of point `i`, `nil` when missing.
    package func value(at i: Int) -> Double? {
        let v: Double
        switch storedValues {
        case .held(let values): v = values[i]
        case .spilled(let file, let start):
            precondition(i >= 0 && i < count, "point index out of range")
            v = withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { buffer in
                file.read(start + i, into: buffer)
                return buffer[0]
            }
        }
        return v.isNaN ? nil : v
    }

    /// The points in period order, read (from the temporary file when the values are kept there) at each call: read
    /// them once per series and keep the array, or use `withValues` / `forEachObserved` in loops over many series.
    package func readPoints() -> [Point] {
        withValues { values in
            periods.indices.map { Point(period: periods[$0], value: values[$0].isNaN ? nil : values[$0]) }
        }
    }

    /// The first and the last point with a value, and the last one's value, in one look at the values (one read of
    /// the temporary file when they are kept there, where asking for each would read three times).
    package var observedEnds: (first: Int?, last: Int?, latest: Double?) {
        withValues { values in
            let last = values.lastIndex { !$0.isNaN }
            return (values.firstIndex { !$0.isNaN }, last, last.map { values[$0] })
        }
    }

    /// The index of the last point with a value.
    package var lastObservedIndex: Int? { withValues { $0.lastIndex { !$0.isNaN } } }
    /// The index of the first point with a value.
    package var firstObservedIndex: Int? { withValues { $0.firstIndex { !$0.isNaN } } }

    /// Calls `body` with each point's period start and value, missing values left out, in period order.
    package func forEachObserved(_ body: (_ time: Double, _ value: Double) throws -> Void) rethrows {
        try withValues { values in
            for i in values.indices where !values[i].isNaN { try body(periods.start(at: i), values[i]) }
        }
    }

    /// Whether two series have the same key fields, periods and values (missing values equal): reads the values of
    /// both. Not `==`: a series is a value whose numbers may live in a file, and comparing them is a read, not a
    /// property of the type.
    package func hasSameContent(as other: LocalizedSeries) -> Bool {
        indicator == other.indicator && area == other.area && disaggregation == other.disaggregation
            && unit == other.unit
            && sdg == other.sdg && direction == other.direction && periods == other.periods
            && withValues { x in
                other.withValues { y in x.elementsEqual(y) { $0.bitPattern == $1.bitPattern || $0 == $1 } }
            }
    }
}
