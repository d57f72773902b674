import Foundation
import Glibc
import SDGTestSupport
import Testing

extension PostgresTests {
    /// Shards of a network: runs of disjoint areas (`--only-areas`), on one machine or several, writing into one
    /// PostgreSQL database at the same time. Each replaces its areas' rows in one transaction; together they leave every
    /// table as one run over all areas leaves it.
    /// Nested in `PostgresTests` so that these run one at a time with the others (one of those stops the server).
    @Suite(.serialized) struct Shards {
        static let tables = [
            "observations", "localized_series", "impact", "trends", "progress", "coverage", "accountability",
            "learning_city_profile", "framework_profile", "editions",
        ]

        /// Every row of a table, as one digest (`recorded`, the time an edition was recorded, left out).
        static func digest(_ db: PostgresDatabase, _ table: String) throws -> String {
            try db.query(
                "SELECT count(*) || ':' || md5(string_agg((to_jsonb(t) - 'recorded')::text, '|' ORDER BY (to_jsonb(t) - 'recorded')::text)) FROM \"\(table)\" t"
            )
        }

        func shard(_ area: String, _ db: String, _ w: Workspace, environment: [String: String] = [:]) throws -> Process
        {
            try CLI.start(
                ["run", "pipelines/demo.yaml", "--db", db, "--only-areas", area, "--out", "output/\(area)", "--force"],
                in: w.dir.url, environment: environment)
        }

        /// Four shards, one per area of the demo. The one holding the treated area (Riverton) stops before its COMMIT
        /// with its locks held; the other three load and commit meanwhile, so they did not wait for it. Then every table
        /// equals one run over all areas, written into another database.
        @Test func fourShardsLoadTogetherAndEqualOneRunOverAllAreas() throws {
            let whole = try PostgresDatabase()
            let shards = try PostgresDatabase()
            let w = try Workspace()
            let all = try w.run(["--db", whole.url, "--quiet"])
            #expect(all.status == 0, "\(all.stderr)")

            let held = try shard("Riverton", shards.url, w, environment: ["SDGPIPE_FAILPOINT": "database-commit:15"])
            try CLI.waitFor("failpoint database-commit reached", in: held)
            let others = try ["Lakeside", "Hillview", "TM1"].map { try shard($0, shards.url, w) }
            for (area, process) in zip(["Lakeside", "Hillview", "TM1"], others) {
                process.waitUntilExit()
                let stderr = String(
                    decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self
                )
                #expect(process.terminationStatus == 0, "\(area): \(stderr)")
                // Without the treated area, a shard leaves the summaries over the treated areas to the one that has it.
                #expect(stderr.contains("have treated series outside --only-areas"), "\(stderr)")
            }
            #expect(held.isRunning, "the other shards committed while the first held its transaction open")
            held.waitUntilExit()
            #expect(held.terminationStatus == 0)
            for table in Self.tables {
                #expect(try Self.digest(whole, table) == Self.digest(shards, table), "\(table)")
            }
            #expect(
                try shards.query("SELECT string_agg(areas, ' ' ORDER BY areas) FROM runs")
                    == #"["Hillview"] ["Lakeside"] ["Riverton"] ["TM1"]"#)

            // A shard without the treated area, run again after the one with it, still leaves the summaries alone.
            let again = try shard("Lakeside", shards.url, w)
            again.waitUntilExit()
            #expect(again.terminationStatus == 0)
            for table in ["coverage", "learning_city_profile", "framework_profile", "editions"] {
                #expect(try Self.digest(whole, table) == Self.digest(shards, table), "\(table)")
            }
        }

        /// The same areas twice at once, or a run over all areas while a shard loads: the second waits for the first
        /// (here past a `lock_timeout` of 1 s: exit 75, nothing written by it).
        @Test func overlappingRunsWaitForEachOther() throws {
            let db = try PostgresDatabase()
            let w = try Workspace()
            #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
            let held = try shard("Lakeside", db.url, w, environment: ["SDGPIPE_FAILPOINT": "database-commit:12"])
            try CLI.waitFor("failpoint database-commit reached", in: held)
            let impatient = db.url + "?lock_timeout=1"
            let twice = try w.run([
                "--db", impatient, "--only-areas", "Lakeside,Hillview", "--out", "output/twice", "--force", "--quiet",
            ])
            #expect(twice.status == 75, "\(twice.stderr)")
            let whole = try w.run(["--db", impatient, "--out", "output/whole", "--force", "--quiet"])
            #expect(whole.status == 75, "\(whole.stderr)")
            // Another area goes ahead.
            let beside = try w.run([
                "--db", impatient, "--only-areas", "Hillview", "--out", "output/beside", "--force", "--quiet",
            ])
            #expect(beside.status == 0, "\(beside.stderr)")
            #expect(held.isRunning)
            held.waitUntilExit()
            #expect(held.terminationStatus == 0)
            #expect(try db.query("SELECT count(*) FROM runs WHERE status = 'succeeded'") == "3")
        }
    }
}
