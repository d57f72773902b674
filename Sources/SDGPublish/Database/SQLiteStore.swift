import Foundation
import GRDB
import GRDBSQLite
import SDGCore

/// One run as the `runs` table records it.
package struct RunRecord: Sendable {
    package let runID: String
    package let pipeline: String
    package let started: String
    package let finished: String
    package let status: String
    package let exitCode: Int
    package let fingerprint: String
    /// The inputs as JSON: source, path, sha256, bytes, rows read and rejected.
    package let inputs: String
    package let rowsRead: Int
    package let rowsRejected: Int
    package let rowsWritten: Int
    /// Stage timings in milliseconds as JSON.
    package let timings: String
    package let version: String
    /// The run's areas (`--only-areas`) as a JSON array, `nil` for a run over all areas: which shard of a network
    /// wrote when.
    package let areas: String?

    package init(
        runID: String, pipeline: String, started: String, finished: String, status: String, exitCode: Int,
        fingerprint: String, inputs: String, rowsRead: Int, rowsRejected: Int, rowsWritten: Int, timings: String,
        version: String, areas: String? = nil
    ) {
        self.areas = areas
        self.runID = runID
        self.pipeline = pipeline
        self.started = started
        self.finished = finished
        self.status = status
        self.exitCode = exitCode
        self.fingerprint = fingerprint
        self.inputs = inputs
        self.rowsRead = rowsRead
        self.rowsRejected = rowsRejected
        self.rowsWritten = rowsWritten
        self.timings = timings
        self.version = version
    }
}

