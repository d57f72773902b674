#if PostgreSQL
import Dispatch
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SDGCore

/// The result tables in PostgreSQL, for a city network writing into one database that dashboards read (`--db
/// postgres://user@host:port/db`). Same tables, columns and keys as SQLite; a run replaces its pipeline's rows (its
/// areas' rows with `--only-areas`) in one transaction, loaded with `COPY FROM STDIN`. The password comes from the URL,
/// `PGPASSWORD` or `~/.pgpass`, and is never logged.
///
/// Two phases, so the transaction commits when the output folder is swapped in: `prepare` opens the transaction and
/// loads the rows, `commit` or `rollback` ends it.
package final class PostgresStore: ResultStore, @unchecked Sendable {
    package static let schemaVersion = 1
    /// The advisory lock writers hold (the bytes of "SDGpipe1"): a run over all its areas holds it alone (it may
    /// empty tables with TRUNCATE), runs of some areas (`--only-areas`) share it and lock their areas.
    static let writerLock: Int64 = 0x5344_4770_6970_6531
    /// The advisory lock of schema changes (the bytes of "SDGpipe2"), held only while tables are created or altered.
    static let schemaLock: Int64 = 0x5344_4770_6970_6532
    /// Above this many areas a run locks the database as a run over all areas does: each area's lock takes a slot of
    /// the server's lock table (`max_locks_per_transaction` × `max_connections`, 6,400 by default).
    static let mostAreaLocks = 1000
    package let description: String
    let configuration: PostgresConnection.Configuration
    let settings: PostgresURL
    private var connection: PostgresConnection?
    let logger = Logger(label: "sdgpipe.postgres")

    package init(url: String) throws(PublishError) {
        settings = try PostgresURL(url)
        let environment = ProcessInfo.processInfo.environment
        let user = settings.user ?? environment["PGUSER"] ?? "postgres"
        let database = settings.database ?? user
        let password =
            settings.password ?? environment["PGPASSWORD"]
            ?? Self.pgpass(host: settings.host, port: settings.port, database: database, user: user)
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: user, password: password, database: database,
            tls: .disable)
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeout * 1000))
        self.configuration = configuration
        description = settings.shown
    }

    /// The URL without its password, for messages and `run.json`.
    package static func redacted(_ url: String) -> String { DatabaseURL.redacted(url) }

    /// The first matching line of `~/.pgpass` (`host:port:database:user:password`, `*` matching anything).
    static func pgpass(host: String, port: Int, database: String, user: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PGPASSFILE"] ?? (NSHomeDirectory() + "/.pgpass")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(f.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return f[4] }
        }
        return nil
    }

    /// Opens the transaction, creates or checks the schema, replaces the pipeline's rows and records the run.
    package func prepare(pipeline: String, tables: [Table], areas: [String]?, run: RunRecord) throws(PublishError) {
        let (configuration, settings, logger) = (self.configuration, self.settings, self.logger)
        let progress = CallProgress()
        do {
            let connection = try PostgresCall.wait(on: nil, settings: settings, progress: progress) {
                try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            }
            self.connection = connection
            try PostgresCall.wait(on: connection, settings: settings, progress: progress) {
                progress.mark("starting the transaction")
                // Bounded waits (see `PostgresURL`): a statement, and a wait for another run's table lock.
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SET statement_timeout = \(Int64(settings.statementTimeout * 1000))"),
                    logger: logger)
                try await connection.query(
                    PostgresQuery(unsafeSQL: "SET lock_timeout = \(Int64(settings.lockTimeout * 1000))"),
                    logger: logger)
                let written = tables.filter { TableSchema.databaseTables.contains($0.name) }
                // Tables are created or altered in a transaction of their own, one run at a time: two runs starting
                // together raced in `CREATE TABLE IF NOT EXISTS` (a duplicate key in pg_type). Committed apart, so
                // that runs of different areas then load side by side.
                try await connection.query("BEGIN", logger: logger)
                progress.mark("waiting for another run creating tables")
                try await Self.read(
                    connection.query("SELECT pg_advisory_xact_lock(\(Self.schemaLock))", logger: logger))
                try await Self.migrate(connection, logger)
                for table in written { try await Self.createOrAlter(table, on: connection, logger) }
                try await connection.query("COMMIT", logger: logger)
                try await connection.query("BEGIN", logger: logger)
                progress.mark("waiting for another run writing this database")
                try await Self.lock(
                    pipeline: pipeline, areas: areas, summaries: written.contains { !$0.columns.contains("area") },
                    replacing: !written.isEmpty, on: connection, logger)
                progress.mark("starting the transaction")
                for table in written {
                    try await Self.replace(
                        table, pipeline: pipeline, areas: areas, on: connection, progress: progress, logger)
                }
                progress.mark("recording the run")
                try await Self.insert(run, on: connection, logger)
            }
        } catch {
            let failure = PostgresCall.failure(error, settings: settings, progress: progress)
            if case .interrupted(_, let interruption) = failure,
                interruption != .lockTimeout(seconds: settings.lockTimeout)
            {
                // Nobody to roll back with: the server drops the transaction with the connection.
                PostgresCall.close(connection)
                connection = nil
            } else {
                rollback()
            }
            throw failure
        }
    }

    package var sharesRowsWithFiles: Bool { true }
    package var swapsWithOutputFolder: Bool { false }

    package func commit() throws(PublishError) { try finish("COMMIT") }
    package func rollback() { try? finish("ROLLBACK") }

    /// Ends the transaction and closes the connection. A connection lost after COMMIT was sent leaves the outcome
    /// unknown (`commitOutcomeUnknown`); after ROLLBACK it does not matter, the server drops the transaction.
    private func finish(_ statement: String) throws(PublishError) {
        guard let connection else { return }
        self.connection = nil
        let (settings, logger) = (self.settings, self.logger)
        let progress = CallProgress()
        progress.mark(statement == "COMMIT" ? "committing" : "rolling back")
        defer { PostgresCall.close(connection) }
        do {
            try PostgresCall.wait(on: connection, settings: settings, progress: progress) {
                if statement == "COMMIT" { Failpoint.reach("database-commit", active: Failpoint.environment) }
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        } catch {
            let failure = PostgresCall.failure(error, settings: settings, progress: progress)
            switch failure {
            case .interrupted(_, .connectionLost),
                .interrupted(_, .stalled) where statement == "COMMIT":
                throw .interrupted(database: settings.shown, .commitOutcomeUnknown)
            default: throw failure
            }
        }
    }

    /// Records a run that wrote no results, in its own small transaction.
    package func record(_ run: RunRecord) throws(PublishError) {
        try prepare(pipeline: run.pipeline, tables: [], areas: nil, run: run)
        try commit()
    }

    static func migrate(_ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS sdgpipe_schema (version INTEGER NOT NULL)", logger: logger)
        let rows = try await connection.query("SELECT max(version) FROM sdgpipe_schema", logger: logger)
        var version: Int?
        for try await row in rows { version = try row.decode(Int?.self) }
        if let version, version > schemaVersion { throw PublishError.newerDatabase(path: "PostgreSQL") }
        if version == nil {
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, started TEXT, finished TEXT,
                  status TEXT, exit_code BIGINT, fingerprint TEXT, inputs TEXT, rows_read BIGINT, rows_rejected BIGINT,
                  rows_written BIGINT, timings TEXT, sdgpipe_version TEXT)
                """, logger: logger)
            try await connection.query("INSERT INTO sdgpipe_schema (version) VALUES (\(schemaVersion))", logger: logger)
        }
        // Added after version 1 without changing it: a nullable column earlier versions leave empty.
        try await addMissingColumns("runs", [("areas", "TEXT")], on: connection, logger)
    }

    /// Adds the columns `table` does not have yet. Looked for first: ALTER TABLE locks the table even when the column
    /// exists (`ADD COLUMN IF NOT EXISTS` too), and would wait for every shard loading into it meanwhile.
    static func addMissingColumns(
        _ table: String, _ columns: [(name: String, type: String)], on connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        let existing = try await connection.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = \(table) AND table_schema = current_schema()",
            logger: logger)
        var present = Set<String>()
        for try await row in existing { present.insert(try row.decode(String.self)) }
        for (column, type) in columns where !present.contains(column) {
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER TABLE \"\(table)\" ADD COLUMN \"\(column)\" \(type)"), logger: logger)
        }
    }

    /// Reads a query's rows: a SELECT's error (a lock timeout) arrives with them.
    static func read(_ rows: PostgresRowSequence) async throws { for try await _ in rows {} }

    /// Takes the load transaction's advisory locks, until its commit. Readers (dashboards) never wait for them; a
    /// writer waits up to `lock_timeout`.
    ///
    /// - A run over all areas (or over more than `mostAreaLocks`) holds `writerLock` alone: it may empty a table with
    ///   TRUNCATE, which would erase rows another run commits meanwhile.
    /// - A run of some areas (a shard of a network) shares `writerLock` and locks each of its areas in this
    ///   pipeline, so shards with disjoint areas load side by side and a shard run twice at once goes one after the
    ///   other; the one that replaces the summaries without an area (`coverage`, the profiles) also locks them.
    ///   Locks are taken in the order of their keys, so two shards never wait for each other in a circle.
    /// - A transaction that replaces no table (recording a skipped run) shares `writerLock`.
    static func lock(
        pipeline: String, areas: [String]?, summaries: Bool, replacing: Bool, on connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        guard replacing else {
            return try await read(
                connection.query("SELECT pg_advisory_xact_lock_shared(\(Self.writerLock))", logger: logger))
        }
        guard let areas, areas.count <= mostAreaLocks else {
            return try await read(connection.query("SELECT pg_advisory_xact_lock(\(Self.writerLock))", logger: logger))
        }
        try await read(connection.query("SELECT pg_advisory_xact_lock_shared(\(Self.writerLock))", logger: logger))
        // The unit separator keeps (pipeline, area) pairs apart; the summaries' name is one no area can have.
        let names = areas.map { pipeline + "\u{1F}" + $0 } + (summaries ? [pipeline + "\u{1F}\u{1E}summaries"] : [])
        try await read(
            connection.query(
                "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest(\(names)::text[]) n ORDER BY k OFFSET 0) s",
                logger: logger))
    }

    /// Creates the table, or adds the columns an earlier version did not have.
    static func createOrAlter(_ table: Table, on connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            PostgresQuery(
                unsafeSQL: TableSchema.createStatement(table: table.name, columns: table.columns, dialect: .postgres)),
            logger: logger)
        try await addMissingColumns(
            table.name, table.columns.map { ($0, TableSchema.type(of: $0).postgres) }, on: connection, logger)
    }

    static func replace(
        _ table: Table, pipeline: String, areas: [String]?, on connection: PostgresConnection,
        progress: CallProgress, _ logger: Logger
    ) async throws {
        progress.mark("loading table \(table.name)")
        var emptied = false
        progress.mark()
        precondition(table.scope.count <= 1, "one scope column per table (editions.edition)")
        if let (column, value) = table.scope.first {
            // Only this run's edition (`editions`): the others stay for the next review to compare with.
            let name = "\"" + table.name + "\""
            let scoped = "\"" + column + "\""
            if let areas, table.columns.contains("area") {
                try await connection.query(
                    "DELETE FROM \(unescaped: name) WHERE pipeline = \(pipeline) AND \(unescaped: scoped) = \(value) AND area = ANY(\(areas))",
                    logger: logger)
            } else {
                try await connection.query(
                    "DELETE FROM \(unescaped: name) WHERE pipeline = \(pipeline) AND \(unescaped: scoped) = \(value)",
                    logger: logger)
            }
        } else if let areas, table.columns.contains("area") {
            try await connection.query(
                "DELETE FROM \(unescaped: "\"" + table.name + "\"") WHERE pipeline = \(pipeline) AND area = ANY(\(areas))",
                logger: logger)
        } else if areas != nil {
            // A shard holding the summaries replaces them (never TRUNCATE: other shards load beside it).
            try await connection.query(
                "DELETE FROM \(unescaped: "\"" + table.name + "\"") WHERE pipeline = \(pipeline)", logger: logger)
        } else {
            // When the table holds only this pipeline's rows, it is emptied with TRUNCATE (transactional in
            // PostgreSQL): deleting a network's 12 M rows one by one took longer than loading them and left them as
            // dead tuples. Readers of the table wait for the commit instead of seeing the previous rows meanwhile.
            let others = try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM \(unescaped: "\"" + table.name + "\"") WHERE pipeline < \(pipeline) OR pipeline > \(pipeline))",
                logger: logger)
            var shared = true
            for try await row in others { shared = try row.decode(Bool.self) }
            progress.mark()
            if shared {
                try await connection.query(
                    "DELETE FROM \(unescaped: "\"" + table.name + "\"") WHERE pipeline = \(pipeline)", logger: logger)
            } else {
                try await connection.query("TRUNCATE \(unescaped: "\"" + table.name + "\"")", logger: logger)
                emptied = true
            }
        }
        guard table.count > 0 else { return }
        // An emptied table is loaded without its primary key, which is then built once from the loaded rows: 2.7 s
        // instead of 4.2 s for 1.94 M observation rows (the key is checked all the same: a duplicate fails the run).
        var primaryKey: String?
        if emptied, let keyColumns = TableSchema.keys[table.name], !keyColumns.isEmpty {
            let rows = try await connection.query(
                "SELECT conname::text FROM pg_constraint WHERE conrelid = to_regclass(\("\"" + table.name + "\"")) AND contype = 'p'",
                logger: logger)
            for try await row in rows { primaryKey = try row.decode(String.self) }
            if let primaryKey {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "ALTER TABLE \"\(table.name)\" DROP CONSTRAINT \"\(primaryKey)\""),
                    logger: logger)
            }
        }
        progress.mark()
        let encoder = PostgresBinaryCopy(
            table: table.name, columns: table.columns, key: Set(TableSchema.keys[table.name] ?? []))
        // postgres-nio (1.33) builds `COPY "<table>"(<columns>) FROM STDIN WITH (FORMAT text)` and offers no other
        // format, inserting the table name as given (its documented behaviour). The binary format is asked for through
        // that name: it closes the quote, lists the columns and the options, and comments out the rest of the line.
        // PostgresTests load every table this way and compare each cell with the CSV tables, so a postgres-nio that
        // built the statement otherwise fails them rather than loading wrong rows.
        let statement =
            table.name + "\"(" + table.columns.map { "\"\($0)\"" }.joined(separator: ",")
            + ") FROM STDIN WITH (FORMAT binary) --"
        try await connection.copyFrom(table: statement, columns: [], logger: logger) { writer in
            // Rows are encoded a batch at a time between the awaits. They are the batches the CSV and JSON writers
            // read too (`Table.shared`): made a second time for the database, the 12 M-observation write took 43.9 s
            // instead of 38.6–39.1 s.
            var batches = table.batchCursor()
            defer { batches.close() }
            var bytes = PostgresBinaryCopy.header
            var first = true
            while let (cells, rows) = batches.next() {
                // Encoded into plain bytes and handed over once a batch: a `ByteBuffer` write per cell was a fifth of
                // a network run's load on this side.
                bytes.reserveCapacity(bytes.count + rows * 160)
                for r in 0..<rows { try encoder.append(row: r, of: cells, to: &bytes) }
                try await writer.write(ByteBuffer(bytes: bytes))
                bytes.removeAll(keepingCapacity: true)
                progress.mark()
                if first { Failpoint.reach("database-copy", active: Failpoint.environment) }
                first = false
            }
            bytes.append(contentsOf: PostgresBinaryCopy.trailer)
            try await writer.write(ByteBuffer(bytes: bytes))
        }
        if primaryKey != nil, let keyColumns = TableSchema.keys[table.name] {
            progress.mark()
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "ALTER TABLE \"\(table.name)\" ADD PRIMARY KEY ("
                        + keyColumns.map { "\"\($0)\"" }.joined(separator: ", ") + ")"), logger: logger)
        }
    }

    static func insert(_ run: RunRecord, on connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO runs (run_id, pipeline, started, finished, status, exit_code, fingerprint, inputs, rows_read,
              rows_rejected, rows_written, timings, sdgpipe_version, areas)
            VALUES (\(run.runID), \(run.pipeline), \(run.started), \(run.finished), \(run.status), \(run.exitCode),
              \(run.fingerprint), \(run.inputs), \(run.rowsRead), \(run.rowsRejected), \(run.rowsWritten), \(run.timings), \(run.version),
              \(run.areas))
            ON CONFLICT (run_id) DO NOTHING
            """, logger: logger)
    }

}

let postgresIsBuilt = true
func openPostgresStore(url: String) throws(PublishError) -> any ResultStore { try PostgresStore(url: url) }
#else
/// Without the `PostgreSQL` trait, a `postgres://` database is refused (exit 2) before anything is read.
let postgresIsBuilt = false
func openPostgresStore(url: String) throws(PublishError) -> any ResultStore { throw .postgresNotBuilt(url: url) }
#endif
