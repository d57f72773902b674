import Foundation
import Glibc
import SDGTestSupport
import Testing

/// `pg_ctl` for the test server, as a shell command prefix (`.ci/run` sets it): the stop-the-server test needs it.
let postgresControl = ProcessInfo.processInfo.environment["SDGPIPE_TEST_POSTGRES_CTL"]

extension PostgresTests {
    /// A run whose server goes away, stalls, runs out of time or is busy with another writer ends in bounded time, with
    /// a true message, its staging removed, its lock released and the previous outputs and tables as they were.
    /// Nested in `PostgresTests` so that these run one at a time with the others (one of them stops the server).
    @Suite struct Faults {
        /// A good run, then a changed input and a forced run that pauses after its first batch of rows has gone out
        /// (`database-copy`) while `fault` strikes; returns that run's exit status, stderr and seconds.
        func interruptedRun(
            _ w: Workspace, url: String, pause: Int = 30, within limit: Double, fault: () throws -> Void
        ) throws -> (status: Int32, stderr: String, seconds: Double) {
            let victim = try CLI.start(
                ["run", "pipelines/demo.yaml", "--db", url], in: w.dir.url,
                environment: ["SDGPIPE_FAILPOINT": "database-copy:\(pause)"])
            try CLI.waitFor("failpoint database-copy reached", in: victim)
            let start = Date()
            try fault()
            while victim.isRunning, Date().timeIntervalSince(start) < limit { Thread.sleep(forTimeInterval: 0.1) }
            let seconds = Date().timeIntervalSince(start)
            if victim.isRunning { kill(victim.processIdentifier, SIGKILL) }
            victim.waitUntilExit()
            let stderr = (victim.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
            return (victim.terminationStatus, String(decoding: stderr, as: UTF8.self), seconds)
        }

        /// The outputs and tables of the good run are all there, nothing is left in the output's parent folder, and
        /// the next run (its lock free) goes through with the changed input.
        func expectNothingLost(_ w: Workspace, _ db: PostgresDatabase, before: [String: Data]) throws {
            #expect(try w.snapshot() == before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: w.out.deletingLastPathComponent().path)
            #expect(!leftovers.contains { $0.contains("staging") }, "\(leftovers)")
            #expect(try db.query("SELECT count(*) FROM observations") == "293")
            #expect(try db.query("SELECT count(*) FROM observations WHERE period = '2024'") == "0")
            let next = try w.run(["--db", db.url, "--quiet"])
            #expect(next.status == 0, "\(next.stderr)")
            #expect(try db.query("SELECT count(*) FROM observations WHERE period = '2024'") == "1")
        }

        func prepared() throws -> (PostgresDatabase, Workspace, [String: Data]) {
            let db = try PostgresDatabase()
            let w = try Workspace()
            let first = try w.run(["--db", db.url, "--quiet"])
            try #require(first.status == 0, "\(first.stderr)")
            let before = try w.snapshot()
            try w.changeInput()
            return (db, w, before)
        }

        /// The backend serving the run's `COPY`, as the server lists it.
        func copyBackend(_ db: PostgresDatabase) throws -> Int32 {
            let pid = try db.query(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY%' AND pid <> pg_backend_pid()"
            )
            return try #require(Int32(pid), "no COPY backend: '\(pid)'")
        }

        @Test func aConnectionClosedByTheServerMidWriteEndsTheRun() throws {
            let (db, w, before) = try prepared()
            let r = try interruptedRun(w, url: db.url, within: 20) {
                _ = try db.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            }
            #expect(r.status == 4, "\(r.stderr)")
            #expect(r.seconds < 10)
            #expect(r.stderr.contains("the connection to PostgreSQL was lost while loading table"), "\(r.stderr)")
            #expect(r.stderr.contains("the previous outputs and database are unchanged"))
            try expectNothingLost(w, db, before: before)
        }

        @Test(.enabled(if: postgresControl != nil, "SDGPIPE_TEST_POSTGRES_CTL is not set (.ci/run sets it)"))
        func theServerStoppedMidWriteEndsTheRunAndKeepsTheTables() throws {
            let control = try #require(postgresControl)
            let (db, w, before) = try prepared()
            let r = try interruptedRun(w, url: db.url, within: 20) {
                #expect((try? shellStatus("\(control) -m immediate -w stop >/dev/null 2>&1")) == 0)
            }
            #expect(try shellStatus("\(control) -w start >/dev/null 2>&1") == 0, "the test server must come back")
            #expect(r.status == 4, "\(r.stderr)")
            #expect(r.seconds < 10)
            #expect(r.stderr.contains("the connection to PostgreSQL was lost"), "\(r.stderr)")
            try expectNothingLost(w, db, before: before)
        }

        @Test(.enabled(if: getuid() == 0, "stopping a server process needs root"))
        func aStalledServerEndsTheRunPastTheStatementTimeout() throws {
            let (db, w, before) = try prepared()
            var backend: Int32 = 0
            let r = try interruptedRun(w, url: db.url + "?statement_timeout=2", pause: 1, within: 30) {
                backend = try copyBackend(db)
                kill(backend, SIGSTOP)
            }
            kill(backend, SIGCONT)
            #expect(r.status == 4, "\(r.stderr)")
            #expect(r.seconds < 15, "statement_timeout 2 s plus 5 s of grace")
            #expect(r.stderr.contains("PostgreSQL did not answer for"), "\(r.stderr)")
            try expectNothingLost(w, db, before: before)
        }

        @Test func aStatementPastItsTimeoutIsCancelledAndTheAdviceWorks() throws {
            let (db, w, before) = try prepared()
            let r = try interruptedRun(w, url: db.url + "?statement_timeout=1", pause: 3, within: 20) {}
            #expect(r.status == 4, "\(r.stderr)")
            #expect(r.stderr.contains("cancelled a statement that ran longer than statement_timeout (1 s)"))
            #expect(r.stderr.contains("add `?statement_timeout=SECONDS`"))
            #expect(try w.snapshot() == before)
            let followed = try CLI.run(
                ["run", "pipelines/demo.yaml", "--db", db.url + "?statement_timeout=10", "--quiet"], in: w.dir.url,
                environment: ["SDGPIPE_FAILPOINT": "database-copy:3"])
            #expect(followed.status == 0, "\(followed.stderr)")
        }

        @Test func aSecondWriterWaitsNoLongerThanTheLockTimeout() throws {
            let (db, w, before) = try prepared()
            let other = try Workspace()
            try CLI.shell("sed -i 's/^pipeline: .*/pipeline: other-city/' pipelines/demo.yaml", in: other.dir)
            var second: CLI.Result?
            var seconds = 0.0
            let r = try interruptedRun(w, url: db.url, pause: 8, within: 30) {
                let start = Date()
                second = try other.run(["--db", db.url + "?lock_timeout=1", "--quiet"])
                seconds = Date().timeIntervalSince(start)
            }
            let busy = try #require(second)
            #expect(busy.status == 75, "\(busy.stderr)")
            #expect(busy.stderr.contains("another run was writing to this database for longer than lock_timeout (1 s)"))
            #expect(seconds < 5)
            #expect(r.status == 0, "the first writer goes on: \(r.stderr)")
            #expect(try w.snapshot() != before)
            #expect(try other.run(["--db", db.url, "--quiet"]).status == 0, "run again once it has finished")
            #expect(try db.query("SELECT count(DISTINCT pipeline) FROM observations") == "2")
        }

        @Test func aConnectionLostDuringCommitIsRedoneByTheNextRun() throws {
            let db = try PostgresDatabase()
            let w = try Workspace()
            try #require(try w.run(["--db", db.url, "--quiet"]).status == 0)
            let before = try w.snapshot()
            let victim = try CLI.start(
                ["run", "pipelines/demo.yaml", "--db", db.url, "--force"], in: w.dir.url,
                environment: ["SDGPIPE_FAILPOINT": "database-commit:5"])
            try CLI.waitFor("failpoint database-commit reached", in: victim)
            _ = try db.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            victim.waitUntilExit()
            let stderr = String(
                decoding: (victim.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(victim.terminationStatus == 4, "\(stderr)")
            #expect(stderr.contains("may or may not hold this run's rows"), "\(stderr)")
            #expect(try w.snapshot() == before, "the previous outputs are put back")
            // Unchanged inputs would be skipped; the unknown commit is redone instead.
            let next = try w.run(["--db", db.url])
            #expect(next.status == 0)
            #expect(next.stderr.contains("the last commit of this pipeline was interrupted"), "\(next.stderr)")
            #expect(try db.query("SELECT count(*) FROM runs WHERE status = 'succeeded'") == "2")
            #expect(try w.run(["--db", db.url, "--quiet"]).status == 0)
            #expect(try db.query("SELECT count(*) FROM runs WHERE status = 'skipped_unchanged'") == "1", "then skipped")
        }

        @Test func badParametersAndAnUnreachableServerAreClearErrors() throws {
            let w = try Workspace()
            let base = try #require(postgresURL)
            for (url, message) in [
                (base + "?statment_timeout=5", "unknown parameter `statment_timeout`"),
                (base + "?statement_timeout=soon", "statement_timeout=soon is not a number of seconds"),
                (base + "?sslmode=require", "sslmode=require requires TLS"),
            ] {
                for command in ["run", "validate"] {
                    let r = try CLI.run([command, "pipelines/demo.yaml", "--db", url], in: w.dir.url)
                    #expect(r.status == 2 && r.stderr.contains(message), "\(command) \(url): \(r.stderr)")
                }
            }
            let start = Date()
            let refused = try w.run(["--db", "postgres://postgres@127.0.0.1:1/none?connect_timeout=2"])
            #expect(
                refused.status == 4 && refused.stderr.contains("cannot connect to 127.0.0.1:1"), "\(refused.stderr)")
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(!FileManager.default.fileExists(atPath: w.out.path))
        }
    }
}

/// Runs `script` with `/bin/bash` and returns its exit status. Not `system()`: it ignores SIGINT in the whole test
/// process while the script runs, and a run another test starts meanwhile inherits that (the stop-signal test then
/// saw its SIGINT ignored). Not `Process` either: its `waitUntilExit` never returned after `pg_ctl start` (the
/// shell stayed a zombie). `posix_spawn` and `waitpid` leave the process's signals alone and wait for this child only.
///
/// The shell first closes every descriptor above 2 it inherited: `Foundation.Process` learns that a child ended when
/// a socket it gave the child closes, and a PostgreSQL server started here (it outlives the test) would otherwise
/// keep such sockets of the `sdgpipe` runs other tests have going, so their `waitUntilExit` would never return
/// (swift-corelibs-foundation issue 4795; seen as a stop-signal test hanging the whole suite).
func shellStatus(_ script: String) throws -> Int32 {
    var pid: pid_t = 0
    let closeInherited =
        #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-" 2>/dev/null; done; "#
    // bash, not sh: dash's redirections take one-digit descriptors only.
    let arguments = ["/bin/bash", "-c", closeInherited + script]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS: the low 7 bits are 0 for a normal exit, the status is in the next byte.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
}
