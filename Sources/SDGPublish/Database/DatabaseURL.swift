import Foundation

/// Database URLs as messages and manifests may show them.
package enum DatabaseURL {
    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`: a password never reaches a log.
    package static func redacted(_ url: String) -> String {
        url.replacingOccurrences(of: #"(//[^:/@]*):[^@/]*@"#, with: "$1:***@", options: .regularExpression)
    }
}

/// What a `postgres://user[:password]@host[:port]/database[?parameters]` URL says: where to connect and how long a
/// run may wait. Parsed without the `PostgreSQL` trait too, so that `validate` finds a mistyped parameter in any build.
///
/// The waits are bounded so that a scheduled run always ends: a run that cannot reach the server, whose server stops
/// or stalls mid-write, or that waits behind another pipeline's writer ends with a message instead of holding its
/// lock for ever (every later run would exit 75). Seconds, in the URL's query:
/// - `connect_timeout` (10): to connect and log in.
/// - `statement_timeout` (900): any one statement, a table's whole `COPY` included; PostgreSQL cancels it. `0` means
///   no limit (and no watch for a stalled server either).
/// - `lock_timeout` (300): waiting for another run writing to the same database (exit 75: run again later).
/// - `sslmode`: `disable`, `allow` or `prefer` (the connection is not encrypted); anything that requires TLS is
///   refused, since this build does not speak it.
package struct PostgresURL: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var user: String?
    package var password: String?
    package var database: String?
    package var connectTimeout: Double = 10
    package var statementTimeout: Double = 900
    package var lockTimeout: Double = 300
    /// The URL without its password, for messages.
    package var shown: String

    package static let parameters = ["connect_timeout", "statement_timeout", "lock_timeout", "sslmode"]

    package init(_ url: String) throws(PublishError) {
        let shown = DatabaseURL.redacted(url)
        self.shown = shown
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw .badDatabaseURL(
                url: shown,
                reason: "expected postgres://user[:password]@host[:port]/database[?statement_timeout=SECONDS]")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user
        password = components.password
        database = components.path.count > 1 ? String(components.path.dropFirst()) : nil
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "connect_timeout": connectTimeout = try Self.seconds(value, item.name, shown, allowsZero: false)
            case "statement_timeout": statementTimeout = try Self.seconds(value, item.name, shown, allowsZero: true)
            case "lock_timeout": lockTimeout = try Self.seconds(value, item.name, shown, allowsZero: true)
            case "sslmode":
                guard ["disable", "allow", "prefer"].contains(value) else {
                    throw .badDatabaseURL(
                        url: shown,
                        reason:
                            "sslmode=\(value) requires TLS, which this build of sdgpipe does not speak; connect over a trusted network or an SSH tunnel and use sslmode=disable"
                    )
                }
            default:
                throw .badDatabaseURL(
                    url: shown,
                    reason:
                        "unknown parameter `\(item.name)` (known: \(Self.parameters.joined(separator: ", ")); times are in seconds)"
                )
            }
        }
    }

    private static func seconds(_ text: String, _ name: String, _ url: String, allowsZero: Bool) throws(PublishError)
        -> Double
    {
        guard let value = Double(text), value.isFinite, value > 0 || (allowsZero && value == 0) else {
            throw .badDatabaseURL(
                url: url,
                reason: "\(name)=\(text) is not a number of seconds\(allowsZero ? " (0 for no limit)" : " above 0")")
        }
        return value
    }
}
