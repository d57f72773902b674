import Foundation
import SDGSystem

/// The SQLite file as a `ResultStore`: the previous file (and a write-ahead log left by an interrupted writer) is
/// copied to the staging place and the run's transaction applied to the copy, with the journal off during the load
/// since the copy itself is what rolls back. In the output folder, the copy swaps in with the folder; elsewhere
/// (`--db`), `commit` renames it over the old file right after the swap.
///
/// A file outside the output folder may be shared by several pipelines. Each writer holds the database's lock
/// (`.NAME.lock` beside it) from the copy to the rename, so that no run renames a copy over rows another run has
/// committed meanwhile: a second writer waits (up to `SDGPIPE_DATABASE_WAIT` seconds, 1,800 by default, then
/// exit 75), then copies the database with the first one's rows in it.
package final class SQLiteResultStore: ResultStore {
    package let database: URL
    /// Where the new version is written; `database` itself when recording a skipped run in place.
    let staged: URL
    let inOutputFolder: Bool
    let onWait: @Sendable (String) -> Void
    private let lock = Locked<FileLock?>(nil)

    /// `stagingFolder` `nil`: write in place (a skipped run's `runs` row).
    init(database: URL, stagingFolder: URL?, outputFolder: URL, onWait: @escaping @Sendable (String) -> Void) {
        self.database = database
        self.onWait = onWait
        inOutputFolder = database.deletingLastPathComponent().path == outputFolder.standardizedFileURL.path
        if let stagingFolder {
            staged =
                inOutputFolder
                ? stagingFolder.appendingPathComponent(database.lastPathComponent)
                : database.deletingLastPathComponent().appendingPathComponent(
                    ".\(database.lastPathComponent).staging-\(getpid())")
        } else {
            staged = database
        }
    }

    package var description: String { database.path }
    package var sharesRowsWithFiles: Bool { true }
    package var swapsWithOutputFolder: Bool { inOutputFolder }

    package func prepare(pipeline: String, tables: [Table], areas: [String]?, run: RunRecord) throws(PublishError) {
        if !inOutputFolder {
            try takeLock()
            for suffix in ["", "-wal", "-shm"] { CleanStop.remember(staged.path + suffix) }
            removeStaleCopies()
        }
        try copyPrevious()
        let store = try SQLiteStore(path: staged.path)
        _ = try store.write(pipeline: pipeline, tables: tables, areas: areas, run: run, staged: true)
        try store.close()
    }

    package func commit() throws(PublishError) {
        guard !inOutputFolder, staged != database else { return }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        guard rename(staged.path, database.path) == 0 else {
            throw .database(
                path: database.path,
                reason: "cannot move the new database in place: \(String(cString: strerror(errno)))")
        }
        release()
    }

    package func rollback() {
        guard staged != database else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staged.path + suffix) }
        release()
    }

    package func record(_ run: RunRecord) throws(PublishError) {
        if !inOutputFolder { try takeLock() }
        defer { release() }
        let store = try SQLiteStore(path: database.path)
        try store.record(run)
        try store.close()
    }

    private func takeLock() throws(PublishError) {
        let directory = database.deletingLastPathComponent()
        let path = directory.appendingPathComponent(".\(database.lastPathComponent).lock").path
        let seconds = ProcessInfo.processInfo.environment["SDGPIPE_DATABASE_WAIT"].flatMap(Double.init) ?? 1800
        do {
            let taken = try FileLock(
                path: path, what: "another run writing the database \(database.path)", wait: .seconds(seconds),
                onWait: onWait)
            lock.withLock { $0 = taken }
        } catch {
            throw .locked(error)
        }
    }

    private func release() {
        for suffix in ["", "-wal", "-shm"] { CleanStop.forget(staged.path + suffix) }
        lock.withLock { $0 = nil }
    }

    /// Copies that killed runs left beside the database. Only while holding the database's lock: then no other
    /// run is between its copy and its rename.
    private func removeStaleCopies() {
        let directory = database.deletingLastPathComponent()
        let prefix = ".\(database.lastPathComponent).staging-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// The previous database (and its write-ahead log) copied to the staging place.
    private func copyPrevious() throws(PublishError) {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: staged.path + suffix) }
        guard fm.fileExists(atPath: database.path) else { return }
        do {
            try fm.copyItem(atPath: database.path, toPath: staged.path)
            if fm.fileExists(atPath: database.path + "-wal") {
                try fm.copyItem(atPath: database.path + "-wal", toPath: staged.path + "-wal")
            }
            // The copy keeps the file's mode: one the user made read-only must still take this run's rows.
            for suffix in ["", "-wal"] where fm.fileExists(atPath: staged.path + suffix) {
                var info = stat()
                if stat(staged.path + suffix, &info) == 0 { chmod(staged.path + suffix, info.st_mode | 0o600) }
            }
        } catch {
            throw .database(
                path: database.path, reason: "cannot copy the database for this run: \(error.localizedDescription)")
        }
    }
}
