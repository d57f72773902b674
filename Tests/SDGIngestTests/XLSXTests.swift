import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Excel workbooks (samples/formats/city-statistics.xlsx, written by samples/formats/generate_xlsx.py in the shape
/// Excel saves: shared strings, rich text, date formats, a row left out, error cells) read through the CSV layouts.
@Suite struct XLSXTests {
    let workbook = packageRoot.appendingPathComponent("samples/formats/city-statistics.xlsx").path

    func read(sheet: String?, path: String? = nil) throws -> FeedReport {
        var options = SourceOptions(name: "cbs")
        options.sheet = sheet
        let entry = SourceEntry(
            name: "cbs", url: URL(fileURLWithPath: path ?? workbook), displayPath: path ?? workbook, format: .auto,
            options: options, line: nil)
        var sink = Collected()
        return try FeedReader(source: entry).read(into: &sink)
    }

    struct Collected: ObservationSink {
        var observations: [Observation] = []
        var rejects: [Reject] = []
        mutating func take(_ batch: ObservationBatch) throws {
            try batch.forEachRecord { record in
                switch record {
                case .observation(let o): observations.append(o)
                case .reject(let r): rejects.append(r)
                case .notice: break
                }
            }
        }
    }

    func records(sheet: String?) throws -> Collected {
        var options = SourceOptions(name: "cbs")
        options.sheet = sheet
        let csv = try CSVSource(path: workbook, options: options)
        defer { csv.finish() }
        var out = Collected()
        try csv.reader.readBatches { try out.take($0) }
        return out
    }

    @Test func aLongSheetReadsWithRowNumbersAsLines() throws {
        let got = try records(sheet: "Long data")
        #expect(got.observations.count == 5)
        #expect(abs(got.observations.compactMap(\.value).reduce(0, +) - 45.75) < 1e-12)
        #expect(got.observations.map(\.key.area) == ["0363", "0363", "0363", "0344", "0344, Utrecht \"centre\""])
        #expect(got.observations.map(\.period.label) == ["2019", "2020", "2019", "2019", "2019"])
        #expect(
            got.observations.map { $0.key.value(of: "updated") } == [
                "2020-03-31", "2021-03-31", "2020-03-31", "2020-03-31", "2020-03-31",
            ], "date serials in the built-in and a custom date format")
        #expect(got.observations.map(\.location.line) == [2, 3, 4, 6, 9], "row 5 is left out, row 7 is empty")
        #expect(got.rejects.map(\.location.line) == [8, 10, 11])
        #expect(got.rejects.map(\.location.column) == [5, 5, 4])
        #expect(got.rejects[0].reason.contains("'n/a' is not a number") && got.rejects[1].reason.contains("'#N/A'"))
        #expect(got.rejects[2].raw.hasPrefix("Library visits"), "a rich-text cell's runs, without its phonetic run")
        #expect(got.rejects[0].location.file.hasSuffix("city-statistics.xlsx[Long data]"))
    }

    @Test func aWideSheetByItsNumber() throws {
        let got = try records(sheet: "3")
        #expect(got.observations.count == 6 && got.rejects.isEmpty)
        #expect(got.observations.compactMap(\.value) == [3, 3.25, 2.5, 3.5, 4.5])
        #expect(got.observations[4].value == nil && got.observations[4].period.label == "2019")
    }

    /// The first sheet is a cover page: the error names the other sheets, and reading one of them as it advises works.
    @Test func aCoverSheetFirstNamesTheOthersAndTheAdviceWorks() throws {
        var message = ""
        #expect {
            _ = try read(sheet: nil)
        } throws: { error in
            message = "\(error)"
            return message.contains("its sheet 'Notes' has no table header") && message.contains("`sheet:`")
        }
        let named = try #require(message.components(separatedBy: "the workbook also has '").dropFirst().first)
        let first = String(named.prefix { $0 != "'" })
        #expect(first == "Long data")
        let report = try read(sheet: first)
        #expect(report.records == 8 && report.rejects.count == 3)
    }

    /// A title above the table: the error says to set `header_row:`, and doing so reads the table with its rows'
    /// own numbers.
    @Test func aTitleAboveTheHeaderAndTheAdviceWorks() throws {
        #expect {
            _ = try records(sheet: "Titled")
        } throws: { error in
            "\(error)".contains("its sheet 'Titled' has no table header") && "\(error)".contains("set `header_row:`")
                && !"\(error)".contains("the workbook also has")
        }
        var options = SourceOptions(name: "cbs")
        (options.sheet, options.headerRow) = ("Titled", 3)
        let csv = try CSVSource(path: workbook, options: options)
        defer { csv.finish() }
        var got = Collected()
        try csv.reader.readBatches { try got.take($0) }
        #expect(got.observations.count == 1 && got.observations[0].value == 2.75)
        #expect(got.observations[0].location.line == 4 && got.rejects.map(\.location.line) == [5])
    }

    /// Merged cells: a header merged down two rows and an area merged down its indicators' rows are on every row.
    @Test func mergedCellsFillTheirRange() throws {
        var options = SourceOptions(name: "cbs")
        (options.sheet, options.headerRow) = ("Merged", 2)
        let csv = try CSVSource(path: workbook, options: options)
        defer { csv.finish() }
        #expect(try csv.reader.layout().columns == ["area", "indicator", "2019", "2020", "2021"])
        var got = Collected()
        try csv.reader.readBatches { try got.take($0) }
        #expect(got.rejects.isEmpty && got.observations.count == 6)
        #expect(got.observations.map(\.key.area) == Array(repeating: "0363", count: 6))
        #expect(
            got.observations.map(\.key.indicator) == [
                "LIB_VISITS", "LIB_VISITS", "LIB_VISITS", "ADULT_LEARN", "ADULT_LEARN", "ADULT_LEARN",
            ])
        #expect(got.observations.map(\.location.line) == [3, 3, 3, 4, 4, 4])
    }

    @Test func anUnknownSheetListsTheSheets() throws {
        #expect {
            _ = try records(sheet: "Long dat")
        } throws: { error in
            let text = "\(error)"
            return text.contains("no sheet 'Long dat'") && text.contains("'Long data'")
                && text.contains("'Notes', 'Long data', 'Wide', 'Titled', 'Merged'") && text.contains("1 to 5")
        }
    }

    @Test func aFileNamedXLSXThatIsNotAWorkbook() throws {
        let dir = TemporaryDirectory("xlsx")
        let fake = dir.write("area,year,value\nA,2020,1\n", to: "export.xlsx")
        #expect {
            _ = try records(sheet: nil, at: fake)
        } throws: { "\($0)".contains("named as an Excel workbook but is not one") }
    }

    func records(sheet: String?, at path: String) throws -> Collected {
        var options = SourceOptions(name: "cbs")
        options.sheet = sheet
        let csv = try CSVSource(path: path, options: options)
        defer { csv.finish() }
        var out = Collected()
        try csv.reader.readBatches { try out.take($0) }
        return out
    }

    @Test func columnLettersAndDates() {
        #expect(XLSXSheet.columnIndex("A1") == 0 && XLSXSheet.columnIndex("Z9") == 25)
        #expect(XLSXSheet.columnIndex("AA10") == 26 && XLSXSheet.columnIndex("XFD1") == 16383)
        #expect(XLSXSheet.date(serial: 43921, from1904: false) == "2020-03-31")
        #expect(XLSXSheet.date(serial: 1, from1904: false) == "1900-01-01")
        #expect(XLSXSheet.date(serial: 61, from1904: false) == "1900-03-01", "after Excel's 29 February 1900")
        #expect(XLSXSheet.date(serial: 0, from1904: true) == "1904-01-01")
        #expect(XLSXSheet.isDateFormat("yyyy\\-mm\\-dd") && XLSXSheet.isDateFormat("d/m/yy"))
        #expect(
            !XLSXSheet.isDateFormat("0.00") && !XLSXSheet.isDateFormat("\"days\" 0")
                && !XLSXSheet.isDateFormat("[Red]0"))
    }
}
