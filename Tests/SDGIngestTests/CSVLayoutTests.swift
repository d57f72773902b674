import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

func readCSV(_ data: Data, name: String = "feed.csv", options: SourceOptions = SourceOptions(name: "feed")) throws
    -> (observations: [Observation], rejects: [Reject], notices: [String])
{
    let dir = TemporaryDirectory()
    var observations: [Observation] = []
    var rejects: [Reject] = []
    var notices: [String] = []
    try LongCSVReader(path: dir.write(data, to: name), options: options).read { record in
        switch record {
        case .observation(let o): observations.append(o)
        case .reject(let r): rejects.append(r)
        case .notice(let d): notices.append(d.message)
        }
    }
    return (observations, rejects, notices)
}

func readCSV(_ text: String, name: String = "feed.csv", options: SourceOptions = SourceOptions(name: "feed")) throws
    -> (observations: [Observation], rejects: [Reject], notices: [String])
{
    try readCSV(Data(text.utf8), name: name, options: options)
}

@Suite struct CSVLayoutTests {
    @Test func wideLayoutHasPeriodsAsColumns() throws {
        let (obs, rejects, _) = try readCSV(
            "District,Indicator,2019,2020,2021\nNorth,ESL,12.1,..,11.0\nSouth,ESL,9.5,9.1,x\n")
        #expect(obs.count == 5 && rejects.count == 1)
        #expect(obs.map(\.period.label) == ["2019", "2020", "2021", "2019", "2020"])
        #expect(obs[1].value == nil && obs[0].key.area == "North")
        #expect(rejects[0].location.column == 5 && rejects[0].reason.contains("'x' is not a number"))
    }

