import Foundation
import SDGTestSupport
import Synchronization
import Testing

@testable import SDGPublish

@Suite struct CSVTableWriterTests {
    @Test func quotesCellsWithLineBreaksIncludingCRLF() {
        var table = Table(name: "t", columns: ["note"])
        table.append([.text("line one\r\nline two")])
        table.append([.text("a\nb")])
        #expect(CSVTableWriter.render(table) == "note\n\"line one\r\nline two\"\n\"a\nb\"\n")
    }

    @Test func neutralizesFormulasButNotNumbers() {
        var table = Table(name: "t", columns: ["text", "number", "n"])
        table.append([.text("=HYPERLINK(\"x\")"), .number(-1.5), .integer(-3)])
        table.append([.text("-2"), .number(0.1), .missing])
        table.append([.text("@SUM(A1)"), .number(.nan), .integer(7)])
        table.append([.text("+1"), .number(1e-20), .text("\tx")])
        let csv = CSVTableWriter.render(table)
        #expect(
            csv == """
                text,number,n
                "'=HYPERLINK(""x"")",-1.5,-3
                '-2,0.1,
                '@SUM(A1),,7
                '+1,1e-20,'\tx

                """)
    }

    @Test func quotesDelimitersAndLineBreaks() {
        var table = Table(name: "t", columns: ["a"])
        table.append([.text("Hill, East")])
        table.append([.text("two\nlines")])
        #expect(CSVTableWriter.render(table) == "a\n\"Hill, East\"\n\"two\nlines\"\n")
    }
}

@Suite struct JSONTableWriterTests {
    @Test func writesNullForMissingAndEscapes() throws {
        var table = Table(name: "t", columns: ["a", "b", "c"])
        table.append([.text("say \"hi\"\n\u{01}"), .missing, .number(2.5)])
        let json = JSONTableWriter.render(table)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(parsed[0]["a"] as? String == "say \"hi\"\n\u{01}")
        #expect(parsed[0]["b"] is NSNull)
        #expect(parsed[0]["c"] as? Double == 2.5)
    }
}

@Suite struct StreamedTableTests {
    @Test func aMadeTableStreamsToAFileAsTheHeldTableRenders() throws {
        let dir = TemporaryDirectory()
        let named = Table(name: "t", columns: ["a", "b", "c"]).made(count: 3000) { i in
            i % 2 == 0 ? [("c", .number(Double(i) / 8)), ("a", .text("=row \(i), \"x\""))] : [("b", .integer(i))]
        }
        var held = Table(name: "t", columns: ["a", "b", "c"])
        for row in named.rows { held.append(row) }
        #expect(held.rows[0] == [.text("=row 0, \"x\""), .missing, .number(0)], "named cells land in their columns")
        #expect(held.rows[1] == [.missing, .integer(1), .missing])
        let staged = try StagedOutputDirectory(finalURL: dir.url.appendingPathComponent("out"))
        try staged.write(to: "t.csv") { (out) throws(PublishError) in try CSVTableWriter.write(named, to: out) }
        try staged.write(to: "t.json") { (out) throws(PublishError) in try JSONTableWriter.write(named, to: out) }
        try staged.commit()
        let csv = try String(contentsOf: dir.url.appendingPathComponent("out/t.csv"), encoding: .utf8)
        let json = try String(contentsOf: dir.url.appendingPathComponent("out/t.json"), encoding: .utf8)
        #expect(csv == CSVTableWriter.render(held))
        #expect(json == JSONTableWriter.render(held))
        #expect(csv.hasPrefix("a,b,c\n\"'=row 0, \"\"x\"\"\",,0.0\n,1,\n"))
        #expect((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.count == 3000)
        #expect(JSONTableWriter.render(Table(name: "e", columns: ["a"])) == "[\n]\n")
    }

