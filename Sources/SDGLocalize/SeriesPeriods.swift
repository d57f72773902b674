import SDGCore

/// The periods of a localized series, in order: numbers into one table of the periods the localizer met, 4 bytes a
/// point, the number arrays shared by every series observed at the same periods.
///
/// Why: as an array of `Period`s (32 bytes each) shared only between series with exactly the same periods, a network
/// whose series each miss a few years at random held a period array for nearly every series (300 cities × 50 years:
/// ~50 MB; bench/network/generate.py --years 50).
package struct SeriesPeriods: RandomAccessCollection, Sendable, Hashable {
    /// The periods numbered, with their starts apart for the loops that need only the time.
    final class Table: Sendable {
        let periods: [Period]
        let starts: [Double]
        init(_ periods: [Period]) {
            self.periods = periods
            starts = periods.map(\.start)
        }
    }

    let table: Table
    let numbers: [Int32]

    init(table: Table, numbers: [Int32]) {
        self.table = table
        self.numbers = numbers
    }

    /// Periods already in order, each its own entry.
    package init(_ periods: [Period]) {
        table = Table(periods)
        numbers = periods.indices.map { Int32($0) }
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { numbers.count }
    package subscript(i: Int) -> Period { table.periods[Int(numbers[i])] }

    /// The start of period `i` (what `self[i].start` is, without copying the period's label).
    package func start(at i: Int) -> Double { table.starts[Int(numbers[i])] }

    package static func == (a: SeriesPeriods, b: SeriesPeriods) -> Bool { a.elementsEqual(b) }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for p in self { hasher.combine(p) }
    }
}
