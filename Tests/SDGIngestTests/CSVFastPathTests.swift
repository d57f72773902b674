import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// The reading shortcuts (values parsed from bytes, cells and keys reused from the row above) must give exactly what
/// the plain path gives.
@Suite struct CSVFastPathTests {
    func observations(_ text: String, options: SourceOptions = SourceOptions(name: "city")) throws -> (
        [Observation], [Reject]
    ) {
        let dir = TemporaryDirectory()
        var observations: [Observation] = []
        var rejects: [Reject] = []
        try LongCSVReader(path: dir.write(text, to: "city.csv"), options: options).read { record in
            if case .observation(let o) = record { observations.append(o) }
            if case .reject(let r) = record { rejects.append(r) }
        }
        return (observations, rejects)
    }

    func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    }

    @Test func decimalsFromBytesAreBitIdenticalToTheStandardParser() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0", "-0", "7", "+5", "0.1", "0.3", "-12.345", "123456789012345", "0.000000000000000000001", "1.", ".5",
            "99999999999999.9", "4503599627370497.5", "0.30000000000000004",
        ]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var s = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digits, using: &generator)
            if point < digits { s.insert(".", at: s.index(s.startIndex, offsetBy: point)) }
            texts.append(Bool.random(using: &generator) ? "-" + s : s)
        }
        for text in texts {
            guard let fast = parse(text) else { continue }
            let reference = Double(text)
            #expect(reference?.bitPattern == fast.bitPattern, "\(text): \(fast) vs \(String(describing: reference))")
        }
        #expect(
            parse("1e5") == nil && parse("12,5") == nil && parse(" 1") == nil && parse("") == nil && parse("-") == nil)
        #expect(parse("1234567890123456") == nil, "16 significant digits leave the fast path")
    }

    @Test func aNumericMissingMarkerIsStillMissing() throws {
        var options = SourceOptions(name: "city")
        options.missingMarkers = ["-9999", ""]
        let (obs, rejects) = try observations("area,period,value\nA,2015,-9999\nA,2016,3.5\n", options: options)
        #expect(rejects.isEmpty)
        #expect(obs.map(\.value) == [nil, 3.5])
    }

    @Test func aKeyIsRebuiltWhenAnyKeyColumnChangesEvenAfterARejectedRow() throws {
        let text =
            "area,indicator,sex,period,value\nA,X,F,2015,1\nA,X,F,2016,1\nA,Y,F,20x7,1\nA,Y,F,2017,2\nB,Y,F,2017,3\nB,Y,M,2017,4\n"
        let (obs, rejects) = try observations(text)
        #expect(rejects.count == 1)
        #expect(
            obs.map { "\($0.key.indicator)@\($0.key.area)/\($0.key.disaggregation)" }
                == ["X@A/sex=F", "X@A/sex=F", "Y@A/sex=F", "Y@B/sex=F", "Y@B/sex=M"])
    }

    @Test func cellsWithDoubledQuotesAndSpacesAreReadAsThePlainPathReadsThem() throws {
        let text =
            "area,indicator,period,value,unit\n\"Hill, \"\"East\"\"\",X,2015, 4.5 ,\"per 1,000\"\n\"Hill, \"\"East\"\"\",X,2016,5,\"per 1,000\"\n"
        let (obs, rejects) = try observations(text)
        #expect(rejects.isEmpty)
        #expect(obs.map(\.key.area) == ["Hill, \"East\"", "Hill, \"East\""])
        #expect(obs.map(\.value) == [4.5, 5])
        #expect(obs.map(\.attributes.unit) == ["per 1,000", "per 1,000"])
    }
}

/// Records that straddle two reads of the file are scanned again from their start after the refill; reading with
/// chunks of a few bytes must give exactly what one large read gives.
@Suite struct CSVChunkBoundaryTests {
    static let texts: [[UInt8]] = [
        Array(
            "\u{FEFF}area,indicator,period,value\r\nRiverton,X,2015,1.5\r\n\"Hill, \"\"East\"\"\",X,2016,\"2\"\r\n".utf8
        ),
        Array("area;period;value\n\"two\nlines\";2015;3\n\n\nA;2016;\"4\"\r\nA;2017;5".utf8),
        Array("area,period,value\nA,2015,1\nA,2016,x\"y\nA,2017,\"7\"z\nA,2018,\"open\n".utf8),
        Array("area,period,value\n\"A\"\r,2015,1\nB,2015,\"\"\"\"\n,,\n".utf8),
        Array("area,period,value\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 300) + Array(",2015,1\n".utf8),
    ]

    func records(_ path: String, chunk: Int) throws -> [String] {
        let reader = try CSVRecordReader(path: path, chunkSize: chunk)
        var out: [String] = []
        while let r = try reader.next() { out.append("\(r.line)|\(r.fields)|\(r.problem ?? "")") }
        return out + ["delimiter \(reader.delimiter)"]
    }

    func observations(_ path: String, chunk: Int) throws -> [String] {
        var reader = LongCSVReader(path: path, options: SourceOptions(name: "city"))
        reader.chunkSize = chunk
        var out: [String] = []
        try reader.read { record in
            switch record {
            case .observation(let o):
                out.append("\(o.key) \(o.period.label) \(String(describing: o.value)) \(o.location.line ?? 0)")
            case .reject(let r): out.append("reject \(r.location) \(r.code) \(r.raw)")
            case .notice(let d): out.append("notice \(d)")
            }
        }
        return out
    }

    @Test(arguments: 0..<texts.count)
    func tinyChunksReadWhatOneReadReads(_ index: Int) throws {
        let dir = TemporaryDirectory()
        let path = dir.write(Data(Self.texts[index]), to: "feed.csv")
        let expectedRecords = try records(path, chunk: 1 << 18)
        let expectedObservations = try observations(path, chunk: 1 << 18)
        #expect(expectedRecords.count > 2)
        for chunk in [1, 2, 3, 5, 7, 16, 64] {
            #expect(try records(path, chunk: chunk) == expectedRecords, "chunk \(chunk)")
            #expect(try observations(path, chunk: chunk) == expectedObservations, "chunk \(chunk)")
        }
    }
}
