import Foundation
import SDGTestSupport
import Testing

@testable import SDGIngest

@Suite struct CSVRecordReaderTests {
    func records(_ text: String, delimiter: UInt8? = nil) throws -> [CSVRecord] {
        try records(Data(text.utf8), delimiter: delimiter)
    }

    func records(_ data: Data, delimiter: UInt8? = nil) throws -> [CSVRecord] {
        let dir = TemporaryDirectory()
        let reader = try CSVRecordReader(path: dir.write(data, to: "f.csv"), delimiter: delimiter)
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    @Test func quotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let r = try records("a,b,c\n\"Hill, East\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,,z\n")
        #expect(r.map(\.fields) == [["a", "b", "c"], ["Hill, East", "say \"hi\"", "two\nlines"], ["x", "", "z"]])
        #expect(r.map(\.line) == [1, 2, 4])
        #expect(r.allSatisfy { $0.problem == nil })
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("area,value\r\n\"Riverton\",1.5\r\nLakeside,2".utf8))
        let r = try records(data)
        #expect(r.map(\.fields) == [["area", "value"], ["Riverton", "1.5"], ["Lakeside", "2"]])
    }

    @Test func sniffsSemicolonAndTab() throws {
        #expect(try records("a;b;c\n1;2,5;3\n").map(\.fields) == [["a", "b", "c"], ["1", "2,5", "3"]])
        #expect(try records("a\tb\n1\t2\n").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    /// Found by the fuzzer: on a tie the delimiter depended on a dictionary's iteration order.
    @Test func aTieIsBrokenTheSameWayEveryTime() throws {
        for _ in 0..<50 {
            #expect(try records("a;b\tc\n").first?.fields == ["a", "b\tc"], "semicolon before tab")
            #expect(try records("a,b;c\td\n").first?.fields == ["a", "b;c\td"], "comma first")
        }
    }

    @Test func skipsEmptyLines() throws {
        #expect(try records("a,b\n\n1,2\n\n").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func reportsStrayAndUnterminatedQuotes() throws {
        let stray = try records("a,b\n1,x\"y\n")
        #expect(stray[1].problem?.contains("quote inside an unquoted field") == true)
        let unterminated = try records("a,b\n1,\"open\n2,3\n")
        #expect(unterminated[1].problem?.contains("is not closed before the end of the file") == true)
        #expect(unterminated[1].line == 2)
        // That line is the reject; the next line is read as a record of its own.
        #expect(unterminated.count == 3 && unterminated[2].fields == ["2", "3"] && unterminated[2].line == 3)
        #expect(unterminated[2].problem == nil)
    }

    /// A stray quote early in a long file used to make the rest of the file one reject (270,001 of 540,000 rows).
    @Test func aQuoteLeftOpenCostsOneLineNotTheRestOfTheFile() throws {
        var text = "a,b\n"
        for i in 0..<3000 { text += i == 10 ? "1,\"open\n" : "\(i),x\n" }
        for chunk in [7, 4096, 256 * 1024] {
            let dir = TemporaryDirectory()
            let reader = try CSVRecordReader(path: dir.write(text, to: "f.csv"), chunkSize: chunk)
            var all: [CSVRecord] = []
            while let r = try reader.next() { all.append(r) }
            #expect(all.count == 3001, "chunk \(chunk)")
            #expect(all.filter { $0.problem != nil }.map(\.line) == [12], "chunk \(chunk)")
            #expect(all[12].fields == ["11", "x"] && all[12].line == 13)
            #expect(all.last?.line == 3001)
        }
    }

    @Test func linesEndedByALoneCRAreLines() throws {
        let r = try records("a,b\r1,2\r3,\"x\"\r")
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "x"]])
        #expect(r.map(\.line) == [1, 2, 3])
        #expect(try records("a,b\r\n1,2\r\n").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func invalidUTF8IsAnErrorThatSuggestsLatin1() throws {
        let data = Data("area,value\n".utf8) + Data([0x4D, 0xFC, 0x6E, 0x63, 0x68, 0x65, 0x6E]) + Data(",1\n".utf8)
        #expect {
            _ = try records(data)
        } throws: { error in
            guard case .invalidEncoding(let location) = error as? IngestError else { return false }
            return location.line == 2 && location.column == 1 && "\(error)".contains("encoding: latin1")
        }
    }

    @Test func aRecordLongerThanTheChunkIsRead() throws {
        let long = String(repeating: "x", count: 600_000)
        let r = try records("a,b\n\"\(long)\",1\n")
        #expect(r[1].fields[0].count == 600_000)
        #expect(r[1].fields[1] == "1")
    }

    @Test func missingFileIsFileNotFound() {
        #expect(throws: IngestError.fileNotFound(path: "/nonexistent/x.csv")) {
            _ = try CSVRecordReader(path: "/nonexistent/x.csv")
        }
    }
}
