import Foundation
import GRDBSQLite

/// Reading the previous edition of the review back from the committed database (`ReviewEdition`): the rows of the
/// edition recorded before this run's, for `vlr/changes.csv`. Read before the run writes anything, from what readers
/// see (the published SQLite file, the committed PostgreSQL rows), so a run that records an edition again still
/// compares with the one before it.
extension SQLiteResultStore {
    /// The published file is opened `immutable`: sdgpipe never changes it in place (a run writes a copy and renames
    /// it over), and an ordinary read-only open of a WAL database creates its `-shm` file, which would change the
    /// output folder (and fail in a read-only one) before the run has decided anything.
    package func previousEdition(pipeline: String, before edition: String) throws(PublishError) -> ReviewEdition? {
        guard FileManager.default.fileExists(atPath: database.path) else { return nil }
        let path = database.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database.path
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        func failure(_ doing: String) -> PublishError {
            .database(
                path: database.path,
                reason:
                    "cannot read the previous edition (\(doing)): \(db.map { String(cString: sqlite3_errmsg($0)) } ?? "?")"
            )
        }
        guard sqlite3_open_v2("file:\(path)?immutable=1", &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil) == SQLITE_OK
        else { throw failure("opening") }
        /// Every row of `sql` with `arguments` bound, as cells by column name.
        func rows(_ sql: String, _ arguments: [String]) throws(PublishError) -> [[String: Table.Cell]] {
            var statement: OpaquePointer?
            defer { sqlite3_finalize(statement) }
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw failure("preparing") }
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (i, a) in arguments.enumerated() { sqlite3_bind_text(statement, Int32(i + 1), a, -1, transient) }
            var result: [[String: Table.Cell]] = []
            while true {
                let step = sqlite3_step(statement)
                if step == SQLITE_DONE { return result }
                guard step == SQLITE_ROW else { throw failure("reading") }
                var cells: [String: Table.Cell] = [:]
                for c in 0..<sqlite3_column_count(statement) {
                    let name = String(cString: sqlite3_column_name(statement, c))
                    switch sqlite3_column_type(statement, c) {
                    case SQLITE_INTEGER: cells[name] = .integer(Int(sqlite3_column_int64(statement, c)))
                    case SQLITE_FLOAT: cells[name] = .number(sqlite3_column_double(statement, c))
                    case SQLITE_TEXT: cells[name] = .text(String(cString: sqlite3_column_text(statement, c)))
                    default: cells[name] = .missing
                    }
                }
                result.append(cells)
            }
        }
        let table = TableDefinition.editions.name
        guard
            !(try rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [table])).isEmpty
        else { return nil }
        let labels = try rows("SELECT DISTINCT edition FROM editions WHERE pipeline = ?", [pipeline]).compactMap {
            if case .text(let s) = $0["edition"] { return s }
            return nil
        }
        guard let previous = ReviewEdition.previous(of: edition, among: labels) else { return nil }
        return ReviewEdition(
            label: previous,
            rows: try rows("SELECT * FROM editions WHERE pipeline = ? AND edition = ?", [pipeline, previous]))
    }
}
