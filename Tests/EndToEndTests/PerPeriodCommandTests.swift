import Foundation
import SDGTestSupport
import Testing

/// One local indicator over two source indicators gathers two values a period: `validate` refuses it, `run` warns,
/// and the advice (`per_period:`) followed makes one value a period, in the YAML crosswalk and the CSV one alike.
@Suite struct PerPeriodCommandTests {
    static let feed = """
        area,indicator,year,value
        0101,LIB_BOOKS,2012,3.0
        0101,LIB_BOOKS,2013,4.0
        0101,LIB_EBOOKS,2012,5.0
        0101,LIB_EBOOKS,2013,
        0202,LIB_BOOKS,2012,2.0
        0202,LIB_EBOOKS,2012,1.0
        0202,LIB_EBOOKS,2013,6.5

        """

    static func pipeline(_ record: String) -> String {
        """
        pipeline: loans
        sources:
          feed: {path: feed.csv}
        \(record)
        outputs: {dir: out, tables: [csv], report: none, opensdg: true}

        """
    }

    /// The Open SDG data file's rows (year, area, value): the localized series as published.
    func published(_ dir: TemporaryDirectory) throws -> [String] {
        let text = try String(
            contentsOf: dir.url.appendingPathComponent("out/opensdg/data/indicator_4-6-1.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[0]) \(cells[1]) \(cells.last!)"
        }
    }

    @Test func severalValuesInAPeriodAreRefusedAndTheAdviceWorks() throws {
        let dir = TemporaryDirectory()
        dir.write(Self.feed, to: "feed.csv")
        dir.write(
            Self.pipeline("indicators:\n  - {id: loans, from: {source: feed}, sdg: [4.6.1]}"), to: "p.yaml")
        let refused = try CLI.run(["validate", "p.yaml"], in: dir.url)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "p.yaml:5: indicator 'loans' gathers several values for one period in 0101 (its selection matches more than one source series); add the distinguishing dimensions to `from.where`, or combine them with `per_period: mean` (or sum, median, min, max)"
            ), "\(refused.stderr)")
        let warned = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(warned.status == 0 && warned.stderr.contains("warning: p.yaml:5: indicator 'loans' gathers"))
        #expect(try published(dir).filter { $0.hasPrefix("2012 0101") }.count == 2, "both values kept as they are")

        // The advice, followed: one value a period. A sum with a missing part is missing (0101 in 2013); a period
        // with one value keeps it (0202 in 2013).
        let expected: [String: [String]] = [
            "sum": ["2012 0101 8", "2012 0202 3", "2013 0202 6.5"],
            "mean": ["2012 0101 4", "2013 0101 4", "2012 0202 1.5", "2013 0202 6.5"],
            "max": ["2012 0101 5", "2013 0101 4", "2012 0202 2", "2013 0202 6.5"],
        ]
        for (combination, rows) in expected {
            dir.write(
                Self.pipeline(
                    "indicators:\n  - {id: loans, from: {source: feed}, sdg: [4.6.1], per_period: \(combination)}"),
                to: "p.yaml")
            let validated = try CLI.run(["validate", "p.yaml"], in: dir.url)
            #expect(validated.status == 0 && !validated.stderr.contains("several values"), "\(validated.stderr)")
            let run = try CLI.run(["run", "p.yaml", "--force"], in: dir.url)
            #expect(run.status == 0 && !run.stderr.contains("several values"), "\(run.stderr)")
            #expect(try published(dir) == rows, "\(combination)")
        }
    }

    @Test func theCSVCrosswalkHasTheColumnAndAWrongValueNamesTheChoices() throws {
        let dir = TemporaryDirectory()
        dir.write(Self.feed, to: "feed.csv")
        dir.write("id,source,sdg,per_period\nloans,feed,4.6.1,median\n", to: "crosswalk.csv")
        dir.write(Self.pipeline("crosswalk: crosswalk.csv"), to: "p.yaml")
        let run = try CLI.run(["run", "p.yaml"], in: dir.url)
        #expect(run.status == 0 && !run.stderr.contains("several values"), "\(run.stderr)")
        #expect(try published(dir) == ["2012 0101 4", "2013 0101 4", "2012 0202 1.5", "2013 0202 6.5"])

        dir.write("id,source,sdg,per_period\nloans,feed,4.6.1,average\n", to: "crosswalk.csv")
        let wrong = try CLI.run(["validate", "p.yaml"], in: dir.url)
        #expect(wrong.status == 2)
        #expect(
            wrong.stderr.contains("crosswalk.csv:2")
                && wrong.stderr.contains(
                    "`per_period` is 'average'; expected one of mean, sum, median, min, max"),
            "\(wrong.stderr)")
    }
}
