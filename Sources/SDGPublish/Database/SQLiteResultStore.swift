import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite file as a `ResultStore`: the previous file (and a write-ahead log left by an interrupted writer) is
/// copied to the staging place and the run's transaction applied to the copy, with the journal off during the load
/// since the copy itself is what rolls back. In the output folder, the copy swaps in with the folder; elsewhere
/// (`--db`), `commit` renames it over the old file right after the swap.
public final class SQLiteResultStore: ResultStore {
    public let database: URL
    /// Where the new version is written; `database` itself when recording a skipped run in place.
    let staged: URL
    let inOutputFolder: Bool

    /// `outputFolder` `nil`: write in place (a skipped run's `runs` row).
    init(database: URL, stagingFolder: URL, outputFolder: URL?) {
        self.database = database
        inOutputFolder =
            outputFolder.map { database.deletingLastPathComponent().path == $0.standardizedFileURL.path } ?? false
        if outputFolder == nil {
            staged = database
        } else if inOutputFolder {
            staged = stagingFolder.appendingPathComponent(database.lastPathComponent)
        } else {
            staged = database.deletingLastPathComponent().appendingPathComponent(
                ".\(database.lastPathComponent).staging-\(getpid())")
        }
    }

    public var description: String { database.path }
    public var sharesRowsWithFiles: Bool { true }

    public func prepare(pipeline: String, tables: [Table], areas: [String]?, run: RunRecord) throws(PublishError) {
        try copyPrevious()
        let store = try SQLiteStore(path: staged.path)
        _ = try store.write(pipeline: pipeline, tables: tables, areas: areas, run: run, staged: true)
        try store.close()
    }

    public func commit() throws(PublishError) {
        guard !inOutputFolder, staged != database else { return }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        guard rename(staged.path, database.path) == 0 else {
            throw .database(
                path: database.path,
                reason: "cannot move the new database in place: \(String(cString: strerror(errno)))")
        }
    }

    public func rollback() {
        guard staged != database else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staged.path + suffix) }
    }

    public func record(_ run: RunRecord) throws(PublishError) {
        let store = try SQLiteStore(path: database.path)
        try store.record(run)
        try store.close()
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
        } catch {
            throw .database(
                path: database.path, reason: "cannot copy the database for this run: \(error.localizedDescription)")
        }
    }
}
