import Foundation
import SDGCore
import Testing

@testable import SDGLocalize

/// `per_period:` against pandas' groupby (scripts/reference_per_period.py → Fixtures/per_period.json): one local
/// indicator over five source indicators, observations shuffled, some missing, quarter 2013 Q1 spelled two ways.
@Suite struct PeriodCombinationTests {
    struct Fixture: Decodable {
        struct Row: Decodable {
            let area: String, sex: String, indicator: String, period: String
            let value: Double?
        }
        struct Series: Decodable {
            let area: String, sex: String, periods: [String]
            let mean: [Double?], median: [Double?], min: [Double?], max: [Double?], sum: [Double?]
            func values(_ c: PeriodCombination) -> [Double?] {
                switch c {
                case .mean: mean
                case .median: median
                case .min: min
                case .max: max
                case .sum: sum
                }
            }
        }
        let observations: [Row]
        let series: [Series]
    }

    static let fixture: Fixture = {
        let url = Bundle.module.url(forResource: "Fixtures/per_period", withExtension: "json")!
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    func localized(pointsPerChunk: Int) throws -> [LocalizedSeries] {
        let indicators =
            PeriodCombination.allCases.map {
                LocalIndicator(id: $0.rawValue, source: "s", selection: [:], sdg: [SDGCode("4.3.1")!], perPeriod: $0)
            } + [LocalIndicator(id: "kept", source: "s", selection: [:], sdg: [SDGCode("4.3.1")!])]
        var localizer = Localizer(indicators: indicators, pointsPerChunk: pointsPerChunk)
        for (i, row) in Self.fixture.observations.enumerated() {
            try localizer.add(
                Observation(
                    key: SeriesKey(
                        source: "s", indicator: row.indicator, area: row.area,
                        dimensions: [.init(id: "sex", value: row.sex)]),
                    period: Period.parse(row.period)!, value: row.value, attributes: ObservationAttributes(),
                    location: SourceLocation(file: "f.csv", line: i + 2)))
        }
        return try localizer.takeLocalizedSeries()
    }

    /// Held in memory or read back from the temporary file in chunks of 7 points: the same values as pandas.
    @Test(arguments: [65_536, 7])
    func everyCombinationMatchesPandas(pointsPerChunk: Int) throws {
        let series = try localized(pointsPerChunk: pointsPerChunk)
        for combination in PeriodCombination.allCases {
            for want in Self.fixture.series {
                let s = try #require(
                    series.first {
                        $0.indicator == combination.rawValue && $0.area == want.area
                            && $0.disaggregation == "sex=\(want.sex)"
                    })
                let points = s.readPoints()
                #expect(points.map(\.period.label) == want.periods, "\(combination) \(want.area) \(want.sex)")
                for (got, expected) in zip(points.map(\.value), want.values(combination)) {
                    switch (got, expected) {
                    case (nil, nil): break
                    case (let g?, let e?):
                        #expect(abs(g - e) <= 1e-9 * abs(e), "\(combination) \(want.area) \(want.sex): \(g) vs \(e)")
                    default:
                        Issue.record(
                            "\(combination) \(want.area) \(want.sex): \(String(describing: got)) vs \(String(describing: expected))"
                        )
                    }
                }
            }
        }
        // Without `per_period:` every observation stays a point of its series.
        let kept = series.filter { $0.indicator == "kept" }.map(\.count).reduce(0, +)
        #expect(kept == Self.fixture.observations.count)
    }

    /// A series already one value per period comes out unchanged, whatever the combination.
    @Test func oneValuePerPeriodIsLeftAsItIs() throws {
        let table = ["2011", "2010", "2012"].map { Period.parse($0)! }
        var workspace = PeriodCombination.Workspace(periods: table.count)
        for combination in PeriodCombination.allCases {
            let (numbers, values) = combination.combine(
                numbers: [1, 0, 2], values: [5, 4, .nan], table: table, workspace: &workspace)
            #expect(numbers == [1, 0, 2])
            #expect(values[0] == 5 && values[1] == 4 && values[2].isNaN)
        }
    }
}
