import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

@Suite struct LongCSVReaderTests {
    func read(_ text: String, options: SourceOptions = SourceOptions(name: "city")) throws -> (
        observations: [Observation], rejects: [Reject]
    ) {
        let dir = TemporaryDirectory()
        var observations: [Observation] = []
        var rejects: [Reject] = []
        try LongCSVReader(path: dir.write(text, to: "city.csv"), options: options).read { record in
            switch record {
            case .observation(let o): observations.append(o)
            case .reject(let r): rejects.append(r)
            case .notice: break
            }
        }
        return (observations, rejects)
    }

    /// `Double(_:)` stops at a NUL: `12<NUL>abc` was read as 12.
    @Test func aByteLeftAfterANumberIsAReject() throws {
        let r = try read("area,indicator,period,value\nA,X,2015,12\u{0}abc\nA,X,2016,3\nA,X,2017,4 5\n")
        #expect(r.observations.map(\.value) == [3])
        #expect(r.rejects.map { $0.location.line ?? 0 } == [2, 4])
        #expect(r.rejects[0].reason.contains("'12\\u{0}abc' is not a number"), "\(r.rejects[0].reason)")
    }

    @Test func messagesQuoteAtMost200CharactersOfACell() throws {
        let long = String(repeating: "y", count: 5000)
        let r = try read("area,indicator,period,value\nA,X,2015,\(long)\n")
        #expect(r.rejects.count == 1 && r.rejects[0].reason.count < 400)
        #expect(r.rejects[0].reason.contains("(5000 characters)"))
    }

    /// Known periods are found by the cell's bytes: spaced, long, quarterly and unreadable labels must still come
    /// out as the text path reads them (trimmed and counted, parsed, or rejected every time).
    @Test func periodsFoundByTheirBytesMatchTheTextPath() throws {
        let dir = TemporaryDirectory()
        let csv =
            "area,indicator,period,value\nA,X,2015,1\nA,X, 2016,2\nA,X,2016,3\nB,X,2015,4\nB,X,2016 ,5\n"
            + "C,X,2015-01-15,6\nC,X,2015-Q1,7\nD,X,2015-Q1,8\nD,X,20x5,9\nE,X,20x5,10\n"
        var labels: [String] = []
        var starts: [Double] = []
        var rejects: [Int] = []
        var notices: [String] = []
        try LongCSVReader(path: dir.write(csv, to: "city.csv"), options: SourceOptions(name: "city")).read { record in
            switch record {
            case .observation(let o):
                labels.append(o.period.label)
                starts.append(o.period.start)
            case .reject(let r): rejects.append(r.location.line ?? 0)
            case .notice(let d): notices.append(d.message)
            }
        }
        #expect(labels == ["2015", "2016", "2016", "2015", "2016", "2015-01-15", "2015-Q1", "2015-Q1"])
        #expect(starts[6] == 2015 && starts[7] == 2015)
        #expect(rejects == [10, 11])
        #expect(notices == ["2 cells had leading or trailing spaces, which were removed"])
    }

    @Test func readsRolesAndDimensions() throws {
        let (obs, rejects) = try read(
            "Area,Indicator,Sex,Year,Value,Unit,OBS_STATUS\nRiverton,ADULT_LEARN,F,2015,41.5,percent,E\n")
        #expect(rejects.isEmpty)
        let o = try #require(obs.first)
        #expect(o.key.area == "Riverton" && o.key.indicator == "ADULT_LEARN" && o.key.source == "city")
        #expect(o.key.dimensions == [.init(id: "Sex", value: "F")])
        #expect(o.period.label == "2015" && o.value == 41.5)
        #expect(o.attributes == ObservationAttributes(unit: "percent", status: "E"))
        #expect(o.location.line == 2)
    }

    @Test func missingMarkersKeepTheObservationWithoutAValue() throws {
        let (obs, rejects) = try read("area,period,value\nA,2015,..\nA,2016,\nA,2017,NA\nA,2018,-\nA,2019,NaN\n")
        #expect(rejects.isEmpty)
        #expect(obs.count == 5)
        #expect(obs.allSatisfy { $0.value == nil })
    }