    @Test func batchesMadeOnAnotherCoreArriveWholeAndInOrder() throws {
        let made = Table(name: "t", columns: ["i", "half"], count: 10_001) { i, cells in
            cells[0] = .integer(i)
            cells[1] = .number(Double(i) / 2)
        }
        var seen: [Table.Cell] = []
        var batches = 0
        made.forEachBatch(rowsPerBatch: 1000) { cells, rows in
            #expect(cells.count == rows * 2)
            seen += stride(from: 0, to: cells.count, by: 2).map { cells[$0] }
            batches += 1
        }
        #expect(batches == 11)
        #expect(seen == (0..<10_001).map { .integer($0) })

        // A writer that fails stops the maker; the call returns (no thread left waiting) with the writer's error.
        struct Full: Error {}
        var handled = 0
        #expect(throws: Full.self) {
            try made.forEachBatch(rowsPerBatch: 100) { _, rows in
                handled += rows
                if handled >= 300 { throw Full() }
            }
        }
        #expect(handled == 300)
    }

    /// Two writers reading one made table at the same time get the same rows, made once; one that fails or stops
    /// early never leaves the other waiting.
    @Test func sharedBatchesReachEveryConsumerAndAFailingOneLetsGo() throws {
        let made = Table(name: "t", columns: ["i"], count: 50_001) { i, cells in cells[0] = .integer(i) }
        let views = made.shared(consumers: 2)
        #expect(views.map(\.count) == [50_001, 50_001])
        let box = Mutex<[Table.Cell]>([])
        let other = Thread {
            var seen: [Table.Cell] = []
            views[1].forEachBatch { cells, _ in seen += cells }
            box.withLock { $0 = seen }
        }
        other.start()
        var seen: [Table.Cell] = []
        views[0].forEachBatch { cells, _ in seen += cells }
        while !other.isFinished { usleep(1000) }
        #expect(seen == (0..<50_001).map { .integer($0) })
        #expect(box.withLock { $0 } == seen)

        // One consumer fails after a few batches, the other one still reads everything.
        struct Full: Error {}
        let failing = made.shared(consumers: 2)
        let done = Mutex(0)
        let reader = Thread {
            var rows = 0
            failing[1].forEachBatch { _, n in rows += n }
            done.withLock { $0 = rows }
        }
        reader.start()
        #expect(throws: Full.self) { try failing[0].forEachBatch { _, _ in throw Full() } }
        while !reader.isFinished { usleep(1000) }
        #expect(done.withLock { $0 } == 50_001)

        // One consumer never reads: released, it holds nobody back.
        let unread = made.shared(consumers: 2)
        unread[1].releaseShared()
        var rows = 0
        unread[0].forEachRow { _ in rows += 1 }
        #expect(rows == 50_001)
    }

    @Test func anUnwritableFileIsAnErrorNamingIt() {
        #expect(throws: PublishError.self) { _ = try TextOutput(path: "/nonexistent-dir/t.csv") }
    }
}

@Suite struct StagedOutputDirectoryTests {
    @Test func aCommittedRunReplacesThePreviousOutputs() throws {
        let dir = TemporaryDirectory()
        let final = dir.url.appendingPathComponent("out")
        dir.write("old", to: "out/impact.csv")
        dir.write("stale", to: "out/gone.csv")
        let staged = try StagedOutputDirectory(finalURL: final)
        try staged.write("new", to: "impact.csv")
        #expect(try String(contentsOf: final.appendingPathComponent("impact.csv"), encoding: .utf8) == "old")
        try staged.commit()
        #expect(try String(contentsOf: final.appendingPathComponent("impact.csv"), encoding: .utf8) == "new")
        #expect(!FileManager.default.fileExists(atPath: final.appendingPathComponent("gone.csv").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
    }

    @Test func anAbandonedRunLeavesThePreviousOutputsAndNoDebris() throws {
        let dir = TemporaryDirectory()
        let final = dir.url.appendingPathComponent("out")
        dir.write("old", to: "out/impact.csv")
        do {
            let staged = try StagedOutputDirectory(finalURL: final)
            try staged.write("half", to: "impact.csv")
        }
        #expect(try String(contentsOf: final.appendingPathComponent("impact.csv"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
    }

    @Test func aSwapInterruptedBetweenRenamesIsRecovered() throws {
        let dir = TemporaryDirectory()
        dir.write("old", to: ".out.previous/impact.csv")
        let final = dir.url.appendingPathComponent("out")
        _ = try StagedOutputDirectory(finalURL: final)
        #expect(try String(contentsOf: final.appendingPathComponent("impact.csv"), encoding: .utf8) == "old")
    }

    @Test func anUnwritableParentIsAnOutputError() {
        #expect(throws: PublishError.self) {
            _ = try StagedOutputDirectory(finalURL: URL(fileURLWithPath: "/proc/sdgpipe-cannot-write/out"))
        }
    }
}
