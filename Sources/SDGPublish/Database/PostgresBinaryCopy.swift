/// Rows in the binary format of PostgreSQL's `COPY … FROM STDIN (FORMAT binary)`
/// (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4): a header, then per row a 16-bit field
/// count and each field as a 32-bit length (−1 for NULL) and its bytes, then a trailer. Numbers travel as their 8 bytes
/// and text as its UTF-8 bytes, so neither side formats, parses or escapes anything: the server's `COPY` of the 12 M
/// observation rows of the national benchmark took 10.5–11.8 s in this format against 14.4–17.8 s in the text format
/// (docs/performance.md), and the client no longer writes each number out in decimal.
///
/// Each field is sent in the type the column is declared with (`TableSchema`): the binary format has no conversions,
/// so a cell of another kind is converted here when that loses nothing (an integer in a `DOUBLE PRECISION` column) and
/// refused otherwise, where the text format would have failed on the server.
package struct PostgresBinaryCopy: Sendable {
    /// `PGCOPY\n\377\r\n\0`, then the flags and the length of the header extension (both zero).
    package static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0, 0, 0, 0, 0]
    /// A field count of −1.
    package static let trailer: [UInt8] = [0xFF, 0xFF]

    let table: String
    let columns: [String]
    let types: [TableSchema.ColumnType]
    /// Key columns are `NOT NULL`: a missing key cell is the empty text, as in the CSV tables.
    let keyed: [Bool]

    package init(table: String, columns: [String], key: Set<String>) {
        self.table = table
        self.columns = columns
        types = columns.map { TableSchema.type(of: $0) }
        keyed = columns.map { key.contains($0) }
    }

    /// A cell that the column's type cannot hold.
    package struct Mismatch: Error, Equatable, CustomStringConvertible {
        package let table: String
        package let column: String
        package let cell: String
        package let expected: TableSchema.ColumnType

        package var description: String {
            "column \(column) of table \(table) is \(expected.postgres) but a row holds \"\(cell)\""
        }
    }

    /// Appends row `row` of `cells` (rows of `columns.count` cells, one after the other, as `Table.BatchCursor`
    /// hands them out).
    package func append(row: Int, of cells: [Table.Cell], to bytes: inout [UInt8]) throws(Mismatch) {
        let width = types.count
        Self.appendBigEndian(Int16(truncatingIfNeeded: width), to: &bytes)
        for i in 0..<width {
            switch (types[i], cells[row * width + i]) {
            case (.text, .text(var s)):
                s.withUTF8 { utf8 in
                    Self.appendBigEndian(Int32(truncatingIfNeeded: utf8.count), to: &bytes)
                    bytes.append(contentsOf: utf8)
                }
            case (.text, .integer(let n)): Self.appendText(String(n), to: &bytes)
            case (.text, .number(let d)):
                if d.isFinite { Self.appendText(d.description, to: &bytes) } else { Self.appendNull(to: &bytes) }
            case (.text, .missing):
                if keyed[i] { Self.appendBigEndian(Int32(0), to: &bytes) } else { Self.appendNull(to: &bytes) }
            case (.real, .number(let d)): Self.appendReal(d, to: &bytes)
            case (.real, .integer(let n)): Self.appendReal(Double(n), to: &bytes)
            case (.real, .text(let s)):
                guard let d = Double(s) else { throw mismatch(i, s) }
                Self.appendReal(d, to: &bytes)
            case (.integer, .integer(let n)): Self.appendInteger(Int64(n), to: &bytes)
            case (.integer, .number(let d)):
                guard let n = Int64(exactly: d) else {
                    if d.isFinite { throw mismatch(i, d.description) }
                    Self.appendNull(to: &bytes)
                    continue
                }
                Self.appendInteger(n, to: &bytes)
            case (.integer, .text(let s)):
                guard let n = Int64(s) else { throw mismatch(i, s) }
                Self.appendInteger(n, to: &bytes)
            case (.real, .missing), (.integer, .missing): Self.appendNull(to: &bytes)
            }
        }
    }

    private func mismatch(_ column: Int, _ cell: String) -> Mismatch {
        Mismatch(table: table, column: columns[column], cell: cell, expected: types[column])
    }

    /// Not-a-number and infinities are NULL, as in every other output (a value that is not a number is missing).
    private static func appendReal(_ d: Double, to bytes: inout [UInt8]) {
        guard d.isFinite else { return appendNull(to: &bytes) }
        appendBigEndian(Int32(8), to: &bytes)
        appendBigEndian(d.bitPattern, to: &bytes)
    }

    private static func appendInteger(_ n: Int64, to bytes: inout [UInt8]) {
        appendBigEndian(Int32(8), to: &bytes)
        appendBigEndian(n, to: &bytes)
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        appendBigEndian(Int32(truncatingIfNeeded: text.utf8.count), to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    private static func appendNull(to bytes: inout [UInt8]) { appendBigEndian(Int32(-1), to: &bytes) }

    /// Through a typed buffer: appending the raw bytes went through the generic sequence path, three times slower.
    @inline(__always)
    private static func appendBigEndian<I: FixedWidthInteger>(_ value: I, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
    }
}
