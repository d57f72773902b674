import SDGCore
import Testing

@testable import SDGLocalize

@Suite struct SDGCodeTests {
    @Test(arguments: ["4", "4.3", "4.a", "4.3.1", "4.a.1", "17.19.2", "10.x", "4-3-1", "11.b.1"])
    func readsValidCodes(text: String) throws {
        let code = try #require(SDGCode(text))
        #expect(code.description == text.replacingOccurrences(of: "-", with: "."))
    }

    @Test(arguments: ["", "0", "18", "4.0", "4.3.0", "4.3.1.2", "4..1", "four", "4.A", "4.03", "04.3", "4.3.a", "4.ab"])
    func rejectsMalformedCodes(text: String) {
        #expect(SDGCode(text) == nil)
    }

    @Test func levelsTargetsAndLocalCodes() throws {
        let indicator = try #require(SDGCode("4.a.1"))
        #expect(indicator.level == .indicator)
        #expect(indicator.targetCode == SDGCode("4.a"))
        #expect(SDGCode("10.x")?.isLocal == true)
        #expect(SDGCode("10.c")?.isLocal == false)
        #expect(SDGCode("4")?.level == .goal)
    }

    @Test func ordersNumberedTargetsBeforeLettered() {
        let sorted = ["4.a", "4.10", "4.2", "3.1", "4.2.1"].compactMap(SDGCode.init).sorted().map(\.description)
        #expect(sorted == ["3.1", "4.2", "4.2.1", "4.10", "4.a"])
        #expect(SDGGoal.shortNames.count == 17)
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}

@Suite struct LocalizerTests {
    func observation(
        _ indicator: String, _ area: String, _ sex: String, _ year: String, _ value: Double?, mult: Int? = nil
    ) -> Observation {
        Observation(
            key: SeriesKey(
                source: "city", indicator: indicator, area: area, dimensions: [.init(id: "Sex", value: sex)]),
            period: Period.parse(year)!, value: value,
            attributes: ObservationAttributes(unit: "PT", unitMultiplier: mult),
            location: SourceLocation(file: "f.csv", line: 2))
    }

    @Test func selectsByDimensionsAndSplitsByAreaAndDisaggregation() throws {
        let total = LocalIndicator(
            id: "adult_total", source: "city", selection: ["indicator": "AL", "sex": "_T"], sdg: [SDGCode("4.3.1")!])
        let bySex = LocalIndicator(
            id: "adult_by_sex", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])
        var localizer = Localizer(indicators: [total, bySex])
        for o in [
            observation("AL", "Riverton", "_T", "2016", 40), observation("AL", "Riverton", "_T", "2015", 39),
            observation("AL", "Riverton", "F", "2015", 41), observation("AL", "Lakeside", "_T", "2015", 35),
            observation("ESL", "Riverton", "_T", "2015", 12), observation("AL", "Riverton", "M", "2015", nil),
        ] { try localizer.add(o) }
        let series = try localizer.localizedSeries()
        let totals = series.filter { $0.indicator == "adult_total" }
        #expect(totals.map(\.area) == ["Lakeside", "Riverton"])
        #expect(totals.allSatisfy { $0.disaggregation.isEmpty })
        #expect(totals[1].readPoints().map(\.period.label) == ["2015", "2016"])
        #expect(totals[1].readPoints().map(\.value) == [39, 40])
        let disaggregated = series.filter { $0.indicator == "adult_by_sex" && $0.area == "Riverton" }
        #expect(disaggregated.map(\.disaggregation) == ["Sex=F", "Sex=M", "Sex=_T"])
        #expect(disaggregated[1].readPoints().map(\.value) == [nil])
        #expect(localizer.matchedObservations == ["adult_total": 3, "adult_by_sex": 5])
    }

    /// Observations are routed by indicator code; selections without that exact key are still tested on every one.
    @Test func routesByCodeAndStillHonoursOtherSelections() throws {
        let code = (0..<50).map {
            LocalIndicator(id: "i\($0)", source: "city", selection: ["indicator": "C\($0)"], sdg: [SDGCode("4.3.1")!])
        }
        let women = LocalIndicator(id: "women", source: "city", selection: ["Sex": "F"], sdg: [SDGCode("5.1.1")!])
        let inA = LocalIndicator(id: "in_a", source: "city", selection: ["area": "A"], sdg: [SDGCode("11.1")!])
        let other = LocalIndicator(
            id: "other", source: "national", selection: ["indicator": "C7"], sdg: [SDGCode("4.3.1")!])
        var localizer = Localizer(indicators: code + [women, inA, other])
        for o in [
            observation("C7", "A", "F", "2015", 1), observation("C7", "A", "M", "2015", 2),
            observation("C49", "B", "F", "2016", 3), observation("X", "A", "M", "2015", 4),
        ] { try localizer.add(o) }
        #expect(localizer.matchedObservations == ["i7": 2, "i49": 1, "women": 2, "in_a": 3])
        let series = try localizer.localizedSeries()
        #expect(
            series.filter { $0.indicator == "women" }.flatMap { $0.readPoints().map(\.value) }.sorted { $0! < $1! } == [
                1, 3,
            ])
        #expect(series.first { $0.indicator == "i49" }?.area == "B")
    }

    /// Targets are resolved once per series key; a key that comes back later, and units changing within a key, must
    /// still land in the right series and be seen.
    @Test func aSeriesKeyThatComesBackJoinsItsSeriesAndEveryUnitIsSeen() throws {
        let al = LocalIndicator(id: "al", source: "city", selection: ["indicator": "AL"], sdg: [SDGCode("4.3.1")!])
        var localizer = Localizer(indicators: [al])
        func o(_ area: String, _ year: String, _ unit: String) -> Observation {
            Observation(
                key: SeriesKey(source: "city", indicator: "AL", area: area), period: Period.parse(year)!, value: 1,
                attributes: ObservationAttributes(unit: unit), location: SourceLocation(file: "f.csv", line: 2))
        }
        for x in [
            o("A", "2015", "PT"), o("B", "2015", "PT"), o("A", "2016", "PT"), o("A", "2017", "NUMBER"),
            o("B", "2016", "PT"),
        ] {
            try localizer.add(x)
        }
        let series = try localizer.takeLocalizedSeries()
        #expect(series.map(\.area) == ["A", "B"])
        #expect(series.map { $0.readPoints().map(\.period.label) } == [["2015", "2016", "2017"], ["2015", "2016"]])
        #expect(localizer.unitsSeen["al"] == ["PT", "NUMBER"])
        #expect(localizer.matchedObservations == ["al": 5])
        #expect(try localizer.localizedSeries().isEmpty, "taken series are handed over, not kept")
    }

    @Test func appliesUnitMultiplier() throws {
        let indicator = LocalIndicator(
            id: "pop", source: "city", selection: ["indicator": "POP"], sdg: [SDGCode("11.1")!])
        var localizer = Localizer(indicators: [indicator])
        try localizer.add(observation("POP", "A", "_T", "2015", 1.5, mult: 3))
        try localizer.add(observation("POP", "A", "_T", "2016", 0.25, mult: -2))
        #expect(try localizer.localizedSeries()[0].readPoints().map(\.value) == [1500, 0.0025])
    }
}
