import Testing

@testable import SDGCore

private let forms: [(String, Double, Period.Frequency)] = [
    ("2015", 2015.0, .annual),
    ("2013-Q1", 2013.0, .quarterly), ("2013 Q3", 2013.5, .quarterly), ("2013Q4", 2013.75, .quarterly),
    ("2013-03", 2013.0 + 2.0 / 12.0, .monthly), ("2013-M12", 2013.0 + 11.0 / 12.0, .monthly),
    ("2013-S2", 2013.5, .halfYear), ("2013-H1", 2013.0, .halfYear),
    ("2013-W01", 2013.0, .weekly),
    ("2013-01-01", 2013.0, .daily), ("2016-12-31", 2016.0 + 365.0 / 366.0, .daily),
    ("2016-03-01T12:00:00", 2016.0 + 60.0 / 366.0, .daily),
    ("2009/10", 2009.0, .schoolYear), ("2014/2015", 2014.0, .schoolYear), ("1999/00", 1999.0, .schoolYear),
    (" 2015 ", 2015.0, .annual),
]

@Suite struct PeriodTests {
    @Test(arguments: forms)
    func readsEveryForm(label: String, start: Double, frequency: Period.Frequency) throws {
        let period = try #require(Period.parse(label))
        #expect(abs(period.start - start) < 1e-12)
        #expect(period.frequency == frequency)
        #expect(period.label == label.trimmingASCIIWhitespace())
    }

    @Test(arguments: [
        "", "15", "abcd", "2013-13", "2013-Q5", "2013-Q0", "2013-W54", "2013-02-30", "2009/11", "2014/2016",
        "2002/03-2007/08", "2007/08 to 2008/09", "0999", "2015.5", "2013-S3",
    ])
    func rejectsWhatIsNotAPeriod(label: String) {
        #expect(Period.parse(label) == nil)
    }

    @Test func ordersByStartNotLabel() {
        let labels = ["2014", "2013-Q4", "2013/14", "2013-Q1", "2012"]
        let sorted = labels.compactMap { Period.parse($0) }.sorted().map(\.label)
        #expect(sorted == ["2012", "2013-Q1", "2013/14", "2013-Q4", "2014"])
    }

    @Test func spellingsOfOnePeriodAreEqual() {
        #expect(Period.parse("2013 Q1") == Period.parse("2013-Q1"))
        #expect(Period.parse("2013") != Period.parse("2013-01"))
    }
}

@Suite struct SeriesKeyTests {
    @Test func dimensionOrderDoesNotMatter() {
        let a = SeriesKey(
            source: "s", indicator: "X", area: "A",
            dimensions: [.init(id: "sex", value: "F"), .init(id: "age", value: "Y25T64")])
        let b = SeriesKey(
            source: "s", indicator: "X", area: "A",
            dimensions: [.init(id: "age", value: "Y25T64"), .init(id: "sex", value: "F")])
        #expect(a == b)
        #expect(a.disaggregation == "age=Y25T64;sex=F")
        #expect(a.value(of: "area") == "A")
        #expect(a.value(of: "sex") == "F")
        #expect(a.value(of: "urbanisation") == nil)
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsTheClosestKeys() {
        #expect(Suggestion.nearest(to: "sorces", in: ["sources", "indicators", "actions"]) == ["sources"])
        #expect(Suggestion.nearest(to: "xyz", in: ["sources", "indicators"]).isEmpty)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(
            Suggestion.phrase(for: "adult_learnig", in: ["adult_learning_rate", "adult_learning"])
                == " Did you mean 'adult_learning'?")
    }
}
