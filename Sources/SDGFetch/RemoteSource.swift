import Foundation

/// A source read over HTTP(S): the request to send, how to check what comes back, and what to do when the server
/// fails. The pipeline's `url:` or `sdmx:` entry becomes one of these (docs/pipeline.md, "Sources by URL").
public struct RemoteSource: Sendable, Hashable {
    /// What a run does when the server cannot deliver after every retry.
    public enum OnError: String, Sendable, CaseIterable {
        /// Stop with exit 3; the previous outputs stay as they are.
        case fail
        /// Run from the last good download, with a warning (`on_error: use_cache`).
        case useCache = "use_cache"
    }

    /// The source's name in the pipeline; it names the cached copy.
    public var name: String
    /// The URL requested (for an SDMX REST query, the one `SDMXQuery` builds).
    public var url: String
    /// The `Accept` header: SDMX REST services choose the message format by it.
    public var accept: String?
    /// The file extension of the cached copy (`xml`, `csv`, `csv.gz`, ...), so that reading it picks the format
    /// as for a local file.
    public var fileExtension: String
    /// The expected SHA-256 of the body (`sha256:` in the pipeline), checked before the copy replaces the cache.
    public var sha256: String?
    public var onError: OnError = .fail
    /// The environment variable holding a bearer token (`auth: {bearer_env: NAME}`); the token is never logged.
    public var bearerEnvironmentVariable: String?
    /// Seconds to wait for the connection, and for each next piece of the body.
    public var connectTimeout: Double = 10
    public var idleTimeout: Double = 60
    /// Retries after the first attempt, on 408, 429, 5xx and connection failures.
    public var retries: Int = 3
    /// The first wait between attempts, doubled each time with jitter (half to all of it).
    public var retryDelay: Double = 1
    /// The longest wait a `Retry-After` may ask for; a longer one fails at once rather than holding a cron slot.
    public var maxRetryWait: Double = 300
    public var maxRedirects: Int = 5

    public init(name: String, url: String, fileExtension: String) {
        self.name = name
        self.url = url
        self.fileExtension = fileExtension
    }

    /// The cached copy's file name: the source's name with the extension of what the URL serves.
    public var cacheFileName: String { "\(name).\(fileExtension)" }

    /// The URL with any user name and password taken out, for messages, logs and `run.json`.
    public var displayURL: String { Self.redacted(url) }

    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }

    /// The extension a URL's path ends with, `csv.gz` kept whole; `fallback` when the path has none.
    public static func fileExtension(of url: String, fallback: String) -> String {
        guard let path = URLComponents(string: url)?.path, !path.isEmpty else { return fallback }
        let last = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        let pieces = last.split(separator: ".").map(String.init)
        guard pieces.count >= 2 else { return fallback }
        let known = ["csv", "tsv", "txt", "xml", "sdmx", "xlsx", "xlsm", "json"]
        if pieces.last == "gz", pieces.count >= 3, known.contains(pieces[pieces.count - 2]) {
            return pieces[pieces.count - 2] + ".gz"
        }
        return known.contains(pieces.last!) ? pieces.last! : fallback
    }
}
