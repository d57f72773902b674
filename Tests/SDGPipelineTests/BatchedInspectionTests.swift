import Foundation
import SDGCore
import SDGIngest
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// `inspect` counts a CSV file from the columns of its batches: its control totals must be those of the rows, counted
/// here one by one, however the rows fall into batches.
@Suite struct BatchedInspectionTests {
    @Test func controlTotalsAcrossBatchesWithDuplicatesOnBothSidesOfABoundary() throws {
        let dir = TemporaryDirectory()
        var text = "area,indicator,period,value,unit,status\n"
        var observations = 0
        var values = 0
        var sum = 0.0
        var rejects = 0
        var seen = Set<String>()
        var line = 1
        for i in 0..<9_000 {
            let area = "C\(i / 30)"
            let year = 1990 + i % 30
            let value: Double? = i % 11 == 0 ? nil : Double(i % 97) / 4
            func row(_ y: Int) {
                line += 1
                text +=
                    "\(area),X,\(y),\(value.map { "\($0)" } ?? ""),\(i % 300 < 150 ? "%" : "rate"),\(i % 1000 == 0 ? "E" : "")\n"
                if seen.insert("\(area) \(y)").inserted {
                    observations += 1
                    if let value {
                        values += 1
                        sum += value
                    }
                } else {
                    rejects += 1
                }
            }
            row(year)
            if i % 401 == 0 { row(year) }  // a row pasted twice; rows 4,096 and 8,192 sit on batch edges
            if i == 4_094 || i == 4_095 { row(year) }
        }
        text += "C0,X,1995,1,%,\n"  // a duplicate of a series read long ago
        seen.insert("C0 1995")
        rejects += 1
        let feed = try FeedInspection(path: dir.write(text, to: "feed.csv"))
        #expect(feed.observations == observations)
        #expect(feed.values == values)
        #expect(abs(feed.valueSum - sum) <= 1e-9 * sum)
        #expect(feed.rejects.count == rejects)
        #expect(feed.rejects.allSatisfy { $0.code == "duplicate-observation" })
        #expect(
            feed.rejects.map { $0.location.line ?? 0 } == feed.rejects.map { $0.location.line ?? 0 }.sorted(),
            "in file order")
        #expect(feed.rejects.last?.reason.contains("earlier in the file") == true)
        #expect(feed.series == 300)
        #expect(feed.units == ["%", "rate"] && feed.statuses == ["E"])
        #expect(feed.firstPeriod == "1990" && feed.lastPeriod == "2019")
        #expect(feed.sample.count == 5 && feed.sample.first?.location.line == 2)
    }
}
