import Foundation

/// A database that receives a run's result tables in two phases, so that it changes together with the output folder:
/// `prepare` writes the run's rows where nobody sees them yet, `commit` makes them visible once the folder has been
/// swapped in (the folder swaps back if the commit fails), `rollback` forgets them when anything else failed.
///
/// Two stores: SQLite (`SQLiteResultStore`, a staged copy of the file) and PostgreSQL (`PostgresStore`, one open
/// transaction; only in builds with the `PostgreSQL` trait). `DatabaseTarget` says which one a pipeline writes to.
package protocol ResultStore: AnyObject, Sendable {
    /// The database as messages and `run.json` show it (a password never appears).
    var description: String { get }
    /// Whether `prepare` reads each table whole while the CSV files are written from the same rows (SQLite does,
    /// so each such table's rows are made once for both: `Table.shared`).
    var sharesRowsWithFiles: Bool { get }
    /// Whether the new version swaps in with the output folder (a SQLite file inside it): then one rename commits
    /// both, and `commit` has nothing left to do.
    var swapsWithOutputFolder: Bool { get }
    /// Replaces the pipeline's rows (only `areas`' rows when given) and records the run, not yet visible to readers.
    func prepare(pipeline: String, tables: [Table], areas: [String]?, run: RunRecord) throws(PublishError)
    /// Makes what `prepare` wrote visible.
    func commit() throws(PublishError)
    /// Forgets what `prepare` wrote; the database stays as it was.
    func rollback()
    /// Records a run that changed nothing (skipped because its inputs did not change), in place.
    func record(_ run: RunRecord) throws(PublishError)
    /// The edition of the review recorded before `edition` (`ReviewEdition.previous`), as committed; `nil` for a
    /// first review.
    func previousEdition(pipeline: String, before edition: String) throws(PublishError) -> ReviewEdition?
}

/// Where the result tables go, from `--db` or `outputs.database`, parsed once.
package enum DatabaseTarget: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(URL)
    /// A PostgreSQL database (`postgres://user[:password]@host[:port]/database`).
    case postgres(url: String)

    /// `postgres://` and `postgresql://` URLs name PostgreSQL; `sqlite:PATH` or a plain path names a SQLite file.
    package init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            let path =
                text.hasPrefix("sqlite:")
                ? String(text.dropFirst("sqlite:".count)).replacingOccurrences(of: "//", with: "") : text
            self = .sqlite(URL(fileURLWithPath: path).standardizedFileURL)
        }
    }

    package var description: String {
        switch self {
        case .sqlite(let url): url.path
        case .postgres(let url): DatabaseURL.redacted(url)
        }
    }

    /// The store for this target. `staging` is where a SQLite file's new version is written (inside the staged
    /// output folder when the file lives in the output folder, so that it swaps in with it).
    /// `onWait` is called when another run holds a shared SQLite file's lock and this one has to wait for it.
    package func store(
        stagingFolder: URL, outputFolder: URL, onWait: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(PublishError) -> any ResultStore {
        switch self {
        case .sqlite(let url):
            return SQLiteResultStore(
                database: url, stagingFolder: stagingFolder, outputFolder: outputFolder, onWait: onWait)
        case .postgres(let url): return try openPostgresStore(url: url)
        }
    }

    /// Throws `postgresNotBuilt` for a PostgreSQL database in a build without the `PostgreSQL` trait, so that a run
    /// refuses it before reading anything.
    /// Also reads the URL's parameters, so that a mistyped one is a usage error before anything is read.
    package func checkAvailable() throws(PublishError) {
        guard case .postgres(let url) = self else { return }
        _ = try PostgresURL(url)
        if !postgresIsBuilt { throw .postgresNotBuilt(url: url) }
    }

    /// The store for recording a skipped run in place, or `nil` when there is no database yet.
    package func existingStore(outputFolder: URL, onWait: @escaping @Sendable (String) -> Void = { _ in })
        throws(PublishError) -> (any ResultStore)?
    {
        switch self {
        case .sqlite(let url):
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return SQLiteResultStore(
                database: url, stagingFolder: nil, outputFolder: outputFolder, onWait: onWait)
        case .postgres(let url): return try openPostgresStore(url: url)
        }
    }
}
