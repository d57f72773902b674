import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Duplicate observations (same series key and period) become rejects, found in memory that grows with series, not
/// observations.
@Suite struct DuplicateCheckTests {
    let dir = TemporaryDirectory()

    func inspect(_ csv: String) throws -> FeedReport {
        let path = dir.write(csv, to: "feed.csv")
        var sink = DiscardingSink()
        return try FeedReader(
            source: SourceEntry(
                name: "feed", url: URL(fileURLWithPath: path), displayPath: path, format: .auto,
                options: SourceOptions(name: "feed"), line: nil)
        ).read(into: &sink)
    }

    @Test func aRowPastedTwiceIsARejectNamingTheFirstLine() throws {
        let feed = try inspect(
            "area,indicator,period,value\nRiverton,ESL,2015,12\nRiverton,ESL,2016,11\nRiverton,ESL,2015,12\n")
        #expect(feed.observations == 2)  // the reject is counted apart
        #expect(feed.rejects.count == 1)
        let reject = try #require(feed.rejects.first)
        #expect(reject.code == "duplicate-observation")
        #expect(reject.location.line == 4)
        #expect(reject.reason.contains("already read at line 2"), "\(reject.reason)")
    }

    @Test func aDuplicateAfterOtherSeriesIsStillFoundAndSaysSo() throws {
        let feed = try inspect(
            """
            area,indicator,period,value
            Riverton,ESL,2015,12
            Lakeside,ESL,2015,9
            Riverton,ESL,2016,11
            Riverton,ESL,2015,13
            Lakeside,ESL,2016,8

            """)
        #expect(feed.series == 2)
        #expect(feed.rejects.map(\.location.line) == [5])
        #expect(feed.rejects.first?.reason.contains("earlier in the file") == true)
    }

    @Test func theSameStartAtAnotherFrequencyIsNotADuplicate() throws {
        let feed = try inspect("area,indicator,period,value\nR,X,2015,1\nR,X,2015-Q1,2\nR,X,2015-01,3\nR,X,2015-Q1,4\n")
        #expect(feed.rejects.map(\.location.line) == [5])
        #expect(feed.rejects.first?.reason.contains("line 3") == true)
    }

    @Test func periodsOutOfOrderAreChecked() throws {
        let feed = try inspect(
            "area,indicator,period,value\nR,X,2019,1\nR,X,2015,2\nR,X,2017,3\nR,X,2015,4\nR,X,2019,5\n")
        #expect(feed.rejects.map(\.location.line) == [5, 6])
        #expect(feed.rejects.map { $0.reason.contains("line 3") } == [true, false])
        #expect(feed.rejects.last?.reason.contains("line 2") == true)
    }

    /// Series interrupted by others and resumed, some short and annual (kept in 8 bytes), some long and monthly
    /// (kept whole), against a plain set of (series, period).
    @Test func interleavedSeriesAgreeWithASetOfObservations() {
        var generator = SystemRandomNumberGenerator()
        let keys = (0..<40).map { SeriesKey(source: "s", indicator: "I\($0 % 4)", area: "A\($0)") }
        let periods: [[Period]] = keys.indices.map { i in
            i % 3 == 0
                ? (2000...2010).flatMap { y in (1...12).map { Period.parse(String(format: "%d-%02d", y, $0))! } }
                : (1990...2030).map { Period.parse("\($0)")! }
        }
        for _ in 0..<20 {
            var check = DuplicateCheck()
            var reference = Set<String>()
            for line in 0..<3000 {
                let i = Int.random(in: 0..<keys.count, using: &generator)
                let p = periods[i].randomElement(using: &generator)!
                let fresh = reference.insert("\(i) \(p.label)").inserted
                let verdict = check.check(key: keys[i], period: p, line: line)
                #expect((verdict == .new) == fresh, "series \(i) \(p.label)")
            }
            #expect(check.seriesCount == Set(reference.map { $0.split(separator: " ")[0] }).count)
        }
    }

    /// The bitmaps against a plain set of periods, on random sequences of every frequency, including periods before
    /// the first one (the bitmap grows downwards) and far apart.
    @Test func periodSetAgreesWithASetOfPeriods() {
        var generator = SystemRandomNumberGenerator()
        let labels: [String] =
            (1990...2030).flatMap { y in
                [
                    "\(y)", "\(y)/\(String(y + 1).suffix(2))", "\(y)-S\(Int.random(in: 1...2, using: &generator))",
                    "\(y)-Q\(Int.random(in: 1...4, using: &generator))",
                    String(format: "%d-%02d", y, Int.random(in: 1...12, using: &generator)),
                    String(format: "%d-W%02d", y, Int.random(in: 1...52, using: &generator)),
                    String(
                        format: "%d-%02d-%02d", y, Int.random(in: 1...12, using: &generator),
                        Int.random(in: 1...28, using: &generator)),
                ]
            } + ["1000", "2999", "2016-12-31", "2016-01-01", "2015-12-31", "2015-W53", "2016-W01"]
        let periods = labels.map { Period.parse($0)! }
        for _ in 0..<200 {
            var set = PeriodSet()
            var reference = Set<Period>()
            for _ in 0..<300 {
                let p = periods.randomElement(using: &generator)!
                #expect(set.insert(p) == reference.insert(p).inserted, "\(p.label)")
                // The 8-byte form a finished series keeps must give back the same set.
                if Int.random(in: 0..<4, using: &generator) == 0, let stored = set.stored { set = PeriodSet(stored) }
            }
        }
    }
}
