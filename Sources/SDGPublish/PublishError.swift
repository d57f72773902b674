import Foundation
import SDGCore

/// Why outputs could not be written (exit 4). The previous outputs are untouched when this is thrown.
package enum PublishError: SDGFailure, Equatable {
    case cannotWrite(path: String, reason: String)
    case database(path: String, reason: String)
    /// The database was written by a newer sdgpipe (a schema version this one does not know).
    case newerDatabase(path: String)
    /// A `postgres://` database in a build without the `PostgreSQL` trait (a usage error: exit 2).
    case postgresNotBuilt(url: String)
    /// A shared database's lock could not be taken (held by another run past the wait: exit 75).
    case locked(FileLockError)
    /// The new outputs are in place but the database could not be committed, and the previous outputs could not be
    /// put back: the next run redoes both (the commit record says so).
    case incompleteCommit(outputs: String, database: String, reason: String)
    /// A database URL that cannot be used as written (a usage error: exit 2).
    case badDatabaseURL(url: String, reason: String)
    /// The database server went away, stalled or ran out of time mid-run (`DatabaseInterruption`).
    case interrupted(database: String, DatabaseInterruption)

    package var category: FailureCategory {
        switch self {
        case .postgresNotBuilt, .badDatabaseURL: return .usage
        case .locked(let error): return error.category
        case .interrupted(_, .lockTimeout): return .locked
        default: return .output
        }
    }

    package var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return
                "\(path): cannot write outputs (\(reason)). Check that the folder exists and is writable; the previous outputs are unchanged."
        case .database(let path, let reason):
            return "\(path): database error (\(reason)). The previous outputs and database are unchanged."
        case .newerDatabase(let path):
            return
                "\(path): this database was written by a newer sdgpipe (schema version above \(SQLiteStore.schemaVersion)). Upgrade sdgpipe or point `--db` at another database; nothing was changed."
        case .locked(let error):
            return error.description
        case .incompleteCommit(let outputs, let database, let reason):
            return
                "\(database): database error (\(reason)). The new outputs are in \(outputs) but the database still holds the previous results; the next run of this pipeline redoes both (it will not skip as unchanged)."
        case .badDatabaseURL(let url, let reason):
            return "\(url): \(reason)."
        case .interrupted(let database, let interruption):
            return "\(database): \(interruption.description)"
        case .postgresNotBuilt(let url):
            return
                "\(DatabaseURL.redacted(url)): PostgreSQL output is not available in this build of sdgpipe (it was built with `--disable-default-traits`: build it again with `swift build`, whose default traits include PostgreSQL); or write to SQLite, the default, or a `--db` file path."
        }
    }
}

/// How a run's database work ended early without a database error of its own. Each says what became of the run's
/// rows, since that is what a city team has to know before it runs again.
package enum DatabaseInterruption: Sendable, Equatable, CustomStringConvertible {
    /// The connection closed under the run (server stopped or restarted, backend terminated, network reset).
    case connectionLost(during: String)
    /// Nothing came back for `seconds`, past the statement timeout the server would have enforced itself.
    case stalled(during: String, seconds: Int)
    /// The server cancelled a statement at `statement_timeout`.
    case statementTimeout(during: String, seconds: Double)
    /// Another run held the tables past `lock_timeout` (exit 75: run again later).
    case lockTimeout(seconds: Double)
    /// The connection closed after COMMIT was sent and before its answer: the rows may or may not be in.
    case commitOutcomeUnknown

    package var description: String {
        let unchanged = "Nothing of this run was committed: the previous outputs and database are unchanged."
        switch self {
        case .connectionLost(let during):
            return
                "the connection to PostgreSQL was lost while \(during) (the server stopped or restarted, or the network failed). \(unchanged) Run again once the server is reachable."
        case .stalled(let during, let seconds):
            return
                "PostgreSQL did not answer for \(seconds) s while \(during), longer than its statement_timeout allows (the server or the network is stalled); the connection was closed. \(unchanged) Run again once the server answers."
        case .statementTimeout(let during, let seconds):
            return
                "PostgreSQL cancelled a statement that ran longer than statement_timeout (\(String(format: "%g", seconds)) s) while \(during). \(unchanged) To allow tables this large more time, add `?statement_timeout=SECONDS` to the database URL (0: no limit)."
        case .lockTimeout(let seconds):
            return
                "another run was writing to this database for longer than lock_timeout (\(String(format: "%g", seconds)) s). \(unchanged) Run again when it has finished, or let runs wait longer: add `?lock_timeout=SECONDS` to the database URL."
        case .commitOutcomeUnknown:
            return
                "the connection to PostgreSQL was lost during COMMIT, so the database may or may not hold this run's rows. The previous outputs were put back; the next run of this pipeline redoes both (it will not skip as unchanged)."
        }
    }
}
