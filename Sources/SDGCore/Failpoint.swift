import Foundation

/// Test hooks for kills and pauses at fixed points of a run (`SDGPIPE_FAILPOINT=NAME` or `NAME:SECONDS`): the point
/// announces itself on stderr ("failpoint NAME reached") and waits to be killed, or pauses for the seconds given and
/// goes on. Points: `ingest`, `evaluate`, `write`, `commit`, `database-move` (the database's commit fails after the
/// folder swap), `database-copy` (PostgreSQL, after the first batch of rows went out), `database-commit` (PostgreSQL, before
/// COMMIT is sent), `read-back`.
public enum Failpoint {
    /// The failpoint this process was started with.
    public static let environment = ProcessInfo.processInfo.environment["SDGPIPE_FAILPOINT"]
    private static let lock = NSLock()
    nonisolated(unsafe) private static var reached: Set<String> = []

    /// Announces and pauses once per process: a point inside a loop (each table's load) pauses at its first pass.
    public static func reach(_ name: String, active: String?) {
        guard let active, active == name || active.hasPrefix(name + ":") else { return }
        lock.lock()
        let first = reached.insert(name).inserted
        lock.unlock()
        guard first else { return }
        FileHandle.standardError.write(Data("failpoint \(name) reached\n".utf8))
        Thread.sleep(forTimeInterval: Double(active.dropFirst(name.count + 1)) ?? 120)
    }
}
