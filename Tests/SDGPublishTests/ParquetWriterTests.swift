import Foundation
import SDGTestSupport
import Testing

@testable import SDGPublish

/// Our Parquet writer's parts that a reader depends on bit for bit; `make parquet-check` reads whole files back with
/// pyarrow, polars and DuckDB.
@Suite struct ParquetWriterTests {
    /// Decodes the RLE/bit-packed hybrid as the format defines it.
    func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        func varint() -> Int {
            var v = 0
            var shift = 0
            while true {
                let b = Int(bytes[i])
                i += 1
                v |= (b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        while out.count < count {
            let header = varint()
            if header & 1 == 1 {
                let values = (header >> 1) * 8
                var bits: UInt64 = 0
                var have = 0
                for _ in 0..<values {
                    while have < bitWidth {
                        bits |= UInt64(bytes[i]) << have
                        i += 1
                        have += 8
                    }
                    out.append(UInt32(bits & ((1 << bitWidth) - 1)))
                    bits >>= bitWidth
                    have -= bitWidth
                }
            } else {
                var value: UInt32 = 0
                for b in 0..<((bitWidth + 7) / 8) {
                    value |= UInt32(bytes[i]) << (8 * b)
                    i += 1
                }
                out += repeatElement(value, count: header >> 1)
            }
        }
        return Array(out.prefix(count))
    }

    @Test(arguments: [1, 3, 8, 12])
    func theHybridEncodingRoundTrips(bitWidth: Int) {
        // A fixed linear congruential sequence: the same values every run.
        var state = UInt64(bitWidth) &* 0x9E37_79B9_7F4A_7C15
        let limit = UInt32((1 << bitWidth) - 1)
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 33) & limit
        }
        var values: [UInt32] = []
        // Runs of every length around the 8 that switches to RLE, and scattered values between them.
        for length in [1, 2, 7, 8, 9, 15, 16, 17, 100] {
            values += repeatElement(next(), count: length)
            values += (0..<5).map { _ in next() }
        }
        let encoded = ParquetFileWriter.rleHybrid(values, bitWidth: bitWidth)
        #expect(decode(encoded, bitWidth: bitWidth, count: values.count) == values)
        // A long run is one run header and one value, not a packed group per 8 values.
        let run = ParquetFileWriter.rleHybrid(Array(repeating: 1, count: 1_000), bitWidth: 1)
        #expect(run.count == 3)
    }

    @Test func thriftFieldsUseShortHeadersAndZigzagVarints() {
        var w = ThriftCompactWriter()
        w.i32(1, -1)
        w.i64(2, 300)
        w.i32(20, 1)
        w.end()
        // field 1 (delta 1, i32), zigzag(-1) = 1; field 2 (delta 1, i64), zigzag(300) = 600 = 0xD8 0x04; field 20
        // (delta 18 > 15: long form, id zigzag 40); stop.
        #expect(w.bytes == [0x15, 0x01, 0x16, 0xD8, 0x04, 0x05, 0x28, 0x02, 0x00])
    }

    @Test func aFileHasItsMagicAndFooterAndAnUnwritablePathIsAnError() throws {
        let dir = TemporaryDirectory("sdgpipe-parquet")
        let path = dir.path("t.parquet")
        let writer = ParquetFileWriter(
            path: path, columns: TableDefinition.editions.columns, rowGroupRows: 2)
        for i in 0..<5 {
            try writer.append(
                TableDefinition.editions.columns.map { $0.type == .real ? .number(Double(i)) : .text("x\(i)") })
        }
        try writer.finish(createdBy: "sdgpipe")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8) && Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let footer = bytes[(bytes.count - 8)..<(bytes.count - 4)].enumerated().reduce(0) {
            $0 | Int($1.element) << (8 * $1.offset)
        }
        #expect(footer > 0 && footer < bytes.count - 12)

        let nowhere = ParquetFileWriter(
            path: "/nonexistent/folder/t.parquet", columns: TableDefinition.editions.columns)
        #expect(throws: PublishError.self) { try nowhere.finish(createdBy: "sdgpipe") }
    }

    @Test func folderNamesKeepIdsReadableAndSafe() {
        #expect(ParquetTables.folderName("4-6-1") == "4-6-1")
        #expect(ParquetTables.folderName("adult_learning.rate") == "adult_learning.rate")
        #expect(ParquetTables.folderName("a/b c") == "a%2Fb%20c")
        #expect(ParquetTables.folderName("..") == "%2E.")
        #expect(ParquetTables.folderName("") == "%")
        #expect(ParquetTables.folderName("é") == "%C3%A9")
    }
}
