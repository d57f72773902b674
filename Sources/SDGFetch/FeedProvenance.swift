/// Where a source's bytes came from, for `run.json` and the report: the URL asked, the URL that answered, what
/// the server said and what was kept. Equal SHA-256 across runs means the same bytes were read.
public struct FeedProvenance: Codable, Sendable, Equatable {
    /// How this run got the bytes it read.
    public enum Origin: String, Codable, Sendable {
        /// The server sent a new body (HTTP 2xx).
        case downloaded
        /// The server said the cached copy is current (HTTP 304 to a conditional request).
        case notModified = "not_modified"
        /// `--offline`: the cached copy, the server not asked.
        case offline
        /// The server failed and the source says `on_error: use_cache`: the last good download, with a warning.
        case cacheAfterError = "cache_after_error"
    }

    /// The URL asked for, without credentials.
    public var url: String
    /// The URL that answered after redirects.
    public var finalUrl: String
    public var origin: Origin
    /// The status of the last response (200, 304, or the failure's), none when the server was not asked.
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    public var bytes: Int
    public var sha256: String
    /// When the copy read was downloaded (ISO 8601).
    public var downloaded: String
    /// When the server was last asked, this run (ISO 8601); none offline.
    public var checked: String?
    /// Requests sent this run, retries included.
    public var attempts: Int

    public init(
        url: String, finalUrl: String, origin: Origin, httpStatus: Int?, etag: String?, lastModified: String?,
        bytes: Int, sha256: String, downloaded: String, checked: String?, attempts: Int
    ) {
        self.url = url
        self.finalUrl = finalUrl
        self.origin = origin
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.bytes = bytes
        self.sha256 = sha256
        self.downloaded = downloaded
        self.checked = checked
        self.attempts = attempts
    }
}
