import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// A column that labels rows rather than series (a record id under a header of its own) made every row a series:
/// the feed says which column it is and `ignore:` takes it out of the key.
@Suite struct SplitSeriesTests {
    /// 12 municipalities (codes with leading zeros) × 2 sexes × 6 years, one row each, with a case reference per row
    /// (not a run of integers, so not taken for a record number).
    static func recordsWithIDs(years: ClosedRange<Int> = 2015...2020) -> String {
        var lines = ["ref,area,indicator,sex,year,value"]
        var id = 1000
        for m in 1...12 {
            for sex in ["F", "M"] {
                for year in years {
                    id += 1
                    lines.append(
                        "C-\(id * 7 % 9973),\(String(format: "%04d", m)),LIB_VISITS,\(sex),\(year),\(m * 10 + year - 2000)"
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func read(_ text: String, options: SourceOptions = SourceOptions(name: "city")) throws -> FeedReport {
        let dir = TemporaryDirectory()
        let path = dir.write(text, to: "records.csv")
        let source = SourceEntry(
            name: options.name, url: URL(fileURLWithPath: path), displayPath: path, format: .csv, options: options,
            line: nil)
        var sink = DiscardingSink()
        return try FeedReader(source: source).read(into: &sink)
    }

    @Test func aRecordIDIsNamedAndItsIgnoreAdviceWorks() throws {
        let split = try read(Self.recordsWithIDs())
        #expect(split.series == 144, "one series a row")
        let warning = try #require(split.notices.first { $0.code == .splitSeries })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("144 of 144 series"), "\(warning.message)")
        #expect(warning.message.contains("`ref`") && !warning.message.contains("`sex`"), "\(warning.message)")
        #expect(warning.message.contains("would be 24 series"), "\(warning.message)")
        // The advice, followed as written.
        let advice = try #require(warning.message.range(of: #"ignore: \[[^\]]*\]"#, options: .regularExpression))
        let ignored = warning.message[advice].dropFirst("ignore: [".count).dropLast()
        var options = SourceOptions(name: "city")
        options.ignore = ignored.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let fixed = try read(Self.recordsWithIDs(), options: options)
        #expect(fixed.series == 24 && fixed.observations == 144 && fixed.rejects.isEmpty)
        #expect(fixed.notices.allSatisfy { $0.code != .splitSeries })
    }

    @Test func oneYearOfManyAreasIsNotASplit() throws {
        // A census round: one observation per series is what the file is, and no column joins periods.
        let report = try read(Self.recordsWithIDs(years: 2021...2021))
        #expect(report.series == 24)
        #expect(report.notices.allSatisfy { $0.code != .splitSeries }, "\(report.notices)")
    }

    @Test func aFewOnePointSeriesAmongLongOnesAreNotASplit() throws {
        var text = Self.recordsWithIDs().split(separator: "\n").map {
            String($0.split(separator: ",", maxSplits: 1)[1])
        }
        text += ["0013,LIB_VISITS,F,2020,4", "0014,LIB_VISITS,F,2020,5"]
        let report = try read(text.joined(separator: "\n") + "\n")
        #expect(report.series == 26)
        #expect(report.notices.allSatisfy { $0.code != .splitSeries })
    }

    @Test func anIgnoredColumnMustExistAndNotBeARole() throws {
        var options = SourceOptions(name: "city")
        options.ignore = ["record_id"]
        #expect {
            try read(Self.recordsWithIDs(), options: options)
        } throws: { error in
            let text = "\(error)"
            return text.contains("records.csv:1: `ignore:` names column 'record_id'")
                && text.contains("the header does not have") && text.contains("ref, area, indicator, sex, year, value")
        }
        options.ignore = ["year"]
        options.columns[.period] = "year"
        #expect {
            try read(Self.recordsWithIDs(), options: options)
        } throws: { error in "\(error)".contains("which `columns:` also reads as the period") }
    }

    @Test func anIgnoredSDMXDimensionLeavesTheKey() throws {
        var xml = messageHead
        for (n, year) in (2015...2018).enumerated() {
            xml += """
                <g:Series><g:SeriesKey><g:Value id="REF_AREA" value="0101"/><g:Value id="SERIES" value="LIB"/>
                <g:Value id="RECORD" value="r\(n)"/></g:SeriesKey>
                <g:Obs><g:ObsDimension value="\(year)"/><g:ObsValue value="\(n)"/></g:Obs></g:Series>
                """
        }
        xml += "</m:DataSet></m:GenericData>"
        var options = SourceOptions(name: "un")
        #expect(Set(try readSDMX(xml, options: options).observations.map(\.key)).count == 4)
        options.ignore = ["RECORD"]
        let read = try readSDMX(xml, options: options)
        #expect(Set(read.observations.map(\.key)).count == 1 && read.observations.count == 4)
        #expect(read.observations[0].key.dimensions.isEmpty && read.observations[0].key.area == "0101")
    }
}
