import Foundation
import SDGTestSupport
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
        #expect(csv == """
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
