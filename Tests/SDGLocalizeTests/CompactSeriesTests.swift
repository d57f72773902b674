import SDGCore
import Testing

@testable import SDGLocalize

/// Localized series keep periods and values apart (periods shared between series, NaN for missing): what comes out
/// must be exactly what went in.
@Suite struct CompactSeriesTests {
    func observation(_ area: String, _ period: String, _ value: Double?) -> Observation {
        Observation(
            key: SeriesKey(source: "city", indicator: "AL", area: area, dimensions: []), period: Period.parse(period)!,
            value: value, attributes: ObservationAttributes(unit: "PT"),
            location: SourceLocation(file: "f.csv", line: 2))
    }

    @Test func missingValuesOrderAndTiesComeBackAsTheyWent() throws {
        var localizer = Localizer(indicators: [
            LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])
        ])
        // Out of order, a missing value, and two values for 2016 (kept in arrival order), spelled two ways.
        for o in [
            observation("R", "2017", 3), observation("R", "2016", nil), observation("R", "2015", 1),
            observation("R", "2016", 2),
            observation("R", "2013 Q1", 7), observation("R", "2013-Q1", 8),
        ] { try localizer.add(o) }
        let s = try! #require(try localizer.takeLocalizedSeries().first)
        #expect(s.readPoints().map(\.period.label) == ["2013 Q1", "2013-Q1", "2015", "2016", "2016", "2017"])
        #expect(s.readPoints().map(\.value) == [7, 8, 1, nil, 2, 3])
        #expect(s.count == 6)
        #expect(s.firstObservedIndex == 0 && s.lastObservedIndex == 5)
        var observed: [Double] = []
        s.forEachObserved { _, v in observed.append(v) }
        #expect(observed == [7, 8, 1, 2, 3])
    }

    /// The points gathered go to a temporary file a chunk at a time: whether held (one chunk) or read back from 2 or
    /// 240 chunks, every series gets its own points, in period order, ties in arrival order.
    @Test(arguments: [100_000, 65_536, 1_000])
    func pointsReadBackFromTheLogMakeTheSameSeries(pointsPerChunk: Int) throws {
        var localizer = Localizer(
            indicators: [
                LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])
            ],
            pointsPerChunk: pointsPerChunk)
        // 3,000 areas × 80 points = 240,000: each area's years arrive in a scrambled order, areas interleaved.
        var expected: [String: [(Double, Double?)]] = [:]
        var arrivals: [(String, Int, Double?)] = []
        for a in 0..<3_000 {
            for y in 0..<80 {
                let year = 1950 + (y * 37 + a) % 80
                let value: Double? = (a + y) % 13 == 0 ? nil : Double(a * 1_000 + y)
                arrivals.append(("A\(a)", year, value))
            }
        }
        var generator = SystemRandomNumberGenerator()
        for i in stride(from: arrivals.count - 1, to: 0, by: -1) where i % 7 == 0 {
            arrivals.swapAt(i, Int.random(in: 0...i, using: &generator))
        }
        for (area, year, value) in arrivals {
            try localizer.add(observation(area, "\(year)", value))
            expected[area, default: []].append((Double(year), value))
        }
        let series = try localizer.takeLocalizedSeries()
        #expect(series.count == 3_000)
        for s in series {
            let want = expected[s.area]!.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map(\.element)
            #expect(s.readPoints().map(\.period.start) == want.map(\.0), "\(s.area)")
            #expect(s.readPoints().map(\.value) == want.map(\.1), "\(s.area)")
            // Every way of looking at the values agrees, whether they are held or read back from the file.
            let observedIndices = want.indices.filter { want[$0].1 != nil }
            #expect(s.observedEnds.first == observedIndices.first && s.observedEnds.last == observedIndices.last)
            #expect(s.observedEnds.latest == observedIndices.last.flatMap { want[$0].1 })
            #expect((0..<s.count).map { s.value(at: $0) } == want.map(\.1))
            var observed: [Double] = []
            s.forEachObserved { _, v in observed.append(v) }
            #expect(observed == want.compactMap(\.1))
            #expect(
                s.hasSameContent(
                    as: LocalizedSeries(
                        indicator: s.indicator, area: s.area, disaggregation: s.disaggregation, unit: s.unit,
                        sdg: s.sdg, direction: s.direction, points: s.readPoints())))
        }
        #expect(try localizer.localizedSeries().isEmpty)
    }

    @Test func seriesWithTheSamePeriodsShareOneArrayAndStayEqualToTheirPoints() throws {
        var localizer = Localizer(indicators: [
            LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])
        ])
        for area in ["A", "B"] {
            for year in 2010...2014 {
                try localizer.add(observation(area, "\(year)", year == 2012 ? nil : Double(year)))
            }
        }
        let series = try localizer.takeLocalizedSeries()
        #expect(series.count == 2)
        series[0].periods.numbers.withUnsafeBufferPointer { a in
            series[1].periods.numbers.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
        #expect(series[0].periods.table === series[1].periods.table)
        // The public initialiser from points gives an equal series (missing values compare equal), and a changed
        // value does not.
        let s = series[0]
        let rebuilt = LocalizedSeries(
            indicator: s.indicator, area: s.area, disaggregation: s.disaggregation, unit: s.unit, sdg: s.sdg,
            direction: s.direction, points: s.readPoints().reversed())
        #expect(rebuilt.hasSameContent(as: s))
        var points = s.readPoints()
        points[0] = .init(period: points[0].period, value: 1)
        #expect(
            !LocalizedSeries(
                indicator: s.indicator, area: s.area, disaggregation: s.disaggregation, unit: s.unit, sdg: s.sdg,
                direction: s.direction, points: points
            ).hasSameContent(as: s))
    }
}
