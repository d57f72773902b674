import Testing
import SDGCore
@testable import SDGLocalize

/// Localized series keep periods and values apart (periods shared between series, NaN for missing): what comes out
/// must be exactly what went in.
@Suite struct CompactSeriesTests {
    func observation(_ area: String, _ period: String, _ value: Double?) -> Observation {
        Observation(key: SeriesKey(source: "city", indicator: "AL", area: area, dimensions: []), period: Period.parse(period)!,
            value: value, attributes: ObservationAttributes(unit: "PT"), location: SourceLocation(file: "f.csv", line: 2))
    }

    @Test func missingValuesOrderAndTiesComeBackAsTheyWent() {
        var localizer = Localizer(indicators: [LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])])
        // Out of order, a missing value, and two values for 2016 (kept in arrival order), spelled two ways.
        for o in [observation("R", "2017", 3), observation("R", "2016", nil), observation("R", "2015", 1), observation("R", "2016", 2),
                  observation("R", "2013 Q1", 7), observation("R", "2013-Q1", 8)] { localizer.add(o) }
        let s = try! #require(localizer.takeLocalizedSeries().first)
        #expect(s.points.map(\.period.label) == ["2013 Q1", "2013-Q1", "2015", "2016", "2016", "2017"])
        #expect(s.points.map(\.value) == [7, 8, 1, nil, 2, 3])
        #expect(s.count == 6)
        #expect(s.firstObservedIndex == 0 && s.lastObservedIndex == 5)
        var observed: [Double] = []
        s.forEachObserved { _, v in observed.append(v) }
        #expect(observed == [7, 8, 1, 2, 3])
    }

    @Test func seriesWithTheSamePeriodsShareOneArrayAndStayEqualToTheirPoints() {
        var localizer = Localizer(indicators: [LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])])
        for area in ["A", "B"] { for year in 2010...2014 { localizer.add(observation(area, "\(year)", year == 2012 ? nil : Double(year))) } }
        let series = localizer.takeLocalizedSeries()
        #expect(series.count == 2)
        series[0].periods.withUnsafeBufferPointer { a in
            series[1].periods.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
        // The public initialiser from points gives an equal series (missing values compare equal), and a changed
        // value does not.
        let s = series[0]
        let rebuilt = LocalizedSeries(indicator: s.indicator, area: s.area, disaggregation: s.disaggregation, unit: s.unit, sdg: s.sdg,
            direction: s.direction, points: s.points.reversed())
        #expect(rebuilt == s)
        #expect(rebuilt.hashValue == s.hashValue)
        var points = s.points
        points[0] = .init(period: points[0].period, value: 1)
        #expect(LocalizedSeries(indicator: s.indicator, area: s.area, disaggregation: s.disaggregation, unit: s.unit, sdg: s.sdg,
            direction: s.direction, points: points) != s)
    }
}
