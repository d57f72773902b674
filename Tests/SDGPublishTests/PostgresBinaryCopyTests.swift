import Testing

@testable import SDGPublish

/// The bytes of COPY's binary format, field by field: PostgreSQL reads each field by its length, in the column's own
/// binary type, with no conversion (PostgresTests load the demo's tables this way and compare them with the CSV files).
@Suite struct PostgresBinaryCopyTests {
    /// `observations`: text key columns, two `DOUBLE PRECISION` columns, `unit_mult` and `line` `BIGINT`.
    let encoder = PostgresBinaryCopy(
        table: "observations", columns: ["area", "area_label", "period_start", "value", "unit_mult", "line"],
        key: ["area"])

    @Test func theHeaderIsPGCOPYWithNoFlagsAndTheTrailerAFieldCountOfMinusOne() {
        #expect(
            PostgresBinaryCopy.header == [
                0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
            ])
        #expect(PostgresBinaryCopy.trailer == [0xFF, 0xFF])
    }

    @Test func eachFieldIsItsLengthAndItsBigEndianBytes() throws {
        var bytes: [UInt8] = []
        // The second row of a batch of two: rows lie one after the other in the batch's cells.
        let batch: [Table.Cell] =
            [.text("B"), .missing, .missing, .number(9), .missing, .missing]
            + [.text("São\t\\x\n"), .missing, .integer(2004), .number(1.5), .missing, .integer(-2)]
        try encoder.append(row: 1, of: batch, to: &bytes)
        let expected: [[UInt8]] = [
            [0x00, 0x06],  // six fields
            [0, 0, 0, 8] + Array("São\t\\x\n".utf8),  // UTF-8 as it is: nothing escaped
            [0xFF, 0xFF, 0xFF, 0xFF],  // NULL
            [0, 0, 0, 8, 0x40, 0x9F, 0x50, 0, 0, 0, 0, 0],  // 2004.0 in a DOUBLE PRECISION column
            [0, 0, 0, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0],  // 1.5
            [0xFF, 0xFF, 0xFF, 0xFF],
            [0, 0, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE],  // -2 as a BIGINT
        ]
        #expect(bytes == expected.flatMap { $0 })
    }

    @Test func aMissingKeyIsTheEmptyTextAndNonFiniteNumbersAreNull() throws {
        var bytes: [UInt8] = []
        try encoder.append(
            row: 0, of: [.missing, .number(.nan), .number(.infinity), .number(-0.0), .number(7), .missing], to: &bytes)
        let expected: [[UInt8]] = [
            [0x00, 0x06],
            [0, 0, 0, 0],  // the key column's empty text, not NULL
            [0xFF, 0xFF, 0xFF, 0xFF],  // a text column given a NaN: NULL, as the text format wrote it
            [0xFF, 0xFF, 0xFF, 0xFF],
            [0, 0, 0, 8, 0x80, 0, 0, 0, 0, 0, 0, 0],  // -0.0 keeps its sign bit
            [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 7],  // an integral number in a BIGINT column
            [0xFF, 0xFF, 0xFF, 0xFF],
        ]
        #expect(bytes == expected.flatMap { $0 })
    }

    @Test func aCellTheColumnCannotHoldIsRefusedNamingTableColumnAndCell() {
        var bytes: [UInt8] = []
        #expect(
            throws: PostgresBinaryCopy.Mismatch(table: "observations", column: "line", cell: "2.5", expected: .integer)
        ) {
            try encoder.append(
                row: 0, of: [.text("A"), .missing, .missing, .missing, .missing, .number(2.5)], to: &bytes)
        }
        let error = PostgresBinaryCopy.Mismatch(table: "observations", column: "value", cell: "n/a", expected: .real)
        #expect(
            error.description == "column value of table observations is DOUBLE PRECISION but a row holds \"n/a\"")
        #expect(throws: error) {
            try encoder.append(
                row: 0, of: [.text("A"), .missing, .missing, .text("n/a"), .missing, .missing], to: &bytes)
        }
        #expect(throws: Never.self) {
            try encoder.append(
                row: 0, of: [.text("A"), .missing, .text("2004.5"), .text("3"), .text("10"), .missing], to: &bytes)
        }
    }
}
