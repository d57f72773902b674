import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// A large CSV file is read in pieces on all cores; whatever the cuts, the records must be exactly one reader's:
/// the same observations, rejects and notices, in the same order, with the same line numbers.
@Suite struct CSVPieceReaderTests {
    let dir = TemporaryDirectory()

    func records(_ path: String, pieceSize: Int?, options: SourceOptions = SourceOptions(name: "city")) throws
        -> [String]
    {
        var reader = LongCSVReader(path: path, options: options)
        if let pieceSize {
            reader.pieceSize = pieceSize
            reader.piecedFrom = 0
        } else {
            reader.piecedFrom = .max
        }
        var out: [String] = []
        try reader.read { record in
            switch record {
            case .observation(let o):
                out.append(
                    "\(o.key) \(o.period.label) \(o.value.map { "\($0)" } ?? "-") \(o.attributes.unit ?? "") @\(o.location.line ?? 0)"
                )
            case .reject(let r): out.append("reject \(r.location) \(r.code) \(r.raw) \(r.reason)")
            case .notice(let d): out.append("notice \(d)")
            }
        }
        return out
    }

    static let messy: String = {
        var text = "\u{FEFF}area,name,indicator,period,value,unit\r\n"
        for i in 0..<300 {
            let name = i % 7 == 0 ? "\"Hill,\nEast \(i)\"" : i % 5 == 0 ? "\"Quoted \"\"\(i)\"\"\"" : "Plain \(i)"
            let period = i % 41 == 0 ? "20x\(i % 10)" : i % 13 == 0 ? " \(2000 + i % 20)" : "\(2000 + i % 20)"
            let value = i % 17 == 0 ? "n/a" : i % 11 == 0 ? "" : "\(i).25"
            text += "C\(i / 20),\(name),X,\(period),\(value),\(i % 3 == 0 ? "%" : "rate")\r\n"
            if i % 53 == 0 { text += "C\(i / 20),short row\r\n\r\n" }
        }
        return text
    }()

    @Test(arguments: [16, 37, 64, 100, 256, 4096])
    func everyCutReadsWhatOneReaderReads(pieceSize: Int) throws {
        let path = dir.write(Self.messy, to: "messy.csv")
        let expected = try records(path, pieceSize: nil)
        #expect(
            expected.count > 300 && expected.contains { $0.hasPrefix("notice") }
                && expected.contains { $0.contains("csv.field-count") })
        #expect(try records(path, pieceSize: pieceSize) == expected)
    }

    @Test func aQuoteLeftOpenAtTheEndIsTheLastRecordsProblemEitherWay() throws {
        let path = dir.write("area,period,value\nA,2015,1\nA,2016,2\n\"B\nstill open,2017,3\n", to: "open.csv")
        let expected = try records(path, pieceSize: nil)
        #expect(expected.contains { $0.contains("is not closed") && $0.contains("open.csv:4") })
        #expect(expected.last?.contains("@5") == true, "\(expected)")
        for size in [4, 10, 20] { #expect(try records(path, pieceSize: size) == expected, "pieces of \(size)") }
    }

    @Test func aHeaderAloneOrALastLineWithoutLineFeedReadAsInOne() throws {
        for (name, text) in [
            ("header.csv", "area,period,value\n"), ("open-end.csv", "area,period,value\nA,2015,1\nA,2016,2"),
            ("cr-only.csv", "area,period,value\rA,2015,1\rA,2016,2\r"),
        ] {
            let path = dir.write(text, to: name)
            let expected = try records(path, pieceSize: nil)
            for size in [1, 5, 12] {
                #expect(try records(path, pieceSize: size) == expected, "\(name), pieces of \(size)")
            }
        }
    }

    @Test func theWideLayoutAndLatin1ReadInPiecesAsInOne() throws {
        var options = SourceOptions(name: "city")
        options.encoding = .latin1
        var text = "area,indicator,2018,2019,2020\n"
        for i in 0..<120 { text += "Z\u{E9}\(i),X,\(i),,\(i * 2)\n" }
        let path = dir.write(Data(text.unicodeScalars.map { UInt8($0.value) }), to: "wide.csv")
        let expected = try records(path, pieceSize: nil, options: options)
        #expect(expected.count == 360 && expected[0].contains("Zé0"))
        #expect(try records(path, pieceSize: 50, options: options) == expected)
    }

    @Test func anUnreadableCellInALaterPieceFailsAsItDoesInOneReader() throws {
        var bytes = Array("area,period,value\n".utf8)
        for i in 0..<200 { bytes += Array("A\(i),2015,1\n".utf8) }
        bytes += [0x42, 0xFF, 0x2C] + Array("2016,2\n".utf8)
        let path = dir.write(Data(bytes), to: "bad.csv")
        #expect(throws: IngestError.invalidEncoding(location: SourceLocation(file: path, line: 202, column: 1))) {
            try records(path, pieceSize: nil)
        }
        #expect(throws: IngestError.invalidEncoding(location: SourceLocation(file: path, line: 202, column: 1))) {
            try records(path, pieceSize: 64)
        }
    }
}
