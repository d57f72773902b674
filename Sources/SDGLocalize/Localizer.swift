import SDGCore
import SDGStorage

/// Routes observations to the local indicators that select them and assembles the localized series.
///
/// Memory grows with the number of series and their periods, never with file size: observations arrive one by one
/// from ingest and only their period and value are kept, in a log that goes to a temporary file beyond 65,536 points
/// (`PointLog`); the series are made from it sorted by series, one at a time, and their values then go to a
/// temporary file too (`SeriesValueFile`).
package struct Localizer: Sendable {
    package let indicators: [LocalIndicator]
    private var routes: [String: Route] = [:]
    /// Per indicator, the dimensions its selection fixes (lowercased): they are not part of the disaggregation.
    private let fixedDimensions: [Set<String>]
    /// The series being built, and where each one's builder is.
    private var builders: [Builder] = []
    private var series: [SeriesID: Int] = [:]
    /// Per indicator, how many observations it selected and the last unit recorded for it.
    private var matched: [Int]
    private var lastUnit: [String?]
    /// The series an observation of the last series key goes to: observations come grouped by series, so selection,
    /// disaggregation and the builder are resolved once per key, not for every observation (per observation they were
    /// the largest cost of routing in `perf` on bench/run).
    private var lastKey: SeriesKey?
    /// A target's builder is -1 until its first observation when the selection also tests attributes (`where:
    /// {unit: PT}`): a series none of whose observations pass gets no builder, and its unit is that of the first one
    /// that passes.
    private var lastTargets:
        [(indicator: Int, id: SeriesID, builder: Int, conditions: [(Selection.Attribute, String)])] = []

    /// How many observations each indicator selected, so that validation can report a selection matching nothing.
    package var matchedObservations: [String: Int] {
        var counts: [String: Int] = [:]
        for (i, n) in matched.enumerated() where n > 0 { counts[indicators[i].id, default: 0] += n }
        return counts
    }

    private struct SeriesID: Hashable, Sendable {
        let indicator: Int
        let area: String
        let disaggregation: String
    }

    /// A series being gathered: its unit and how it combines several values in one period (its points are in the
    /// log).
    private struct Builder: Sendable {
        var unit: String?
        var perPeriod: PeriodCombination?
    }

    /// Every point gathered, in arrival order.
    private var log = PointLog()

    /// Every distinct period seen, numbered (by label and start: `2013 Q1` and `2013-Q1` are told apart, as the
    /// outputs keep the label read).
    private var periodTable: [Period] = []
    private var periodNumbers: [Period.Spelling: Int32] = [:]

    /// The indicators a source's observation may belong to, indexed by the `indicator` code they select. A network
    /// pipeline selects 50 indicators from one source; testing each of them against every observation made routing
    /// the largest cost of ingest (measured with `perf` on bench/storage).
    private struct Route: Sendable {
        var byIndicatorCode: [String: [Int]] = [:]
        var others: [Int] = []
    }

    /// `pointsPerChunk`: points held before they go to the temporary file (tests make it small).
    package init(indicators: [LocalIndicator], pointsPerChunk: Int = 1 << 16) {
        self.indicators = indicators
        log = PointLog(chunkSize: pointsPerChunk)
        fixedDimensions = indicators.map { Set($0.selection.keys.map { $0.lowercased() }) }
        matched = Array(repeating: 0, count: indicators.count)
        lastUnit = Array(repeating: nil, count: indicators.count)
        for (i, indicator) in indicators.enumerated() {
            if let code = indicator.selection["indicator"] {
                routes[indicator.source, default: Route()].byIndicatorCode[code, default: []].append(i)
            } else {
                routes[indicator.source, default: Route()].others.append(i)
            }
        }
    }

    /// Adds one observation to every localized series whose indicator selects it. Values are scaled by their
    /// `UNIT_MULT` (10^m), so a series mixing multipliers is still on one scale.
    package mutating func add(_ observation: Observation) throws(SpillError) {
        try add(
            observation.key, observation.attributes, period: periodNumber(observation.period), value: observation.value)
    }

    /// `add(_:)` for a reader that hands on rows in columns: the period by its number (`periodNumber(_:)`, asked once
    /// per distinct period rather than per row), no `Observation` made.
    package mutating func add(
        _ key: SeriesKey, _ attributes: ObservationAttributes, period periodNumber: Int32, value: Double?
    )
        throws(SpillError)
    {
        if lastKey != key {
            lastTargets = []
            lastKey = key
            guard let route = routes[key.source] else { return }
            for i in (route.byIndicatorCode[key.indicator] ?? []) + route.others {
                guard let conditions = indicators[i].attributeConditions(key) else { continue }
                let fixed = fixedDimensions[i]
                let disaggregation = key.dimensions
                    .filter { !fixed.contains($0.id.lowercased()) }
                    .map { "\($0.id)=\($0.value)" }.joined(separator: ";")
                let id = SeriesID(indicator: i, area: key.area, disaggregation: disaggregation)
                let builder = series[id] ?? (conditions.isEmpty ? self.builder(for: id, unit: attributes.unit) : -1)
                lastTargets.append((i, id, builder, conditions))
            }
        }
        if lastTargets.isEmpty { return }
        for (t, (i, id, known, conditions)) in lastTargets.enumerated() {
            var builder = known
            if !conditions.isEmpty {
                guard Selection.meets(conditions, attributes) else { continue }
                if builder < 0 {
                    builder = series[id] ?? self.builder(for: id, unit: attributes.unit)
                    lastTargets[t].builder = builder
                }
            }
            var value = value
            if let m = attributes.unitMultiplier, m != 0, let v = value {
                value = v * pow10(m)
            }
            if let factor = indicators[i].conversion?.factor, let v = value { value = v * factor }
            try log.append(series: builder, period: periodNumber, value: value ?? .nan)
            if let status = attributes.status, status == "b" || status == "B" { noteBreak(builder, id, periodNumber) }
            if let unit = attributes.unit, unit != lastUnit[i] {
                unitsSeen[indicators[i].id, default: []].insert(unit)
                lastUnit[i] = unit
            }
            matched[i] += 1
        }
    }

    /// Indicators that selected observations outside the run's area scope (`--only-areas`), which are not added: a
    /// selection that matched only those is "outside the scope", not "matches nothing".
    package var selectedOutOfScope: Set<String> { Set(areasOutOfScope.keys) }

    /// The areas of the series each indicator selects outside the run's scope: a run of some areas of a network
    /// (`--only-areas`) needs to know whether an indicator has treated series elsewhere, so that what it records
    /// for its areas is what a run over all areas would record for them (`ImpactEvaluation.treatedOutOfScope`).
    package private(set) var areasOutOfScope: [String: Set<String>] = [:]

    /// Notes which indicators select a series left out by the run's area scope.
    package mutating func noteOutOfScope(_ key: SeriesKey) {
        guard let route = routes[key.source] else { return }
        for i in (route.byIndicatorCode[key.indicator] ?? []) + route.others where indicators[i].selects(key) {
            areasOutOfScope[indicators[i].id, default: []].insert(key.area)
        }
    }

    /// A series whose source marks a break (`OBS_STATUS` `b`, SDMX's and Eurostat's flag for a break in series): its
    /// values before and after are measured differently, so the run names it (the first break of each series).
    package struct SeriesBreak: Sendable {
        package let indicator: String
        package let area: String
        package let disaggregation: String
        package let period: Period
    }

    package private(set) var seriesBreaks: [SeriesBreak] = []
    /// Every break, not only each series' first: the Open SDG data files mark each (`OBS_STATUS` `B`).
    package private(set) var breakPoints: [SeriesBreak] = []
    private var seriesWithBreak: Set<Int> = []
    private var breaksNoted: Set<BreakPoint> = []
    private struct BreakPoint: Hashable { let builder: Int, period: Int32 }

    private mutating func noteBreak(_ builder: Int, _ id: SeriesID, _ period: Int32) {
        guard breaksNoted.insert(BreakPoint(builder: builder, period: period)).inserted else { return }
        let noted = SeriesBreak(
            indicator: indicators[id.indicator].id, area: id.area, disaggregation: id.disaggregation,
            period: periodTable[Int(period)])
        breakPoints.append(noted)
        if seriesWithBreak.insert(builder).inserted { seriesBreaks.append(noted) }
    }

    /// A new series' builder, registered under `id`.
    private mutating func builder(for id: SeriesID, unit: String?) -> Int {
        let builder = builders.count
        let indicator = indicators[id.indicator]
        builders.append(Builder(unit: indicator.unit ?? unit, perPeriod: indicator.perPeriod))
        series[id] = builder
        return builder
    }

    /// The number under which the localizer keeps `period` (its label and start).
    package mutating func periodNumber(_ period: Period) -> Int32 {
        let spelling = period.spelling
        if let known = periodNumbers[spelling] { return known }
        let n = Int32(periodTable.count)
        periodTable.append(period)
        periodNumbers[spelling] = n
        return n
    }

    /// The units seen per indicator before conversion, to flag a series that mixes units.
    package private(set) var unitsSeen: [String: Set<String>] = [:]

    /// The localized series, ordered by indicator (crosswalk order), area and disaggregation. Indicators with an
    /// aggregation yield the combined area instead of their districts.
    package func localizedSeries() throws(SpillError) -> [LocalizedSeries] {
        aggregated(try made())
    }

    /// The localized series, after which the points gathered are let go (counts and units seen stay for the checks).
    package mutating func takeLocalizedSeries() throws(SpillError) -> [LocalizedSeries] {
        let plain = try made()
        series = [:]
        builders = []
        log = PointLog()
        lastKey = nil
        lastTargets = []
        return aggregated(plain)
    }

    private static func order(_ a: SeriesID, _ b: SeriesID) -> Bool {
        (a.indicator, a.area, a.disaggregation) < (b.indicator, b.area, b.disaggregation)
    }

    /// Districts combined into their city for indicators with an aggregation; the series as they are otherwise.
    private func aggregated(_ plain: [LocalizedSeries]) -> [LocalizedSeries] {
        // By id, not searched per series: a network has hundreds of thousands of series and hundreds of indicators.
        let aggregations = Dictionary(
            indicators.compactMap { i in i.aggregation.map { (i.id, $0) } }, uniquingKeysWith: { a, _ in a })
        if aggregations.isEmpty { return plain }
        // Districts grouped once by indicator and disaggregation, and weights by indicator: searched for every series,
        // a national file's 6,000 series of one aggregated indicator made 3.6 G comparisons against 600,000 series.
        struct Group: Hashable {
            let indicator: String
            let disaggregation: String
        }
        var members: [Group: [LocalizedSeries]] = [:]
        let weightIDs = Set(aggregations.values.compactMap(\.weights))
        var byIndicator: [String: [LocalizedSeries]] = [:]
        for s in plain {
            if let aggregation = aggregations[s.indicator],
                aggregation.areas.isEmpty || aggregation.areas.contains(s.area)
            {
                members[Group(indicator: s.indicator, disaggregation: s.disaggregation), default: []].append(s)
            }
            if weightIDs.contains(s.indicator) { byIndicator[s.indicator, default: []].append(s) }
        }
        var result: [LocalizedSeries] = []
        for s in plain {
            guard let aggregation = aggregations[s.indicator] else {
                result.append(s)
                continue
            }
            // Combined once per disaggregation, when its first district comes by.
            let group = members[Group(indicator: s.indicator, disaggregation: s.disaggregation)] ?? []
            guard group.first?.area == s.area else { continue }
            let weights = aggregation.weights.map { byIndicator[$0] ?? [] } ?? []
            result.append(AreaAggregator.combine(group, into: aggregation, weights: weights))
        }
        return result
    }

    /// Makes the series from the log, series by series, ordered by indicator, area and disaggregation. Each series'
    /// points are put in period order (ties in arrival order; most arrive sorted), or combined into one per period
    /// (`per_period:`); their values stay in memory, or go to a temporary file when the points did
    /// (`SeriesValueFile`), so that a run holds memory for its series only.
    private func made() throws(SpillError) -> [LocalizedSeries] {
        let valueFile = log.isSpilled ? try SeriesValueFile() : nil
        var periodsOf = [SeriesPeriods?](repeating: nil, count: builders.count)
        var valuesOf = [LocalizedSeries.StoredValues?](repeating: nil, count: builders.count)
        var shared = SharedPeriods(table: periodTable)
        let table = periodTable
        var workspace = PeriodCombination.Workspace(periods: table.count)
        try log.forEachSeries { (b, numbers, values) throws(SpillError) in
            var (sortedNumbers, sortedValues) = (numbers, values)
            if let combination = builders[b].perPeriod {
                (sortedNumbers, sortedValues) = combination.combine(
                    numbers: numbers, values: values, table: table, workspace: &workspace)
            } else if !zip(numbers, numbers.dropFirst()).allSatisfy({ !(table[Int($1)] < table[Int($0)]) }) {
                let order = numbers.indices.sorted { x, y in
                    let (p, q) = (table[Int(numbers[x])], table[Int(numbers[y])])
                    return p < q || (!(q < p) && x < y)
                }
                sortedNumbers = order.map { numbers[$0] }
                sortedValues = order.map { values[$0] }
            }
            periodsOf[b] = shared.periods(sortedNumbers)
            if let valueFile {
                valuesOf[b] = .spilled(valueFile, start: try valueFile.append(sortedValues))
            } else {
                valuesOf[b] = .held(sortedValues)
            }
        }
        try valueFile?.finish()
        var result: [LocalizedSeries] = []
        result.reserveCapacity(series.count)
        for id in series.keys.sorted(by: Self.order) {
            let b = series[id]!
            let indicator = indicators[id.indicator]
            result.append(
                LocalizedSeries(
                    indicator: indicator.id, area: id.area, disaggregation: id.disaggregation, unit: builders[b].unit,
                    sdg: indicator.sdg, direction: indicator.direction,
                    sortedPeriods: periodsOf[b] ?? SeriesPeriods([]),
                    values: valuesOf[b] ?? .held([])))
        }
        return result
    }

    /// One array of period numbers for all series observed at the same periods, over one table of the periods.
    private struct SharedPeriods {
        let table: SeriesPeriods.Table
        var arrays: [[Int32]: SeriesPeriods] = [:]
        init(table: [Period]) { self.table = SeriesPeriods.Table(table) }
        mutating func periods(_ numbers: [Int32]) -> SeriesPeriods {
            if let known = arrays[numbers] { return known }
            let made = SeriesPeriods(table: table, numbers: numbers)
            arrays[numbers] = made
            return made
        }
    }

    private func pow10(_ m: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(m) { result *= 10 }
        return m < 0 ? 1 / result : result
    }
}
