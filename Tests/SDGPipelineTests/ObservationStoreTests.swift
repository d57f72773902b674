import SDGCore
import SDGIngest
import SDGPublish
import Testing

@testable import SDGPipeline

/// The observation store keeps 20 bytes an observation, spilled in chunks to a temporary file beyond one chunk, and
/// sorts them into the table's key order (each chunk, then a merge of the chunks): every observation must come out
/// once, with its own value, period, attributes, file and line, whether held (one chunk) or merged from 2 or 73 chunks.
@Suite struct ObservationStoreTests {
    @Test(arguments: [100_000, 65_536, 1_000])
    func observationsAcrossChunksComeOutInKeyOrderWithTheirOwnCells(chunkSize: Int) throws {
        var expected: [[Table.Cell]] = []
        var observations: [Observation] = []
        // 2,900 series × 25 periods = 72,500 observations (two chunks), fed in a shuffled order.
        for s in 0..<2_900 {
            let key = SeriesKey(
                source: s % 2 == 0 ? "a" : "b", indicator: "I\(s % 7)", area: "C\(s)",
                dimensions: [.init(id: "sex", value: s % 3 == 0 ? "F" : "M")])
            for year in 2000..<2025 {
                let value: Double? = (s + year) % 11 == 0 ? nil : Double(s * 100 + year) / 8
                let attributes = ObservationAttributes(
                    unit: year < 2010 ? "PT" : "NUM", unitMultiplier: s % 5 == 0 ? 3 : nil,
                    status: year == 2024 ? "E" : nil)
                let line = s * 25 + year - 1998
                let period = Period.parse("\(year)")!
                observations.append(
                    Observation(
                        key: key, period: period, value: value, attributes: attributes,
                        location: SourceLocation(file: s % 4 == 0 ? "one.csv" : "two.csv", line: line)))
                expected.append([
                    .text("p"), .text(key.source), .text(key.indicator), .missing, .text(key.area), .missing,
                    .text(key.disaggregation), .missing, .text(period.label),
                    .number(period.start), value.map { .number($0) } ?? .missing,
                    .init(attributes.unit),
                    .init(attributes.unitMultiplier), .init(attributes.status), .missing, .missing,
                    .text(s % 4 == 0 ? "one.csv" : "two.csv"), .integer(line),
                ])
            }
        }
        var generator = SeededGenerator(seed: 7)
        observations.shuffle(using: &generator)
        var store = ObservationStore(chunkSize: chunkSize)
        for file in ["one.csv", "two.csv"] {
            var builder = ObservationBatchBuilder(file: file)
            for o in observations where o.location.file == file {
                if let batch = builder.add(.observation(o)) { try store.take(batch) }
            }
            if let batch = builder.finish() { try store.take(batch) }
        }
        try store.finishAppending()
        #expect(store.count == 72_500)
        func text(_ c: Table.Cell) -> String { if case .text(let t) = c { t } else { "" } }
        expected.sort { a, b in
            for k in [1, 2, 4, 6, 8] where text(a[k]) != text(b[k]) {
                return text(a[k]).utf8.lexicographicallyPrecedes(text(b[k]).utf8)
            }
            return false
        }
        let table = store.table(pipeline: "p")
        let rows = table.rows
        #expect(rows.count == expected.count)
        #expect(rows == expected)
        #expect(table.rows == rows, "a second reading gives the same rows")
    }
}