    @Test func badRowsAreRejectedWithLineAndReason() throws {
        let text =
            "area,period,value\nA,2015,12.5\nA,2016,2.71*\nA,20x6,3\nA,2017\nA,2018,4,extra\nA,2019,inf\nA,2020,\"1\"x\n"
        let (obs, rejects) = try read(text)
        #expect(obs.count == 1)
        #expect(
            rejects.map(\.code) == [
                "csv.value-not-a-number", "csv.period", "csv.field-count", "csv.field-count",
                "csv.value-not-a-number", "csv.malformed-quotes",
            ])
        #expect(rejects.map { $0.location.line } == [3, 4, 5, 6, 7, 8])
        #expect(rejects[0].raw == "A,2016,2.71*")
        #expect(rejects[0].location.column == 3)
        #expect(rejects[0].reason.contains("'2.71*' is not a number"))
        #expect(rejects[2].reason.contains("too few fields"))
        #expect(rejects[3].reason.contains("too many fields"))
    }

    @Test func columnRolesFromOptionsAndDefaults() throws {
        var options = SourceOptions(
            name: "districts", columns: [.area: "District", .value: "Rate"], defaults: [.indicator: "ESL"])
        options.missingMarkers = ["x"]
        let (obs, rejects) = try read("District,TIME,Rate\nNorth,2019,x\nSouth,2019-Q2,7\n", options: options)
        #expect(rejects.isEmpty)
        #expect(obs.map(\.key.area) == ["North", "South"])
        #expect(obs.map(\.key.indicator) == ["ESL", "ESL"])
        #expect(obs.map(\.value) == [nil, 7])
    }

    @Test func aMissingRequiredColumnNamesTheHeader() throws {
        #expect {
            _ = try read("area,year,amount\nA,2015,1\n")
        } throws: { error in
            guard case .missingColumn(_, let role, _, let header) = error as? IngestError else { return false }
            return role == "value" && header == ["area", "year", "amount"] && "\(error)".contains("columns: {value:")
        }
    }
}

/// pandas' `to_csv` writes its index as a first column without a name (`Unnamed: 0` once read back and written
/// again): it must not split the series, one per row.
@Suite struct IndexColumnTests {
    func read(_ text: String, options: SourceOptions = SourceOptions(name: "city")) throws -> (
        observations: [Observation], notices: [Diagnostic]
    ) {
        let dir = TemporaryDirectory()
        var observations: [Observation] = []
        var notices: [Diagnostic] = []
        try LongCSVReader(path: dir.write(text, to: "city.csv"), options: options).read { record in
            switch record {
            case .observation(let o): observations.append(o)
            case .reject(let r): Issue.record("unexpected reject \(r)")
            case .notice(let n): notices.append(n)
            }
        }
        return (observations, notices)
    }

    @Test(arguments: ["", "Unnamed: 0"])
    func aNamelessFirstColumnIsLeftOutOfTheKey(_ name: String) throws {
        let body = "0,0101,ADULT_LEARN,F,2015,3.5\n1,0101,ADULT_LEARN,F,2016,3.7\n2,0101,ADULT_LEARN,M,2015,2.9\n"
        let plain = try read(
            "area,indicator,sex,period,value\n"
                + body.split(separator: "\n").map {
                    $0.split(separator: ",", maxSplits: 1)[1]
                }.joined(separator: "\n") + "\n")
        let indexed = try read("\(name),area,indicator,sex,period,value\n" + body)
        #expect(indexed.observations.map(\.key) == plain.observations.map(\.key))
        #expect(Set(indexed.observations.map(\.key)).count == 2, "F and M, not one series a row")
        #expect(indexed.observations.first?.key.area == "0101", "a municipality code keeps its leading zero")
        let notice = try #require(indexed.notices.first { $0.code == .indexColumn })
        #expect(notice.message.contains("column 1 ('\(name)')"), "\(notice.message)")
        #expect(plain.notices.allSatisfy { $0.code != .indexColumn })
        // The notice's advice: a column named in `columns:` is read as its role.
        var options = SourceOptions(name: "city")
        options.columns[.status] = name
        let named = try read("\(name),area,indicator,sex,period,value\n" + body, options: options)
        #expect(named.notices.allSatisfy { $0.code != .indexColumn })
        #expect(named.observations.map(\.attributes.status) == ["0", "1", "2"], "\(named.observations)")
    }
}