    @Test func openSDGTidyFiles() throws {
        let text =
            "Year,Series,Sex,Units,Unit multiplier,Observation status,GeoCode,Value\n2015,Adults in learning,,Percentage (%),Units,Normal value,,40.5\n2015,Adults in learning,Female,Percentage (%),Thousands,Normal value,E92000001,41.0\n2016,Adults in learning,,Count,Units,Normal value,,1200\n"
        let (obs, rejects, _) = try readCSV(text, name: "indicator_4-3-1.csv")
        #expect(rejects.isEmpty && obs.count == 3)
        #expect(obs[0].key.indicator == "Adults in learning" && obs[0].key.area == "")
        #expect(obs[0].key.value(of: "Sex") == "_T", "a blank disaggregation is the total")
        #expect(
            obs[0].attributes
                == ObservationAttributes(unit: "Percentage (%)", unitMultiplier: 0, status: "Normal value"))
        #expect(obs[1].attributes.unitMultiplier == 3)
        #expect(obs[0].key != obs[2].key, "Units tell series apart")
        let noSeries = try readCSV("Year,Value\n2017,90\n2018,89\n", name: "indicator_10-x-2.csv")
        #expect(noSeries.observations.map(\.key.indicator) == ["10.x.2", "10.x.2"])
    }

    @Test func placeholderRowsAreNoticesNotRejects() throws {
        let (obs, rejects, notices) = try readCSV(
            "Year,Value\nThere is no data for this indicator yet,\n", name: "indicator_11-2-1.csv")
        #expect(obs.isEmpty && rejects.isEmpty)
        #expect(notices == ["placeholder row, no data: \"There is no data for this indicator yet\""])
    }

    @Test func periodRangesAreRejectedUnlessPlaced() throws {
        let text = "Year,Value\n2002/03-2007/08,1.69\n2007/08 to 2008/09,2.0\n"
        let strict = try readCSV(text, name: "indicator_10-1-1.csv")
        #expect(strict.observations.isEmpty && strict.rejects.map(\.code) == ["csv.period-range", "csv.period"])
        #expect(strict.rejects[0].reason.contains("set `range: start` or `range: end`"))
        var options = SourceOptions(name: "feed")
        options.range = .end
        let placed = try readCSV(text, name: "indicator_10-1-1.csv", options: options)
        #expect(placed.observations.map(\.period.start) == [2007, 2008])
        #expect(placed.observations[0].period.label == "2002/03-2007/08")
    }

    @Test func unSDGAPIExports() throws {
        let text =
            "Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,Source,FootNote,Nature,Units,[Sex],[Age]\n4,4.3,4.3.1,SE_ADT_EDUCTRN,Participation rate,826,United Kingdom,2016,45.1,2016,LFS,,C,PERCENT,FEMALE,25-64\n"
        let (obs, rejects, _) = try readCSV(text)
        #expect(rejects.isEmpty)
        let o = try #require(obs.first)
        #expect(o.key.indicator == "SE_ADT_EDUCTRN" && o.key.area == "United Kingdom")
        #expect(
            o.key.dimensions == [.init(id: "Age", value: "25-64"), .init(id: "Sex", value: "F")], "legacy FEMALE is F")
        #expect(o.attributes.unit == "PT" && o.attributes.status == "C", "legacy PERCENT is PT")
    }

    @Test func sdmxCSV() throws {
        let text =
            "DATAFLOW,FREQ,REF_AREA,SERIES,SEX,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,COMMENT_OBS\nIAEG-SDGs:DF_SDG_GLH(1.0),A,TM1,SE_ADT_EDUCTRN,F,2016,45.1,PT,0,A,estimate\n"
        let (obs, rejects, _) = try readCSV(text)
        #expect(rejects.isEmpty)
        let o = try #require(obs.first)
        #expect(
            o.key
                == SeriesKey(
                    source: "feed", indicator: "SE_ADT_EDUCTRN", area: "TM1",
                    dimensions: [.init(id: "FREQ", value: "A"), .init(id: "SEX", value: "F")]))
        #expect(o.attributes == ObservationAttributes(unit: "PT", unitMultiplier: 0, status: "A"))
    }

    @Test func latin1AndWindows1252() throws {
        // "Münster" and "Zürich" in Latin-1; a euro sign (0x80) and a curly quote (0x93) in Windows-1252.
        let latin1 =
            Data("area,period,value\n".utf8) + Data([0x4D, 0xFC, 0x6E, 0x73, 0x74, 0x65, 0x72]) + Data(",2015,1\n".utf8)
        var options = SourceOptions(name: "feed")
        options.encoding = .latin1
        #expect(try readCSV(latin1, options: options).observations.first?.key.area == "Münster")
        #expect(throws: IngestError.self) { _ = try readCSV(latin1) }
        let cp1252 =
            Data("area,period,value,note\nA,2015,1,".utf8) + Data([0x80, 0x20, 0x93, 0x78, 0x94]) + Data("\n".utf8)
        options.encoding = .windows1252
        #expect(
            try readCSV(cp1252, options: options).observations.first?.key.value(of: "note") == "€ \u{201C}x\u{201D}")
    }

    @Test func decimalCommaAndSemicolons() throws {
        let text = "area;period;value\nA;2015;12,5\nA;2016;1.234\n"
        let strict = try readCSV(text)
        #expect(strict.rejects.count == 1 && strict.rejects[0].reason.contains("set `decimal: \",\"`"))
        var options = SourceOptions(name: "feed")
        options.decimalComma = true
        #expect(try readCSV(text, options: options).observations.map(\.value) == [12.5, 1.234])
    }

    @Test func trimmedCellsAreNoticed() throws {
        let (obs, _, notices) = try readCSV("area,period,value\n Riverton ,2015, 3.5\n")
        #expect(obs.first?.key.area == "Riverton" && obs.first?.value == 3.5)
        #expect(notices == ["2 cells had leading or trailing spaces, which were removed"])
        // Each trimmed cell counts once, also a breakdown cell that starts a new series.
        let (byRow, _, counted) = try readCSV("area,sex,period,value\n A ,F,2015,1\n A ,F,2016,2\nB, M ,2015,3\n")
        #expect(byRow.map(\.key.disaggregation) == ["sex=F", "sex=F", "sex=M"])
        #expect(counted == ["3 cells had leading or trailing spaces, which were removed"])
    }
}

