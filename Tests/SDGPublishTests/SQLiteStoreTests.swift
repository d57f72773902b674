import Foundation
import GRDB
import SDGTestSupport
import Testing

@testable import SDGPublish

/// The SQLite writer binds cells through the C API (for speed), so every cell kind is checked on the way back.
@Suite struct SQLiteStoreTests {
    func run(_ id: String) -> RunRecord {
        RunRecord(
            runID: id, pipeline: "p", started: "s", finished: "f", status: "succeeded", exitCode: 0, fingerprint: "x",
            inputs: "[]", rowsRead: 2, rowsRejected: 0, rowsWritten: 0, timings: "{}", version: "test")
    }

    func observations(_ rows: [[SDGPublish.Table.Cell]]) -> SDGPublish.Table {
        var table = SDGPublish.Table(
            name: "observations",
            columns: [
                "pipeline", "source", "indicator", "area", "disaggregation", "period", "value", "unit", "obs_status",
            ])
        for row in rows { table.append(row) }
        return table
    }

    @Test func everyCellKindRoundTrips() throws {
        let dir = TemporaryDirectory()
        let store = try SQLiteStore(path: dir.path("r.sqlite"))
        let table = observations([
            [
                .text("p"), .text("feed"), .text("IND"), .text("São Paulo – Zona Sul 🏙"), .missing, .text("2019/20"),
                .number(-0.125), .text(""), .integer(7),
            ],
            [
                .text("p"), .text("feed"), .text("IND"), .text("Lakeside"), .missing, .text("2020"), .number(.nan),
                .missing, .missing,
            ],
        ])
        #expect(try store.write(pipeline: "p", tables: [table], areas: nil, run: run("r1")) == 2)
        try store.close()
        let rows = try DatabaseQueue(path: dir.path("r.sqlite")).read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT area, disaggregation, period, value, unit, obs_status FROM observations ORDER BY period")
        }
        #expect(rows.count == 2)
        #expect(rows[0]["area"] as String? == "São Paulo – Zona Sul 🏙")
        #expect(
            rows[0]["disaggregation"] as String? == "",
            "a missing key cell is stored as an empty text, so keys compare equal")
        #expect(rows[0]["period"] as String? == "2019/20")
        #expect(rows[0]["value"] as Double? == -0.125)
        #expect(rows[0]["unit"] as String? == "")
        #expect(rows[0]["obs_status"] as String? == "7" || rows[0]["obs_status"] as Int? == 7)
        #expect(rows[1]["value"] as Double? == nil, "NaN is stored as NULL")
        #expect(rows[1]["unit"] as String? == nil, "a missing non-key cell is NULL")
    }

    @Test func aRerunReplacesRowsWithEqualKeys() throws {
        let dir = TemporaryDirectory()
        let row: [SDGPublish.Table.Cell] = [
            .text("p"), .text("feed"), .text("IND"), .text("A"), .missing, .text("2020"), .number(1), .missing,
            .missing,
        ]
        var second = row
        second[6] = .number(2)
        let store = try SQLiteStore(path: dir.path("r.sqlite"))
        _ = try store.write(pipeline: "p", tables: [observations([row])], areas: nil, run: run("r1"))
        _ = try store.write(pipeline: "p", tables: [observations([row, second])], areas: nil, run: run("r2"))
        try store.close()
        let values = try DatabaseQueue(path: dir.path("r.sqlite")).read { db in
            try Double.fetchAll(db, sql: "SELECT value FROM observations")
        }
        #expect(values == [2], "the same key twice in one write keeps the last row, never two")
    }

    @Test func aStagedWriteKeepsOtherPipelinesAndLeavesTheFileInWALMode() throws {
        let dir = TemporaryDirectory()
        func row(_ pipeline: String, _ area: String) -> [SDGPublish.Table.Cell] {
            [
                .text(pipeline), .text("feed"), .text("IND"), .text(area), .missing, .text("2020"), .number(1),
                .missing, .missing,
            ]
        }
        let store = try SQLiteStore(path: dir.path("r.sqlite"))
        _ = try store.write(
            pipeline: "other", tables: [observations([row("other", "A")])], areas: nil, run: run("r0"), staged: true)
        _ = try store.write(
            pipeline: "p", tables: [observations([row("p", "A"), row("p", "B")])], areas: nil, run: run("r1"),
            staged: true)
        _ = try store.write(
            pipeline: "p", tables: [observations([row("p", "C")])], areas: nil, run: run("r2"), staged: true)
        // Only this pipeline's rows: the table is emptied whole before the write.
        _ = try store.write(
            pipeline: "other", tables: [observations([row("other", "D")])], areas: nil, run: run("r3"), staged: true)
        try store.close()
        let (rows, mode, check) = try DatabaseQueue(path: dir.path("r.sqlite")).read { db in
            (
                try String.fetchAll(db, sql: "SELECT pipeline || ':' || area FROM observations ORDER BY 1"),
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchOne(db, sql: "PRAGMA integrity_check")
            )
        }
        #expect(rows == ["other:D", "p:C"])
        #expect(mode == "wal")
        #expect(check == "ok")
    }

    @Test func rowsMadeOnDemandAreWrittenLikeHeldRows() throws {
        let dir = TemporaryDirectory()
        let columns = [
            "pipeline", "source", "indicator", "area", "disaggregation", "period", "value", "unit", "obs_status",
        ]
        let made = SDGPublish.Table(name: "observations", columns: columns, count: 3) { i, cells in
            for c in cells.indices { cells[c] = .missing }
            cells[0] = .text("p")
            cells[3] = .text("area \(i)")
            cells[5] = .text("2020")
            cells[6] = .number(Double(i))
        }
        let scoped = made.filtered { $0[3] != .text("area 1") }
        let store = try SQLiteStore(path: dir.path("r.sqlite"))
        #expect(try store.write(pipeline: "p", tables: [scoped], areas: nil, run: run("r1")) == 2)
        try store.close()
        let values = try DatabaseQueue(path: dir.path("r.sqlite")).read { db in
            try Double.fetchAll(db, sql: "SELECT value FROM observations ORDER BY area")
        }
        #expect(values == [0, 2])
        #expect(scoped.count == 2 && scoped.rows.map { $0[3] } == [.text("area 0"), .text("area 2")])
        var batch: [SDGPublish.Table.Cell] = []
        scoped.forEachRow(in: 1..<2) { batch.append($0[6]) }
        #expect(batch == [.number(2)])
    }

    /// Rows go in groups of 64 per statement, the rest one by one, across batches of 4,096: every row arrives once,
    /// with its own cells, whatever the count.
    @Test func groupedInsertsWriteEveryRowOfBatchesAndRemainders() throws {
        let columns = [
            "pipeline", "source", "indicator", "area", "disaggregation", "period", "value", "unit", "obs_status",
        ]
        for count in [1, 63, 64, 65, 4096 + 64 * 3 + 5, 2 * 4096 + 1] {
            let dir = TemporaryDirectory()
            let made = SDGPublish.Table(name: "observations", columns: columns, count: count) { i, cells in
                for c in cells.indices { cells[c] = .missing }
                cells[0] = .text("p")
                cells[3] = .text("area \(i)")
                cells[5] = .text(i % 2 == 0 ? "2020" : "2021-Q\(i % 4 + 1)")
                cells[6] = i % 7 == 0 ? .missing : .number(Double(i) / 8)
                cells[7] = .text(String(repeating: "u", count: i % 40))
            }
            let store = try SQLiteStore(path: dir.path("r.sqlite"))
            #expect(try store.write(pipeline: "p", tables: [made], areas: nil, run: run("r1")) == count)
            try store.close()
            let rows = try DatabaseQueue(path: dir.path("r.sqlite")).read { db in
                try Row.fetchAll(db, sql: "SELECT area, period, value, unit FROM observations")
            }
            #expect(rows.count == count)
            let byArea = Dictionary(uniqueKeysWithValues: rows.map { ($0["area"] as String, $0) })
            for i in Set([0, 1, count / 2, count - 1]) where i < count {
                let row = try #require(byArea["area \(i)"])
                #expect(row["period"] as String == (i % 2 == 0 ? "2020" : "2021-Q\(i % 4 + 1)"))
                #expect(row["value"] as Double? == (i % 7 == 0 ? nil : Double(i) / 8))
                #expect(row["unit"] as String == String(repeating: "u", count: i % 40))
            }
        }
    }

    /// New databases get 16 KiB pages (faster loads); an existing file keeps its page size and is written as before.
    @Test func newDatabasesUseLargePagesAndOldOnesKeepTheirs() throws {
        let dir = TemporaryDirectory()
        let row: [SDGPublish.Table.Cell] = [
            .text("p"), .text("feed"), .text("IND"), .text("A"), .missing, .text("2020"), .number(1), .missing,
            .missing,
        ]
        let fresh = try SQLiteStore(path: dir.path("new.sqlite"))
        _ = try fresh.write(pipeline: "p", tables: [observations([row])], areas: nil, run: run("r1"))
        try fresh.close()
        #expect(
            try DatabaseQueue(path: dir.path("new.sqlite")).read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
                == 16384)

        let old = try DatabaseQueue(path: dir.path("old.sqlite"))
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            try db.execute(sql: "CREATE TABLE keep (x INTEGER)")
        }
        try old.close()
        let reopened = try SQLiteStore(path: dir.path("old.sqlite"))
        #expect(try reopened.write(pipeline: "p", tables: [observations([row])], areas: nil, run: run("r1")) == 1)
        try reopened.close()
        let check = try DatabaseQueue(path: dir.path("old.sqlite"))
        #expect(try check.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
        #expect(try check.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM observations") } == 1)
    }

    @Test func aVersion1DatabaseIsMigratedWithItsObservations() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("old.sqlite")
        // A database as sdgpipe 0.2.0 left it: migration v1 applied, observations in a rowid table.
        let old = try DatabaseQueue(path: path)
        var v1 = DatabaseMigrator()
        v1.registerMigration("v1: runs") { db in
            try db.execute(
                sql:
                    "CREATE TABLE runs (run_id TEXT PRIMARY KEY NOT NULL, pipeline TEXT NOT NULL, started TEXT, finished TEXT, status TEXT, exit_code INTEGER, fingerprint TEXT, inputs TEXT, rows_read INTEGER, rows_rejected INTEGER, rows_written INTEGER, timings TEXT, sdgpipe_version TEXT)"
            )
            try db.execute(sql: "CREATE INDEX runs_pipeline ON runs (pipeline, finished)")
        }
        try v1.migrate(old)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE observations ("pipeline" TEXT NOT NULL, "source" TEXT NOT NULL, "indicator" TEXT NOT NULL,
                      "area" TEXT NOT NULL, "disaggregation" TEXT NOT NULL, "period" TEXT NOT NULL, "value" REAL,
                      PRIMARY KEY ("pipeline", "source", "indicator", "area", "disaggregation", "period"))
                    """)
            try db.execute(sql: "INSERT INTO observations VALUES ('p', 'feed', 'IND', 'A', '', '2020', 1.5)")
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        try store.close()
        let (sql, values) = try DatabaseQueue(path: path).read { db in
            (
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'observations'") ?? "",
                try Double.fetchAll(db, sql: "SELECT value FROM observations")
            )
        }
        #expect(sql.hasSuffix("WITHOUT ROWID"))
        #expect(values == [1.5])

        // And a run then writes into the migrated table.
        let again = try SQLiteStore(path: path)
        let row: [SDGPublish.Table.Cell] = [
            .text("p"), .text("feed"), .text("IND"), .text("B"), .missing, .text("2021"), .number(2), .missing,
            .missing,
        ]
        _ = try again.write(pipeline: "p", tables: [observations([row])], areas: nil, run: run("r1"), staged: true)
        try again.close()
        let areas = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT area FROM observations")
        }
        #expect(areas == ["B"])
        // Migration v3 gave `runs` the run's areas: empty for the runs recorded before it.
        let runs = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT run_id, areas FROM runs").map {
                "\($0["run_id"] as String):\($0["areas"] as String? ?? "-")"
            }
        }
        #expect(runs == ["r1:-"])
    }
}
