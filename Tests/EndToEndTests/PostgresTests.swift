import Foundation
import Glibc
import SDGTestSupport
import Testing

/// The URL of a throwaway PostgreSQL server (`.ci/run` starts one); without it these tests are skipped.
let postgresURL = ProcessInfo.processInfo.environment["SDGPIPE_TEST_POSTGRES_URL"]

/// A fresh database on the test server for one test, so that tests do not see each other's rows.
struct PostgresDatabase {
    let url: String

    init() throws {
        let base = try #require(postgresURL)
        let name = "sdgpipe_test_\(UInt32.random(in: 0...UInt32.max))"
        _ = try Self.psql(base, "CREATE DATABASE \(name)")
        let slash = try #require(base.lastIndex(of: "/"))
        url = String(base[...slash]) + name
    }

    func query(_ sql: String) throws -> String { try Self.psql(url, sql) }

    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-Atc", sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite(
    .serialized,
    .enabled(
        if: postgresURL != nil,
        "SDGPIPE_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (.ci/run starts a server)"))
struct PostgresTests {
    @Test func theTablesGoToPostgresIdempotently() throws {
        let db = try PostgresDatabase()
        let w = try Workspace()
        let first = try w.run(["--db", db.url, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try db.query("SELECT count(*) FROM impact") == "42")
        #expect(try db.query("SELECT count(*) FROM observations") == "293")
        #expect(try db.query("SELECT count(*) FROM coverage WHERE level = 'target'") == "170")
        let digest = try db.query(
            "SELECT md5(string_agg(action || indicator || area || method || coalesce(difference::text, ''), '|' ORDER BY 1)) FROM impact"
        )
        #expect(try w.run(["--db", db.url, "--quiet"]).stdout.isEmpty, "unchanged: skipped")
        #expect(try w.run(["--db", db.url, "--force", "--quiet"]).status == 0)
        #expect(
            try db.query(
                "SELECT md5(string_agg(action || indicator || area || method || coalesce(difference::text, ''), '|' ORDER BY 1)) FROM impact"
            ) == digest)
        #expect(try db.query("SELECT count(*) FROM runs") == "3")
        #expect(
            try db.query("SELECT string_agg(status, ',' ORDER BY started, status) FROM runs").contains(
                "skipped_unchanged"))
        let manifest = try String(contentsOf: w.out.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(manifest.contains("\"database\" : \"postgres://"))
        // Reloaded without its primary key and the key built again: every table still has it, with its key columns
        // compared as bytes, and it still refuses a duplicate.
        #expect(
            try db.query(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid::regclass::text IN ('observations', 'localized_series', 'impact', 'trends', 'progress', 'coverage', 'accountability')"
            ) == "7")
        #expect(
            try db.query(
                "SELECT collation_name FROM information_schema.columns WHERE table_name = 'observations' AND column_name = 'area'"
            ) == "C")
        #expect(
            try db.query("INSERT INTO observations SELECT * FROM observations LIMIT 1").isEmpty,
            "a duplicate key is refused")
        #expect(try db.query("SELECT count(*) FROM observations") == "293")
    }

    /// The tables go in through COPY's binary format (`PostgresBinaryCopy`): every cell of every table in the database
    /// is the CSV file's, text byte for byte (a label with a tab, a backslash, quotes, a line feed and an accent) and
    /// numbers to the bit, over more rows than one batch of 8,192.
    @Test func everyTableInPostgresHoldsTheCSVFilesCells() throws {
        let db = try PostgresDatabase()
        let w = try Workspace()
        try w.addRowsBeyondOneChunk()
        let path = w.dir.path("pipelines/demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        try yaml.replacingOccurrences(
            of: "label: Adult participation in learning",
            with: #"label: "Adult\tparticipation \\ in \"learning\"\nrate, São Tomé""#, options: [], range: nil
        ).write(toFile: path, atomically: true, encoding: .utf8)
        let r = try w.run(["--db", db.url, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let tables = try db.query(
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'"
        ).split(separator: ",").map(String.init)
        var compared: [String] = []
        for table in tables.sorted() {
            let file = w.out.appendingPathComponent(table + ".csv")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            var fileRows = CSVText.rows(text)
            let header = fileRows.removeFirst()
            let types = try db.query(
                "SELECT string_agg(column_name || ':' || data_type, ',') FROM information_schema.columns WHERE table_name = '\(table)'"
            ).split(separator: ",").reduce(into: [String: String]()) { types, pair in
                let parts = pair.split(separator: ":")
                types[String(parts[0])] = String(parts[1])
            }
            let list = header.map { "\"\($0)\"" }.joined(separator: ",")
            let dbRows = CSVText.rows(try db.query("COPY (SELECT \(list) FROM \"\(table)\") TO STDOUT (FORMAT csv)"))
                .map { row in zip(header, row).map { types[$0] == "text" ? CSVText.asWritten($1) : $1 } }
            #expect(dbRows.count == fileRows.count, "\(table)")
            for (a, b) in zip(
                dbRows.sorted { $0.lexicographicallyPrecedes($1) }, fileRows.sorted { $0.lexicographicallyPrecedes($1) }
            ) {
                for (column, (x, y)) in zip(header, zip(a, b)) where x != y {
                    let same = types[column] == "double precision" && Double(x) != nil && Double(x) == Double(y)
                    #expect(same, "\(table).\(column): \(x) in PostgreSQL, \(y) in the CSV file")
                }
            }
            compared.append(table)
        }
        #expect(compared.contains("observations") && compared.contains("impact") && compared.count >= 6, "\(compared)")
        #expect(try db.query("SELECT count(*) FROM observations") == "70293")
        #expect(
            try db.query(
                "SELECT DISTINCT indicator_label FROM localized_series WHERE indicator = 'adult_learning_rate'")
                == "Adult\tparticipation \\ in \"learning\"\nrate, São Tomé")
    }

    @Test func aRunKilledWhileWritingLeavesTheDatabaseAsItWas() throws {
        let db = try PostgresDatabase()
        let w = try Workspace()
        #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
        let before = try w.snapshot()
        try w.changeInput()
        let victim = try CLI.start(
            ["run", "pipelines/demo.yaml", "--db", db.url], in: w.dir.url, environment: ["SDGPIPE_FAILPOINT": "write"])
        try CLI.waitFor("failpoint write reached", in: victim)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(try w.snapshot() == before)
        #expect(
            try db.query("SELECT count(*) FROM observations WHERE period = '2024'") == "0",
            "the open transaction died with the process")
        #expect(try db.query("SELECT count(*) FROM runs") == "1")
        #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
        #expect(try db.query("SELECT count(*) FROM observations WHERE period = '2024'") == "1")
    }

    @Test func machinesRefreshingDifferentAreasDoNotOverwriteEachOther() throws {
        let db = try PostgresDatabase()
        let riverton = try Workspace()
        let lakeside = try Workspace()
        #expect(try riverton.run(["--db", db.url, "--only-areas", "Riverton", "--quiet"]).status == 0)
        #expect(try lakeside.run(["--db", db.url, "--areas", "Lakeside", "--quiet"]).status == 0)
        #expect(
            try db.query(
                "SELECT string_agg(DISTINCT area, ',' ORDER BY area) FROM impact WHERE method = 'before_after'")
                == "Lakeside,Riverton")
    }

    /// `report.edition` in PostgreSQL: each edition's rows are kept, and the second edition's pack compares with the
    /// first, read from the committed rows.
    @Test func editionsAreKeptAndComparedInPostgres() throws {
        let db = try PostgresDatabase()
        let w = try Workspace()
        #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
        try w.changeInput()
        let path = w.dir.path("pipelines/demo.yaml")
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        try yaml.replacingOccurrences(of: "edition: 2023}", with: "edition: 2025}").write(
            toFile: path, atomically: true, encoding: .utf8)
        let second = try w.run(["--db", db.url, "--quiet"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            try db.query(
                "SELECT string_agg(edition || ':' || n, ',' ORDER BY edition) FROM (SELECT edition, count(*) n FROM editions GROUP BY edition) e"
            )
                == "2023:5,2025:5")
        let changes = try String(
            contentsOf: w.out.appendingPathComponent("vlr/changes.csv"), encoding: .utf8)
        #expect(
            changes.contains(
                "series,4.3,adult_learning_rate,Adult participation in learning,Riverton,,,percent,increase,2023,2023,46.7,2025,2024,47.9,1.2,improved"
            ), "\(changes)")
        // A run of one area replaces only that area's rows of its edition.
        #expect(try w.run(["--db", db.url, "--only-areas", "Riverton", "--force", "--quiet"]).status == 0)
        #expect(try db.query("SELECT count(*) FROM editions WHERE edition = '2025'") == "5")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let db = try PostgresDatabase()
        let w = try Workspace()
        #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
        _ = try db.query("INSERT INTO sdgpipe_schema (version) VALUES (99)")
        let r = try w.run(["--db", db.url, "--force"])
        #expect(r.status == 4 && r.stderr.contains("written by a newer sdgpipe"))
    }
}

/// RFC 4180 rows, and a text cell as `CSVTableWriter` writes it (a formula's first character behind a quote).
enum CSVText {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\""), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                    cell.append(b)
                    i += 1
                } else if b == UInt8(ascii: "\"") {
                    quoted = false
                } else {
                    cell.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: ",") || b == 0x0A {
                row.append(String(decoding: cell, as: UTF8.self))
                cell = []
                if b == 0x0A {
                    rows.append(row)
                    row = []
                }
            } else {
                cell.append(b)
            }
            i += 1
        }
        return rows
    }

    static func asWritten(_ text: String) -> String {
        guard let first = text.utf8.first, "=+-@\t\r".utf8.contains(first) else { return text }
        return "'" + text
    }
}
