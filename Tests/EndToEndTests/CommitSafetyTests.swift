import Foundation
import GRDB
import Glibc
import SDGTestSupport
import Testing

/// What a run commits, and when: a database shared by pipelines, a database outside the output folder, a stop
/// signal, leftovers of earlier runs. Each case was first reproduced as the probe found it (rows lost, outputs and
/// database out of step, a stuck folder).
@Suite(.serialized) struct CommitSafetyTests {
    /// A second pipeline beside the demo one (another name and output folder), both writing `db/shared.sqlite`.
    func twoPipelines(_ w: Workspace) throws {
        let text = try String(contentsOfFile: w.dir.path("pipelines/demo.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "pipeline: riverton-demo", with: "pipeline: lakeside-demo")
            .replacingOccurrences(of: "dir: ../output/riverton-demo", with: "dir: ../output/lakeside-demo")
        w.dir.write(text, to: "pipelines/other.yaml")
    }

    func count(_ database: String, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: sql) } ?? -1
    }

    func leftovers(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.contains("staging") || $0.contains("previous")
        }
    }

    @Test func twoPipelinesWritingOneDatabaseAtOnceKeepEachOthersRows() throws {
        let w = try Workspace()
        try twoPipelines(w)
        let shared = w.dir.path("db/shared.sqlite")
        // The first run pauses after copying the database and loading its rows, before renaming its copy in place.
        let first = try CLI.start(
            ["run", "pipelines/demo.yaml", "--db", "db/shared.sqlite"], in: w.dir.url,
            environment: ["SDGPIPE_FAILPOINT": "write:3"])
        try CLI.waitFor("failpoint write reached", in: first)
        let second = try CLI.run(["run", "pipelines/other.yaml", "--db", "db/shared.sqlite"], in: w.dir.url)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("waiting for another run writing the database (pid \(first.processIdentifier)"))
        #expect(try count(shared, "SELECT count(DISTINCT pipeline) FROM observations") == 2, "both pipelines' rows")
        #expect(try count(shared, "SELECT count(*) FROM runs WHERE status = 'succeeded'") == 2)
        let each = try count(shared, "SELECT count(*) FROM impact WHERE pipeline = 'riverton-demo'")
        let other = try count(shared, "SELECT count(*) FROM impact WHERE pipeline = 'lakeside-demo'")
        #expect(each > 0 && each == other)
        #expect(try leftovers(w.dir.path("db")).isEmpty)
    }

    /// A writer that holds the database past `SDGPIPE_DATABASE_WAIT` makes the other run exit 75 with the holder
    /// named; a killed writer's lock goes with it, and its staged copy is removed by the next writer.
    @Test func aDatabaseBusyPastTheWaitExits75AndAKilledWritersCopyIsRemoved() throws {
        let w = try Workspace()
        try twoPipelines(w)
        let holder = try CLI.start(
            ["run", "pipelines/demo.yaml", "--db", "db/shared.sqlite"], in: w.dir.url,
            environment: ["SDGPIPE_FAILPOINT": "write"])
        try CLI.waitFor("failpoint write reached", in: holder)
        let busy = try CLI.run(
            ["run", "pipelines/other.yaml", "--db", "db/shared.sqlite"], in: w.dir.url,
            environment: ["SDGPIPE_DATABASE_WAIT": "1"])
        #expect(busy.status == 75, "\(busy.stderr)")
        #expect(
            busy.stderr.contains("another run writing the database")
                && busy.stderr.contains("pid \(holder.processIdentifier)") && busy.stderr.contains("waited 1 s"))
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(try leftovers(w.dir.path("db")).contains { $0.hasPrefix(".shared.sqlite.staging-") })
        let after = try CLI.run(["run", "pipelines/other.yaml", "--db", "db/shared.sqlite"], in: w.dir.url)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try leftovers(w.dir.path("db")).isEmpty, "the killed writer's copy is gone")
    }

    /// Killed after the output folder was swapped but before the database outside it was: the next run knows
    /// (the commit record), says so and redoes both instead of skipping as unchanged.
    @Test func aRunKilledBetweenFolderAndDatabaseIsRedoneByTheNextRun() throws {
        let w = try Workspace()
        let database = w.dir.path("db/results.sqlite")
        #expect(try w.run(["--quiet", "--db", "db/results.sqlite"]).status == 0)
        try w.changeInput()
        let victim = try CLI.start(
            ["run", "pipelines/demo.yaml", "--db", "db/results.sqlite"], in: w.dir.url,
            environment: ["SDGPIPE_FAILPOINT": "commit"])
        try CLI.waitFor("failpoint commit reached", in: victim)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        // The state the kill left: new outputs beside the previous database.
        #expect(try count(database, "SELECT count(*) FROM observations WHERE period = '2024'") == 0)
        let next = try w.run(["--db", "db/results.sqlite"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(
            !next.stdout.contains("unchanged")
                && next.stderr.contains("the last commit of this pipeline was interrupted"))
        #expect(try count(database, "SELECT count(*) FROM observations WHERE period = '2024'") == 1)
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: w.out.appendingPathComponent("run.json"))) as! [String: Any]
        let lastRun = try DatabaseQueue(path: database).read {
            try String.fetchOne($0, sql: "SELECT run_id FROM runs WHERE status = 'succeeded' ORDER BY rowid DESC")
        }
        #expect(manifest["run_id"] as? String == lastRun, "outputs and database from the same run")
        #expect(try w.run(["--db", "db/results.sqlite"]).stdout.contains("unchanged"), "consistent again: skipped")
        #expect(!FileManager.default.fileExists(atPath: w.dir.path("output/.riverton-demo.commit")))
    }

    /// The database cannot be moved in place after the folder swap: the previous folder comes back, and the message
    /// says so truthfully; nothing of the run is left behind.
    @Test func aDatabaseThatCannotBeMovedInPlaceLeavesBothAsTheyWere() throws {
        let w = try Workspace()
        let database = w.dir.path("db/results.sqlite")
        #expect(try w.run(["--quiet", "--db", "db/results.sqlite"]).status == 0)
        let before = try w.snapshot()
        let runs = try count(database, "SELECT count(*) FROM runs")
        try w.changeInput()
        let failed = try w.run(["--db", "db/results.sqlite"], environment: ["SDGPIPE_FAILPOINT": "database-move"])
        #expect(failed.status == 4)
        #expect(failed.stderr.contains("The previous outputs and database are unchanged"), "\(failed.stderr)")
        #expect(try w.snapshot() == before)
        #expect(try count(database, "SELECT count(*) FROM runs") == runs)
        #expect(try leftovers(w.dir.path("db")).isEmpty && leftovers(w.dir.path("output")).isEmpty)
        #expect(try w.run(["--quiet", "--db", "db/results.sqlite"]).status == 0)
        #expect(try count(database, "SELECT count(*) FROM observations WHERE period = '2024'") == 1)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aStopSignalRemovesWhatTheRunHalfWroteAndExits128PlusTheSignal(signal: Int32) throws {
        let w = try Workspace()
        #expect(try w.run(["--quiet"]).status == 0)
        #expect(try w.run(["--quiet", "--db", "db/results.sqlite"]).status == 0)
        let before = try w.snapshot()
        try w.changeInput()
        for extra in [[], ["--db", "db/results.sqlite"]] {
            let victim = try CLI.start(
                ["run", "pipelines/demo.yaml"] + extra, in: w.dir.url, environment: ["SDGPIPE_FAILPOINT": "write"])
            try CLI.waitFor("failpoint write reached", in: victim)
            #expect(try !leftovers(w.dir.path("output")).isEmpty, "the staging folder exists at this point")
            kill(victim.processIdentifier, signal)
            victim.waitUntilExit()
            let stderr = String(
                decoding: (victim.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(victim.terminationReason == .exit && victim.terminationStatus == 128 + signal, "\(stderr)")
            #expect(stderr.contains("stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"))
            #expect(stderr.contains("the previous outputs are unchanged"))
            #expect(try leftovers(w.dir.path("output")).isEmpty && leftovers(w.dir.path("db")).isEmpty)
            #expect(try w.snapshot() == before)
        }
        #expect(try w.run(["--quiet"]).status == 0, "the lock went with the stopped run")
    }

    /// An output folder the user made read-only: every later run still replaces it, and nothing it leaves blocks
    /// the next one. As root, permissions do not apply, so the runs are made as `nobody`.
    @Test func aReadOnlyOutputFolderNeverBlocksLaterRuns() throws {
        let w = try Workspace()
        let asUser = getuid() == 0 ? "runuser -u nobody -- " : ""
        if getuid() == 0 {
            try CLI.shell("chown -R nobody '\(w.dir.url.path)' && chmod 755 '\(w.dir.url.path)'", in: w.dir)
        }
        let run = "\(asUser)'\(CLI.executable.path)' run pipelines/demo.yaml --force --quiet"
        try CLI.shell(
            "\(run); echo $? > s1; chmod -R a-w output/riverton-demo; \(run); echo $? > s2; \(run); echo $? > s3",
            in: w.dir)
        for file in ["s1", "s2", "s3"] {
            #expect(try String(contentsOfFile: w.dir.path(file), encoding: .utf8) == "0\n", "\(file)")
        }
        #expect(try leftovers(w.dir.path("output")).isEmpty)
        try CLI.shell("chmod -R u+w '\(w.dir.url.path)'", in: w.dir)
    }
}