/// Every CSV of the corpus reads without error, with the counts a statistician can reconcile (skipped without ../shared).
@Suite(.enabled(if: sharedCorpus != nil, "../shared/corpus is absent: CSV corpus conformance skipped"))
struct CSVCorpusTests {
    /// (file, layout, observations, rejects, series)
    static let expected: [(String, CSVLayout, Int, Int, Int)] = [
        ("sdg-csv/ons-uk/data/indicator_1-2-1.csv", .openSDG, 294, 0, 21),
        ("sdg-csv/ons-uk/data/indicator_1-5-3.csv", .openSDG, 0, 0, 0),
        ("sdg-csv/ons-uk/data/indicator_10-1-1.csv", .openSDG, 0, 44, 0),
        ("sdg-csv/ons-uk/data/indicator_10-c-1.csv", .openSDG, 39, 0, 1),
        ("sdg-csv/ons-uk/data/indicator_11-2-1.csv", .openSDG, 0, 0, 0),
        ("sdg-csv/ons-uk/data/indicator_11-6-2.csv", .openSDG, 842, 0, 144),
        ("sdg-csv/ons-uk/data/indicator_11-7-1.csv", .openSDG, 4, 0, 4),
        ("sdg-csv/ons-uk/data/indicator_4-6-1.csv", .openSDG, 117, 0, 9),
        ("sdg-csv/canada/data/indicator_1-2-1.csv", .openSDG, 2162, 0, 262),
        ("sdg-csv/canada/data/indicator_1-3-1.csv", .openSDG, 114, 0, 19),
        ("sdg-csv/canada/data/indicator_11-1-1.csv", .openSDG, 203, 0, 69),
        ("sdg-csv/los-angeles/data/indicator_1-1-1.csv", .openSDG, 168, 0, 21),
        ("sdg-csv/los-angeles/data/indicator_10-x-2.csv", .openSDG, 3, 0, 1),
        ("sdg-csv/los-angeles/data/indicator_5-1-1.csv", .openSDG, 164, 0, 164),
        ("sdg-csv/bristol/data/indicator_4-1-1.csv", .openSDG, 102, 0, 12),
        (
            "sdg-csv/unsd-via-gapminder-ddf/ddf--datapoints--en_ref_wascol--by--cities--geo_area--nature--units--year.csv",
            .ddf, 261, 0, 250
        ),
        ("sdmx-csv/v2-spec-examples/example-01.csv", .sdmxCSV, 2, 0, 1),
        ("sdmx-csv/v2-spec-examples/example-07.csv", .sdmxCSV, 2, 0, 1),
    ]

    @Test func everyFileReadsWithItsCounts() throws {
        let corpus = try #require(sharedCorpus)
        for (file, layout, observations, rejects, series) in Self.expected {
            let path = corpus.appendingPathComponent(file).path
            let reader = LongCSVReader(path: path, options: SourceOptions(name: "c"))
            #expect(try reader.layout().layout == layout.rawValue, "\(file)")
            var count = 0
            var rejected = 0
            var keys = Set<SeriesKey>()
            try reader.read { record in
                if case .observation(let o) = record {
                    count += 1
                    keys.insert(o.key)
                }
                if case .reject = record { rejected += 1 }
            }
            #expect(
                count == observations && rejected == rejects && keys.count == series,
                "\(file): \(count) observations, \(rejected) rejects, \(keys.count) series")
        }
    }

    @Test func everyCSVInTheCorpusReadsWithoutError() throws {
        let corpus = try #require(sharedCorpus)
        var total = 0
        for folder in ["sdg-csv", "sdmx-csv"] {
            let root = corpus.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".csv") && !$0.contains("csv-meta") && !$0.hasSuffix("mapping.csv") }
            total += files.count
            for file in files {
                var options = SourceOptions(name: "c")
                options.decimalComma = file.hasSuffix("example-04.csv")
                try LongCSVReader(path: root.appendingPathComponent(file).path, options: options).read { _ in }
            }
        }
        #expect(total >= 25)
    }
}
