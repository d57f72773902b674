import Foundation
import SDGSystem
import Testing

@testable import SDGPublish

/// `Table.BatchCursor`, the database writer's way through a table: every row once and in order, whether the table's
/// rows are made ahead on a thread of their own, shared with another writer, or held; and a writer that stops early
/// holds nobody back.
@Suite struct BatchCursorTests {
    static let count = 20_000

    static func made() -> Table {
        Table(name: "t", columns: ["i", "label"], count: count) { i, cells in
            cells[0] = .integer(i)
            cells[1] = .text("row \(i)")
        }
    }

    static func read(_ cursor: inout Table.BatchCursor) -> [Int] {
        var seen: [Int] = []
        while let (cells, rows) = cursor.next() {
            #expect(cells.count == rows * 2)
            for r in 0..<rows {
                guard case .integer(let i) = cells[r * 2], case .text(let label) = cells[r * 2 + 1] else {
                    Issue.record("row \(r) of a batch is not (integer, text)")
                    continue
                }
                #expect(label == "row \(i)")
                seen.append(i)
            }
        }
        return seen
    }

    @Test func aMadeTableReadAloneComesInBatchesMadeAhead() {
        var cursor = Self.made().batchCursor(rowsPerBatch: 4096)
        defer { cursor.close() }
        #expect(Self.read(&cursor) == Array(0..<Self.count))
    }

    @Test func aHeldTableComesWhole() {
        var table = Table(name: "t", columns: ["i", "label"])
        for i in 0..<5 { table.append([.integer(i), .text("row \(i)")]) }
        var cursor = table.batchCursor()
        #expect(Self.read(&cursor) == Array(0..<5))
    }

    @Test func aSharedTableGivesTheDatabaseTheBatchesTheCSVWriterReads() throws {
        let views = Self.made().shared(consumers: 2)
        let other = Locked<[Int]>([])
        let thread = Thread {
            var seen: [Int] = []
            views[1].forEachBatch { cells, rows in
                for r in 0..<rows { if case .integer(let i) = cells[r * 2] { seen.append(i) } }
            }
            other.withLock { $0 = seen }
        }
        thread.start()
        var cursor = views[0].batchCursor()
        let seen = Self.read(&cursor)
        cursor.close()
        while !thread.isFinished { usleep(1_000) }
        #expect(seen == Array(0..<Self.count))
        #expect(other.withLock { $0 } == seen)
    }

    @Test func aDatabaseWriterThatStopsEarlyLeavesTheOtherWriterToFinish() throws {
        let views = Self.made().shared(consumers: 2)
        var cursor = views[0].batchCursor()
        _ = cursor.next()
        cursor.close()
        #expect(cursor.next() == nil, "closed: nothing more")
        var rows = 0
        views[1].forEachBatch { _, n in rows += n }
        #expect(rows == Self.count, "the CSV writer is not held back by the closed cursor")
    }
}
