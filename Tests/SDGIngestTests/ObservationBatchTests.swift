import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Rows handed on in columns must say exactly what records one by one would: the same observations, rejects and
/// notices in file order, across batch boundaries.
@Suite struct ObservationBatchTests {
    let dir = TemporaryDirectory()

    func batches(_ text: String, options: SourceOptions = SourceOptions(name: "city")) throws -> [ObservationBatch] {
        var out: [ObservationBatch] = []
        try LongCSVReader(path: dir.write(text, to: "city.csv"), options: options).readBatches { out.append($0) }
        return out
    }

    func describe(_ record: IngestRecord) -> String {
        switch record {
        case .observation(let o):
            "\(o.key.area)/\(o.key.indicator) \(o.period.label) \(o.value.map { "\($0)" } ?? "-") @\(o.location.line ?? 0)"
        case .reject(let r): "reject \(r.code) @\(r.location.line ?? 0)"
        case .notice(let d): "notice \(d.message) @\(d.location?.line ?? 0)"
        }
    }

    @Test func rejectsAndNoticesStandBetweenTheRowsTheyCameBetween() throws {
        let text = "area,indicator,period,value\nA,X,2015,1\nA,X,20x6,2\nA,X,2016,\nB,X,2016,oops\nB,X, 2017,4\nB,X\n"
        let batches = try batches(text)
        #expect(batches.count == 2, "the rows, then the notice of trimmed cells")
        var records: [String] = []
        for batch in batches { batch.forEachRecord { records.append(describe($0)) } }
        #expect(
            records == [
                "A/X 2015 1.0 @2", "reject csv.period @3", "A/X 2016 - @4", "reject csv.value-not-a-number @5",
                "B/X 2017 4.0 @6", "reject csv.field-count @7",
                "notice 1 cells had leading or trailing spaces, which were removed @0",
            ])
        // The batch holds each key, attribute set and period once.
        #expect(batches[0].keys.map(\.area) == ["A", "B"])
        #expect(batches[0].attributes.count == 1)
        #expect(batches[0].periods.map(\.label) == ["2015", "2016", "2017"])
        #expect(batches[0].value(1) == nil && batches[0].count == 3)
    }

    @Test func rowsRejectedAfterReadingTakeTheirRowsPlaceInFileOrder() throws {
        var batch = try batches("area,period,value\nA,2015,1\nA,20x6,2\nA,2016,3\nA,2017,4\n")[0]
        let reject = Reject(
            source: "city", location: batch.location(1), code: .duplicateObservation, raw: "", reason: "twice")
        batch.reject(row: 1, reject)
        var records: [String] = []
        var others: [String] = []
        batch.forEachRecord { records.append(describe($0)) }
        batch.forEachRejectOrNotice { others.append(describe($0)) }
        #expect(
            records == [
                "A/city 2015 1.0 @2", "reject csv.period @3", "reject duplicate-observation @4", "A/city 2017 4.0 @5",
            ])
        #expect(others == ["reject csv.period @3", "reject duplicate-observation @4"])
    }

    @Test func aLongFileComesInSeveralBatchesThatTogetherHoldEveryRow() throws {
        var text = "area,indicator,sex,period,value,unit\n"
        var expected: [String] = []
        for i in 0..<10_000 {
            let (area, year) = ("C\(i / 25)", 2000 + i % 25)
            let sex = i % 50 < 25 ? "F" : "M"
            text += "\(area),X,\(sex),\(year),\(i % 7 == 0 ? "" : "\(i).5"),\(i < 5_000 ? "%" : "count")\n"
            expected.append("\(area) \(sex) \(year) \(i % 7 == 0 ? "nil" : "\(Double(i) + 0.5)")")
        }
        let batches = try batches(text)
        #expect(batches.count == 3, "4,096 rows a batch")
        var rows: [String] = []
        var units: Set<String?> = []
        for batch in batches {
            // A key is listed again only when a batch starts or its run of rows resumes.
            #expect(Set(batch.keys.map(\.description)).count == batch.keys.count)
            for row in 0..<batch.count {
                let o = batch.observation(row)
                rows.append(
                    "\(o.key.area) \(o.key.value(of: "sex") ?? "") \(o.period.label) \(o.value.map { "\($0)" } ?? "nil")"
                )
                units.insert(o.attributes.unit)
                #expect(o.location.line == rows.count + 1)
            }
        }
        #expect(rows == expected)
        #expect(units == ["%", "count"])
        #expect(batches.last!.bytesRead == text.utf8.count)
    }
}
