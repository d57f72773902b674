import Foundation
import GRDB
import Glibc
import SDGTestSupport
import Testing

/// A copy of the demo in a temporary folder, run by the real executable as cron would run it.
struct Workspace {
    let dir = TemporaryDirectory("sdgpipe-cron")
    var out: URL { dir.url.appendingPathComponent("output/riverton-demo") }
    var database: String { out.appendingPathComponent("sdgpipe.sqlite").path }

    init() throws { _ = try demoCopy(dir) }

    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["run", "pipelines/demo.yaml"] + extra, in: dir.url, environment: environment)
    }

    /// 70,000 more observations (indicator `EXTRA`) in the city feed: beyond one chunk of 65,536, so the run keeps its
    /// observations, points and values in temporary files.
    func addRowsBeyondOneChunk() throws {
        let path = dir.path("samples/demo/city_stats.csv")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for i in 0..<70_000 { text += "Zone\(i / 20),EXTRA,_T,\(2000 + i % 20),\(i % 50),percent\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Every file of the output folder with its bytes, for byte-identical comparisons.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: out.path)!
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = out.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    func query<T: DatabaseValueConvertible>(_ sql: String) throws -> T? {
        let db = try DatabaseQueue(path: database)
        defer { try? db.close() }
        return try db.read { try T.fetchOne($0, sql: sql) }
    }

    /// Touches an input so that the next run has work to do.
    func changeInput() throws {
        let path = dir.path("samples/demo/city_stats.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "Riverton,ADULT_LEARN,_T,2024,47.9,percent\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }
}

@Suite(.serialized) struct ScheduledRunTests {
    @Test func theSameRunTwiceIsSkippedAndForceRewritesTheSameRows() throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let before = try w.snapshot()
        #expect(before["sdgpipe.sqlite"] != nil && before["report.html"] != nil)
        let second = try w.run()
        #expect(second.status == 0 && second.stdout.contains("unchanged, nothing to do"))
        #expect(second.stderr.contains("nothing to do. Use --force"))
        let after = try w.snapshot().filter { $0.key != "sdgpipe.sqlite" }
        #expect(after == before.filter { $0.key != "sdgpipe.sqlite" }, "a skipped run touches no file")
        #expect(try w.query("SELECT count(*) FROM runs") == 2)
        #expect(try w.query("SELECT status FROM runs ORDER BY started, rowid DESC LIMIT 1") as String? != nil)
        let impact: Int? = try w.query("SELECT count(*) FROM impact")
        let digest: String? = try w.query(
            "SELECT group_concat(action || indicator || area || method || ifnull(difference, ''), '|') FROM (SELECT * FROM impact ORDER BY 1,2,3,4,5,6)"
        )
        #expect(try w.run(["--force", "--quiet"]).status == 0)
        #expect(try w.query("SELECT count(*) FROM impact") == impact)
        #expect(
            try w.query(
                "SELECT group_concat(action || indicator || area || method || ifnull(difference, ''), '|') FROM (SELECT * FROM impact ORDER BY 1,2,3,4,5,6)"
            ) == digest)
        #expect(try w.query("SELECT count(*) FROM runs WHERE status = 'succeeded'") == 2)
        #expect(try w.query("PRAGMA journal_mode") == "wal")
    }

    @Test func aSecondRunWhileOneHoldsTheLockExits75() throws {
        let w = try Workspace()
        let holder = try CLI.start(
            ["run", "pipelines/demo.yaml"], in: w.dir.url, environment: ["SDGPIPE_FAILPOINT": "ingest"])
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        try CLI.waitFor("failpoint ingest reached", in: holder)
        let second = try w.run()
        #expect(second.status == 75)
        #expect(
            second.stderr.contains(
                "another run of this pipeline is in progress (pid \(holder.processIdentifier), started"))
    }

    @Test(arguments: ["ingest", "evaluate", "write"])
    func aRunKilledAtAnyPointLeavesThePreviousOutputs(point: String) throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let before = try w.snapshot()
        let runs: Int? = try w.query("SELECT count(*) FROM runs")
        try w.changeInput()
        let victim = try CLI.start(
            ["run", "pipelines/demo.yaml"], in: w.dir.url, environment: ["SDGPIPE_FAILPOINT": point])
        try CLI.waitFor("failpoint \(point) reached", in: victim)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(try w.snapshot() == before, "killed during \(point): outputs byte-identical")
        #expect(try w.query("PRAGMA integrity_check") == "ok")
        #expect(try w.query("SELECT count(*) FROM runs") == runs)
        let next = try w.run(["--quiet"])
        #expect(next.status == 0)
        #expect(try w.query("SELECT count(*) FROM observations WHERE period = '2024'") == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: w.out.deletingLastPathComponent().path)
            .filter { $0.contains("staging") }
        #expect(leftovers.isEmpty, "the next run removed the staging folder of the killed one")
    }

    /// Beyond 65,536 observations the run keeps them in a temporary file: where none can be made, the run fails with
    /// exit 4 and a message naming TMPDIR, and the previous outputs stay as they were.
    @Test func aTemporaryFolderThatCannotBeWrittenFailsTheRunAndKeepsThePreviousOutputs() throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let before = try w.snapshot()
        try w.addRowsBeyondOneChunk()
        let failed = try w.run(["--quiet"], environment: ["TMPDIR": w.dir.path("no-such-folder")])
        #expect(failed.status == 4, "\(failed.stderr)")
        #expect(failed.stderr.contains("TMPDIR") && failed.stderr.contains("no-such-folder"), "\(failed.stderr)")
        #expect(try w.snapshot() == before)
        #expect(try w.run(["--quiet"]).status == 0)
        #expect(try w.query("SELECT count(*) FROM observations WHERE indicator = 'EXTRA'") == 70_000)
    }

    /// A value that cannot be read back from the run's temporary files (a failing disk, simulated by the
    /// `read-back` failpoint) fails the run with exit 4 before anything is swapped in; it never stops the process.
    @Test func aFailedReadBackFailsTheRunAndKeepsThePreviousOutputs() throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let before = try w.snapshot()
        try w.addRowsBeyondOneChunk()
        let failed = try w.run(["--quiet"], environment: ["SDGPIPE_FAILPOINT": "read-back"])
        #expect(failed.status == 4, "\(failed.stderr)")
        #expect(failed.stderr.contains("reading back failed") && failed.stderr.contains("TMPDIR"), "\(failed.stderr)")
        #expect(try w.snapshot() == before)
    }

    @Test func aNewerDatabaseIsRefusedAndLeftAlone() throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let db = try DatabaseQueue(path: w.database)
        try db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        try db.close()
        try w.changeInput()
        let before = try w.snapshot()
        let r = try w.run()
        #expect(r.status == 4)
        #expect(r.stderr.contains("written by a newer sdgpipe"))
        #expect(try w.snapshot() == before)
    }

    @Test func jsonLogsForCron() throws {
        let w = try Workspace()
        let r = try w.run(["--log-format", "json"])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count >= 4)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(
                object?["time"] != nil && object?["level"] != nil && object?["stage"] != nil
                    && object?["message"] != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("\"level\":\"warning\"") && $0.contains("2.71*") })
        #expect(
            lines.contains { $0.contains("\"code\":\"csv.value-not-a-number\"") },
            "a warning carries its diagnostic code")
        let publish = try lines.compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["stage"] as? String == "publish" }
        let counts = publish?["counts"] as? [String: Int]
        #expect((counts?["rows_written"] ?? 0) > 0 && counts?["ms"] != nil, "the publish event carries its own time")
        let done = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((done["counts"] as? [String: Int])?["impact_rows"] == 42)
        let failed = try CLI.run(["run", "pipelines/nope.yaml", "--log-format", "json"], in: w.dir.url)
        #expect(failed.status == 2)
        let error = try JSONSerialization.jsonObject(with: Data(failed.stderr.utf8)) as! [String: Any]
        #expect(error["level"] as? String == "error" && (error["counts"] as? [String: Int])?["exit_code"] == 2)
    }

    @Test func areasScopeTheRowsARunReplaces() throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        let lakeside: Int? = try w.query("SELECT count(*) FROM impact WHERE area = 'Lakeside'")
        #expect((lakeside ?? 0) > 0)
        try w.changeInput()
        #expect(try w.run(["--quiet", "--only-areas", "Riverton"]).status == 0)
        #expect(
            try w.query("SELECT count(*) FROM impact WHERE area = 'Lakeside'") == lakeside, "other areas' rows stay")
        #expect(try w.query("SELECT count(*) FROM observations WHERE area = 'Riverton' AND period = '2024'") == 1)
        let impact = try String(contentsOf: w.out.appendingPathComponent("impact.csv"), encoding: .utf8)
        #expect(!impact.contains(",Lakeside,"), "the files of a scoped run hold its areas")
        let areas: String? = try w.query("SELECT group_concat(coalesce(areas, '-'), ' ') FROM runs ORDER BY started")
        #expect(areas == "- [\"Riverton\"]", "the runs table says which areas each run replaced")
    }

    /// `--areas` still works, with a warning naming its new name; given beside `--only-areas` it is a usage error.
    @Test func theOldNameOfTheScopeWarnsAndStillScopes() throws {
        let w = try Workspace()
        let old = try w.run(["--areas", "Riverton"])
        #expect(old.status == 0)
        #expect(old.stderr.contains("--areas is deprecated") && old.stderr.contains("--only-areas"))
        let impact = try String(contentsOf: w.out.appendingPathComponent("impact.csv"), encoding: .utf8)
        #expect(!impact.contains(",Lakeside,"))
        let both = try w.run(["--areas", "Riverton", "--only-areas", "Riverton"])
        #expect(both.status == 2 && both.stderr.contains("give only --only-areas"))
    }

    @Test func aPostgresPasswordIsNeverPrinted() throws {
        let w = try Workspace()
        // Nothing listens on this port: the run fails (exit 4 with the PostgreSQL trait, 2 without) without the password.
        let r = try w.run(["--db", "postgres://city:s3cret@127.0.0.1:1/sdg"])
        #expect(r.status == 4 || r.status == 2)
        #expect(!r.stderr.contains("s3cret") && r.stderr.contains("postgres://city:***@127.0.0.1:1/sdg"))
    }
}
