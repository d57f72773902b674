import Foundation

/// The result tables as Parquet (`tables: [parquet]`), for DuckDB, polars, pyarrow, Spark and Trino at any scale:
/// `parquet/<table>/<indicator>/part-0.parquet` for the tables with an `indicator` column, one folder per local
/// indicator, and `parquet/<table>/part-0.parquet` for the others. Every file keeps every column, `indicator`
/// included, so each reader sees the table's exact values; a query on one indicator skips the other files by their
/// statistics (each file's minimum and maximum indicator are its own).
///
/// The folders are named by the id alone, not `indicator=<id>`: a `key=value` folder is read as a column by DuckDB
/// (by default) and polars, with its type guessed from the folder names, and DuckDB 2.0 then replaces the file's
/// text with the guess: `indicator=4-6-1` came back as the timestamp 0004-06-01 and `indicator=2020` as a number.
/// Characters other than letters, digits, `.`, `_` and `-` are written `%XX` in folder names (a leading `.` too).
package enum ParquetTables {
    /// At most this many rows are held across a table's partitions; past it, the partition holding the most is
    /// written as a row group. Rows come in key order, so an indicator's rows mostly arrive together and fill whole
    /// row groups.
    static let heldRows = 131_072

    /// Writes `table` into `folder/<table name>/`.
    package static func write(
        _ table: Table, into folder: URL
    ) throws(PublishError) {
        let columns =
            TableDefinition.named(table.name)?.columns.filter { table.columns.contains($0.name) }
            ?? table.columns.map { TableDefinition.Column(name: $0, type: .text) }
        let base = folder.appendingPathComponent(table.name)
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: base.path, reason: error.localizedDescription)
        }
        // The table's cells in the declared columns' order.
        let positions = columns.map { c in table.columns.firstIndex(of: c.name)! }
        guard let indicator = columns.firstIndex(where: { $0.name == "indicator" }) else {
            let writer = ParquetFileWriter(
                path: base.appendingPathComponent("part-0.parquet").path, columns: columns)
            try table.forEachRow { (row) throws(PublishError) in try writer.append(positions.map { row[$0] }) }
            try writer.finish(createdBy: "sdgpipe")
            return
        }
        var writers: [String: ParquetFileWriter] = [:]
        var total = 0
        let inOrder = positions == Array(positions.indices)
        // The writer of the row before: rows come in key order, an indicator's together.
        var current: (id: String, writer: ParquetFileWriter)?
        try table.forEachRow { (row) throws(PublishError) in
            let cells = inOrder ? row : positions.map { row[$0] }
            let id: String
            if case .text(let s) = cells[indicator] { id = s } else { id = "" }
            let writer: ParquetFileWriter
            if let current, current.id == id {
                writer = current.writer
            } else if let known = writers[id] {
                writer = known
                current = (id, known)
            } else {
                let partition = base.appendingPathComponent(folderName(id))
                do {
                    try FileManager.default.createDirectory(at: partition, withIntermediateDirectories: true)
                } catch {
                    throw .cannotWrite(path: partition.path, reason: error.localizedDescription)
                }
                writer = ParquetFileWriter(
                    path: partition.appendingPathComponent("part-0.parquet").path, columns: columns,
                    rowGroupRows: heldRows)
                writers[id] = writer
                current = (id, writer)
            }
            try writer.append(cells)
            total += 1
            if total >= heldRows {
                // A writer writes its own row group at `heldRows`; past that many across writers, the largest.
                total = writers.values.reduce(0) { $0 + $1.bufferedRows }
                if total >= heldRows, let largest = writers.values.max(by: { $0.bufferedRows < $1.bufferedRows }) {
                    total -= largest.bufferedRows
                    try largest.flush()
                }
            }
        }
        if writers.isEmpty {
            // No rows: one empty file with the schema, so that a reader finds the table and its columns.
            let writer = ParquetFileWriter(
                path: base.appendingPathComponent("part-0.parquet").path, columns: columns)
            try writer.finish(createdBy: "sdgpipe")
        }
        for writer in writers.values { try writer.finish(createdBy: "sdgpipe") }
    }

    /// The folder of an indicator's files: its id, with characters outside `A-Z a-z 0-9 . _ -` (and a leading `.`)
    /// written `%XX`; an empty id is `%` (which no encoded id is).
    static func folderName(_ id: String) -> String {
        guard !id.isEmpty else { return "%" }
        var name = ""
        for (i, byte) in id.utf8.enumerated() {
            let c = Character(UnicodeScalar(byte))
            let safe = (c.isASCII && (c.isLetter || c.isNumber)) || c == "_" || c == "-" || (c == "." && i > 0)
            name += safe ? String(c) : String(format: "%%%02X", byte)
        }
        return name
    }
}