/// The result tables in SQLite (GRDB), WAL mode, with a versioned schema: an older database is migrated, a newer one
/// refused. A run replaces its pipeline's rows (for its areas, when scoped) in one transaction, so a reader sees the
/// previous results or the new ones, never a mixture.
package final class SQLiteStore {
    /// Bumped with every schema change; each version is one migration below.
    package static let schemaVersion = 3
    let queue: DatabaseQueue
    package let path: String

    package init(path: String) throws(PublishError) {
        self.path = path
        do {
            var configuration = Configuration()
            // 16 KiB pages for a new file (an existing one keeps its own): loading a network's tables in key order
            // took a fifth less time than with 4 KiB pages (1.94 M observation rows: 1.28 → 1.02 s in SQLite).
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
            configuration.journalMode = .wal
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Self.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw PublishError.newerDatabase(path: path)
            }
            try migrator.migrate(queue)
        } catch let error as PublishError {
            throw error
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runs (run_id TEXT PRIMARY KEY NOT NULL, pipeline TEXT NOT NULL, started TEXT, finished TEXT,
                      status TEXT, exit_code INTEGER, fingerprint TEXT, inputs TEXT, rows_read INTEGER, rows_rejected INTEGER,
                      rows_written INTEGER, timings TEXT, sdgpipe_version TEXT)
                    """)
            try db.execute(sql: "CREATE INDEX runs_pipeline ON runs (pipeline, finished)")
        }
        // The observations table becomes WITHOUT ROWID (see `TableSchema.withoutRowID`): an existing one is copied
        // into the new layout, rows and columns as they are.
        migrator.registerMigration("v2: observations without rowid") { db in
            guard try db.tableExists("observations") else { return }
            let columns = try db.columns(in: "observations").map(\.name)
            try db.execute(sql: "ALTER TABLE observations RENAME TO observations_v1")
            try db.execute(sql: TableSchema.createStatement(table: "observations", columns: columns))
            let list = columns.map { "\"\($0)\"" }.joined(separator: ",")
            try db.execute(sql: "INSERT INTO observations (\(list)) SELECT \(list) FROM observations_v1")
            try db.execute(sql: "DROP TABLE observations_v1")
        }
        migrator.registerMigration("v3: the areas of a run") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN areas TEXT")
        }
        return migrator
    }

    /// Replaces `pipeline`'s rows of every table (only those of `areas` when given) and records the run, in one
    /// transaction. Tables are created on first use from their columns and `TableSchema`.
    ///
    /// `staged` says the file is a private copy that replaces the real database only after this write has succeeded
    /// (as `sdgpipe run` does): SQLite's rollback journal then protects nothing the copy does not, so it is turned off
    /// for the write — a million-row load otherwise writes every page twice (WAL, then checkpoint) — and the copy goes
    /// back to WAL mode before it is swapped in. The commit still syncs the file.
    package func write(pipeline: String, tables: [Table], areas: [String]?, run: RunRecord, staged: Bool = false)
        throws(PublishError) -> Int
    {
        do {
            if staged {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = OFF")
                    try db.execute(sql: "PRAGMA cache_size = -32768")
                }
            }
            defer {
                if staged {
                    try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
                }
            }
            return try queue.write { db in
                var written = 0
                for table in tables where TableSchema.databaseTables.contains(table.name) {
                    try db.execute(sql: TableSchema.createStatement(table: table.name, columns: table.columns))
                    let existing = Set(try db.columns(in: table.name).map(\.name))
                    for column in table.columns where !existing.contains(column) {
                        try db.execute(
                            sql:
                                "ALTER TABLE \"\(table.name)\" ADD COLUMN \"\(column)\" \(TableSchema.type(of: column).rawValue)"
                        )
                    }
                    var delete = "DELETE FROM \"\(table.name)\" WHERE pipeline = ?"
                    var arguments: [DatabaseValueConvertible] = [pipeline]
                    for (column, value) in table.scope.sorted(by: { $0.key < $1.key }) {
                        delete += " AND \"\(column)\" = ?"
                        arguments.append(value)
                    }
                    if let areas, table.columns.contains("area") {
                        delete += " AND area IN (" + areas.map { _ in "?" }.joined(separator: ",") + ")"
                        arguments += areas
                    } else if table.scope.isEmpty,
                        try !Bool.fetchOne(
                            db,
                            sql: "SELECT EXISTS (SELECT 1 FROM \"\(table.name)\" WHERE pipeline < ?1 OR pipeline > ?1)",
                            arguments: [pipeline])!
                    {
                        // Only this pipeline's rows (asked as two ranges of the key, which starts with `pipeline`, so
                        // SQLite looks at the index rather than every row): emptying the table whole is SQLite's
                        // truncate, not a delete per row.
                        delete = "DELETE FROM \"\(table.name)\""
                        arguments = []
                    }
                    try db.execute(sql: delete, arguments: StatementArguments(arguments)!)
                    let key = Set(TableSchema.keys[table.name] ?? [])
                    let width = table.columns.count
                    // Rows go in groups of up to 64 per statement: a statement's start costs about as much as
                    // inserting a row, and SQLite allows 32,766 parameters.
                    let group = max(1, min(64, 32_766 / width))
                    func insert(rows: Int) throws -> Statement {
                        let values = "(" + table.columns.map { _ in "?" }.joined(separator: ",") + ")"
                        return try db.makeStatement(
                            sql: "INSERT OR REPLACE INTO \"\(table.name)\" ("
                                + table.columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
                                + Array(repeating: values, count: rows).joined(separator: ","))
                    }
                    let single = try insert(rows: 1)
                    let grouped = try insert(rows: group)
                    let keyed = table.columns.map { key.contains($0) }
                    var arena: [UInt8] = []
                    var spans: [Int] = []
                    arena.reserveCapacity(group * 512)
                    spans.reserveCapacity(2 * group * width)
                    try table.forEachBatch { cells, rows in
                        try cells.withUnsafeBufferPointer { all in
                            var r = 0
                            while r < rows {
                                let n = rows - r >= group ? group : 1
                                try Self.bind(
                                    UnsafeBufferPointer(rebasing: all[(r * width)..<((r + n) * width)]), keyed: keyed,
                                    arena: &arena, spans: &spans, to: (n == group ? grouped : single).sqliteStatement,
                                    in: db)
                                r += n
                            }
                        }
                        written += rows
                    }
                }
                try Self.insert(run, into: db, rowsWritten: written)
                return written
            }
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    /// Binds rows (one or a group, as many as `statement` has parameters for) straight through the SQLite C API
    /// and steps the statement. GRDB's `StatementArguments` cost more than SQLite itself here (a key-path map per
    /// row; `perf` put it at two thirds of the write stage), and a network run writes millions of rows. Missing key
    /// cells become "" so that `INSERT OR REPLACE` sees equal keys.
    ///
    /// The rows' text is first copied into `arena` and bound from there as static, so SQLite does not copy every
    /// text cell with its own allocator.
    static func bind(
        _ cells: UnsafeBufferPointer<Table.Cell>, keyed: [Bool], arena: inout [UInt8], spans: inout [Int],
        to statement: SQLiteStatement, in db: Database
    ) throws {
        arena.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        for cell in cells {
            if case .text(var text) = cell {
                spans.append(arena.count)
                text.withUTF8 { arena.append(contentsOf: $0) }
                spans.append(arena.count)
            } else {
                spans.append(0)
                spans.append(0)
            }
        }
        arena.append(0)  // a valid address for the empty text
        let width = keyed.count
        let code: Int32 = arena.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                let base = chars.baseAddress!
                let empty = base + (chars.count - 1)
                for (i, cell) in cells.enumerated() {
                    let index = Int32(i + 1)
                    let code: Int32
                    switch cell {
                    case .missing:
                        code =
                            keyed[i % width]
                            ? sqlite3_bind_text(statement, index, empty, 0, nil) : sqlite3_bind_null(statement, index)
                    case .text:
                        code = sqlite3_bind_text(
                            statement, index, base + spans[2 * i], Int32(spans[2 * i + 1] - spans[2 * i]), nil)
                    case .number(let d):
                        code =
                            d.isFinite ? sqlite3_bind_double(statement, index, d) : sqlite3_bind_null(statement, index)
                    case .integer(let n): code = sqlite3_bind_int64(statement, index, Int64(n))
                    }
                    guard code == SQLITE_OK else { return code }
                }
                let step = sqlite3_step(statement)
                sqlite3_reset(statement)
                return step == SQLITE_DONE ? SQLITE_OK : step
            }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Records a run that wrote no results (skipped as unchanged).
    package func record(_ run: RunRecord) throws(PublishError) {
        do {
            try queue.write { db in try Self.insert(run, into: db, rowsWritten: run.rowsWritten) }
        } catch {
            throw .database(path: path, reason: "\(error)")
        }
    }

    static func insert(_ run: RunRecord, into db: Database, rowsWritten: Int) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO runs (run_id, pipeline, started, finished, status, exit_code, fingerprint, inputs,
                  rows_read, rows_rejected, rows_written, timings, sdgpipe_version, areas) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                """,
            arguments: [
                run.runID, run.pipeline, run.started, run.finished, run.status, run.exitCode, run.fingerprint,
                run.inputs, run.rowsRead, run.rowsRejected, rowsWritten, run.timings, run.version, run.areas,
            ])
    }

    /// Closes the database (checkpointing the WAL into the main file).
    package func close() throws(PublishError) {
        do { try queue.close() } catch { throw .database(path: path, reason: "\(error)") }
    }
}
