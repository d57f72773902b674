#if PostgreSQL
import SDGSystem
import Dispatch
import Foundation
import NIOCore
import PostgresNIO

/// What a database call is doing and when it last moved (a statement started, a batch of rows went out), for the
/// watch in `PostgresCall.wait` and for its messages.
final class CallProgress: Sendable {
    private let state = Locked((doing: "connecting", last: ContinuousClock.now))

    /// Something moved; `doing` names the step for messages ("loading table observations").
    func mark(_ doing: String? = nil) {
        state.withLock {
            $0.last = .now
            if let doing { $0.doing = doing }
        }
    }

    var doing: String { state.withLock { $0.doing } }
    var idle: Duration { state.withLock { $0.last.duration(to: .now) } }
}

/// Runs async work on one PostgreSQL connection from the synchronous runner and waits for it, but never longer than
/// the connection lives or keeps moving: the run must end, and let go of its pipeline's lock, whatever the server
/// does.
///
/// Why a watch of our own: postgres-nio (1.33) never resumes a `COPY FROM STDIN` writer whose connection closes (with
/// the server stopped by `pg_ctl stop -m immediate` mid-load, a run still waited minutes later with no thread
/// working), and a stalled server or network is not noticed by TCP for hours. So the wait ends when the task ends,
/// two seconds after the connection closed, or when nothing moved for longer than the server's own statement
/// timeout (plus a grace). The abandoned task is left to the process's exit, which follows.
enum PostgresCall {
    static func wait<T: Sendable>(
        on connection: PostgresConnection?, settings: PostgresURL, progress: CallProgress,
        _ body: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let state = Locked((result: Result<T, any Error>?.none, closed: ContinuousClock.Instant?.none))
        let done = DispatchSemaphore(value: 0)
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            state.withLock { $0.result = result }
            done.signal()
        }
        connection?.closeFuture.whenComplete { _ in
            state.withLock { $0.closed = $0.closed ?? .now }
            done.signal()
        }
        let stallLimit = stallLimit(settings, connecting: connection == nil)
        while true {
            _ = done.wait(timeout: .now() + 0.5)
            let (result, closed) = state.withLock { ($0.result, $0.closed) }
            if let result { return try result.get() }
            if let closed, closed.duration(to: .now) > .seconds(2) {
                throw PublishError.interrupted(
                    database: settings.shown, .connectionLost(during: progress.doing))
            }
            if let stallLimit, progress.idle > stallLimit {
                PostgresCall.close(connection)
                throw PublishError.interrupted(
                    database: settings.shown,
                    .stalled(during: progress.doing, seconds: Int(progress.idle.components.seconds)))
            }
        }
    }

    /// Closes without waiting; the connection is kept alive until the close has finished (postgres-nio asserts that
    /// a connection is closed before it goes away).
    static func close(_ connection: PostgresConnection?) {
        guard let connection else { return }
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// How long a call may show no progress: the connect timeout while connecting, else the statement timeout the
    /// server enforces itself (a healthy server answers with its cancellation) plus 5 to 30 s of grace.
    static func stallLimit(_ settings: PostgresURL, connecting: Bool) -> Duration? {
        if connecting { return .seconds(settings.connectTimeout + 5) }
        guard settings.statementTimeout > 0 else { return nil }
        return .seconds(settings.statementTimeout + min(30, max(5, settings.statementTimeout)))
    }

    /// The run's message for a failure of PostgreSQL or of the connection to it.
    static func failure(_ error: any Error, settings: PostgresURL, progress: CallProgress) -> PublishError {
        if let error = error as? PublishError { return error }
        let psql = error as? PSQLError
        if progress.doing == "connecting", psql?.code != .server {
            return .database(
                path: settings.shown,
                reason:
                    "cannot connect to \(settings.host):\(settings.port) (\(String(reflecting: error))); check that the server runs and accepts connections there, and raise `?connect_timeout=SECONDS` for a slow network"
            )
        }
        if let error = psql {
            let state = error.serverInfo?[.sqlState]
            switch (error.code, state) {
            case (.server, "57014"):
                return .interrupted(
                    database: settings.shown,
                    .statementTimeout(during: progress.doing, seconds: settings.statementTimeout))
            case (.server, "55P03"):
                return .interrupted(database: settings.shown, .lockTimeout(seconds: settings.lockTimeout))
            case (.server, let state?) where state.hasPrefix("08") || state.hasPrefix("57P"):
                return .interrupted(database: settings.shown, .connectionLost(during: progress.doing))
            case (.serverClosedConnection, _), (.uncleanShutdown, _):
                return .interrupted(database: settings.shown, .connectionLost(during: progress.doing))
            case (.server, _):
                let message = error.serverInfo?[.message] ?? "error"
                return .database(
                    path: settings.shown, reason: "\(message) (SQLSTATE \(state ?? "?")) while \(progress.doing)")
            default: break
            }
        }
        return .database(path: settings.shown, reason: "\(String(reflecting: error)) while \(progress.doing)")
    }
}
#endif
