import CSystemZlib
import Foundation

/// One Parquet file of a result table, written as its rows arrive: a flat schema of optional columns (text as UTF-8
/// `BYTE_ARRAY`, integers as `INT64`, reals as `DOUBLE`), row groups of at most `rowGroupRows` rows, one data page
/// (v1) per column chunk, text dictionary-encoded (`RLE_DICTIONARY`) while its dictionary stays small and `PLAIN`
/// otherwise, every chunk with its null count, minimum and maximum, pages GZIP-compressed through the system zlib.
///
/// Our own writer: no maintained Swift Parquet writer is in the package set, and the subset above (about what
/// pandas writes for a flat frame) is what DuckDB, polars, pyarrow, Spark and Trino read. `make parquet-check` reads
/// the files back with pyarrow, polars and DuckDB and compares every row with the CSV tables.
///
/// A writer holds no file open between row groups (`flush` opens, appends, closes), so a table partitioned into
/// thousands of files needs no more descriptors than one.
package final class ParquetFileWriter {
    let path: String
    let columns: [TableDefinition.Column]
    let rowGroupRows: Int
    private var texts: [[String?]]
    private var numbers: [[Double?]]
    private var integers: [[Int64?]]
    private var buffered = 0
    /// Rows appended since the last row group was written.
    package var bufferedRows: Int { buffered }
    /// Bytes in the file so far.
    private var fileSize: Int64 = 0
    private var groups: [RowGroup] = []
    private var created = false

    struct Chunk {
        var type: Int32
        var encodings: [Int32]
        var values: Int64
        var uncompressed: Int64
        var compressed: Int64
        var dataOffset: Int64
        var dictionaryOffset: Int64?
        var nulls: Int64
        var min: [UInt8]?
        var max: [UInt8]?
    }

    struct RowGroup {
        var chunks: [Chunk]
        var rows: Int64
        var bytes: Int64
    }

    package init(
        path: String, columns: [TableDefinition.Column], rowGroupRows: Int = 131_072
    ) {
        self.path = path
        self.columns = columns
        self.rowGroupRows = rowGroupRows
        texts = columns.map { _ in [] }
        numbers = columns.map { _ in [] }
        integers = columns.map { _ in [] }
    }

    /// Appends a row, one cell per column; a cell of another kind than its column is converted (a text column's
    /// number is written as its text, a number column's text parsed), a missing or unreadable one is null.
    package func append(_ cells: [Table.Cell]) throws(PublishError) {
        for (i, column) in columns.enumerated() {
            let cell = i < cells.count ? cells[i] : .missing
            switch column.type {
            case .text:
                switch cell {
                case .text(let s): texts[i].append(s)
                case .integer(let n): texts[i].append(String(n))
                case .number(let x): texts[i].append(x.isFinite ? x.description : nil)
                case .missing: texts[i].append(nil)
                }
            case .real:
                switch cell {
                case .number(let x): numbers[i].append(x)
                case .integer(let n): numbers[i].append(Double(n))
                case .text(let s): numbers[i].append(Double(s))
                case .missing: numbers[i].append(nil)
                }
            case .integer:
                switch cell {
                case .integer(let n): integers[i].append(Int64(n))
                case .number(let x): integers[i].append(x.isFinite && x == x.rounded() ? Int64(exactly: x) : nil)
                case .text(let s): integers[i].append(Int64(s))
                case .missing: integers[i].append(nil)
                }
            }
        }
        buffered += 1
        if buffered >= rowGroupRows { try flush() }
    }

    /// Writes the buffered rows as a row group.
    package func flush() throws(PublishError) {
        guard buffered > 0 || !created else { return }
        var bytes: [UInt8] = created ? [] : Array("PAR1".utf8)
        var chunks: [Chunk] = []
        for (i, column) in columns.enumerated() {
            var chunk: Chunk
            let at = fileSize + Int64(bytes.count)
            switch column.type {
            case .text: chunk = textChunk(texts[i], at: at, into: &bytes)
            case .real: chunk = numberChunk(numbers[i], at: at, into: &bytes)
            case .integer: chunk = integerChunk(integers[i], at: at, into: &bytes)
            }
            chunk.values = Int64(buffered)
            chunks.append(chunk)
            // Not kept: a table partitioned by indicator has a writer per indicator, and each keeping its largest
            // row group's capacity held gigabytes at 12 M observations.
            texts[i] = []
            numbers[i] = []
            integers[i] = []
        }
        if buffered > 0 {
            groups.append(
                RowGroup(chunks: chunks, rows: Int64(buffered), bytes: chunks.reduce(0) { $0 + $1.uncompressed }))
        }
        try write(bytes)
        fileSize += Int64(bytes.count)
        buffered = 0
    }

    /// The last row group and the footer: the file is complete and synced.
    package func finish(createdBy: String) throws(PublishError) {
        try flush()
        var footer = ThriftCompactWriter()
        footer.i32(1, 1)
        footer.list(2, of: .structure, count: columns.count + 1)
        footer.beginElement()
        footer.string(4, "schema")
        footer.i32(5, Int32(columns.count))
        footer.end()
        for column in columns {
            footer.beginElement()
            footer.i32(1, Self.physicalType(column.type))
            footer.i32(3, 1)  // OPTIONAL
            footer.string(4, column.name)
            if column.type == .text {
                footer.i32(6, 0)  // UTF8
                footer.begin(10)  // LogicalType: STRING
                footer.begin(1)
                footer.end()
                footer.end()
            }
            footer.end()
        }
        footer.i64(3, groups.reduce(0) { $0 + $1.rows })
        footer.list(4, of: .structure, count: groups.count)
        for group in groups {
            footer.beginElement()
            footer.list(1, of: .structure, count: group.chunks.count)
            for (chunk, column) in zip(group.chunks, columns) {
                footer.beginElement()
                footer.i64(2, chunk.dictionaryOffset ?? chunk.dataOffset)
                footer.begin(3)
                footer.i32(1, chunk.type)
                footer.list(2, of: .i32, count: chunk.encodings.count)
                for e in chunk.encodings { footer.element(e) }
                footer.list(3, of: .binary, count: 1)
                footer.element(column.name)
                footer.i32(4, 2)  // GZIP
                footer.i64(5, chunk.values)
                footer.i64(6, chunk.uncompressed)
                footer.i64(7, chunk.compressed)
                footer.i64(9, chunk.dataOffset)
                if let d = chunk.dictionaryOffset { footer.i64(11, d) }
                footer.begin(12)
                footer.i64(3, chunk.nulls)
                if let max = chunk.max, let min = chunk.min {
                    footer.binary(5, max)
                    footer.binary(6, min)
                }
                footer.end()
                footer.end()
                footer.end()
            }
            footer.i64(2, group.bytes)
            footer.i64(3, group.rows)
            footer.end()
        }
        footer.string(6, createdBy)
        footer.end()
        var tail = footer.bytes
        withUnsafeBytes(of: UInt32(footer.bytes.count).littleEndian) { tail += $0 }
        tail += Array("PAR1".utf8)
        try write(tail, sync: true)
    }

    static func physicalType(_ type: TableSchema.ColumnType) -> Int32 {
        switch type {
        case .text: 6  // BYTE_ARRAY
        case .integer: 2  // INT64
        case .real: 5  // DOUBLE
        }
    }

    /// Appends to the file, creating it on the first call.
    private func write(_ bytes: [UInt8], sync: Bool = false) throws(PublishError) {
        let fd = open(path, created ? (O_WRONLY | O_APPEND) : (O_WRONLY | O_CREAT | O_TRUNC), 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        created = true
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            done += n
        }
        if sync, fsync(fd) != 0, errno != EINVAL {
            throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
