import SDGCore

/// Why a source by URL could not be had. Each message names the source, the URL (never a credential), every attempt
/// and what to do; network failures are unusable input (exit 3), a missing token is a usage error (exit 2).
public enum FetchError: SDGFailure, Equatable {
    /// Every attempt failed, or the server answered with a status that retrying cannot change.
    case failed(source: String, url: String, attempts: [String], cachedCopy: String?)
    /// The body arrived whole but is not what the pipeline says it must be (`sha256:`), or shorter than announced.
    case verification(source: String, url: String, problem: String)
    /// `--offline` and no copy of this source (of this URL) in the cache.
    case notCached(source: String, url: String, cache: String)
    /// `auth: {bearer_env: NAME}` names a variable that is not set.
    case missingToken(source: String, variable: String)
    case cacheUnwritable(directory: String, reason: String)

    public var category: FailureCategory {
        switch self {
        case .failed, .verification, .notCached: .inputData
        case .missingToken: .usage
        case .cacheUnwritable: .output
        }
    }

    public var description: String {
        let unchanged = "The previous outputs are unchanged."
        switch self {
        case .failed(let source, let url, let attempts, let cachedCopy):
            let tries = attempts.count == 1 ? "1 attempt" : "\(attempts.count) attempts"
            var text =
                "source `\(source)`: could not fetch \(url) (\(tries): \(attempts.joined(separator: "; "))). \(unchanged)"
            if let cachedCopy {
                text +=
                    " Check the URL and the service; to run from the last good download (\(cachedCopy)) when the server fails, add `on_error: use_cache` to the source, or run with --offline."
            } else {
                text +=
                    " Check the URL and the service; no copy of this source is cached yet, so it must be fetched once."
            }
            return text
        case .verification(let source, let url, let problem):
            return
                "source `\(source)`: the download of \(url) \(problem); it was not kept. \(unchanged) If the publisher changed the file on purpose, update `sha256:` in the pipeline (or remove it)."
        case .notCached(let source, let url, let cache):
            return
                "source `\(source)`: --offline, but \(cache) holds no copy of \(url). \(unchanged) Run once without --offline to fetch it."
        case .missingToken(let source, let variable):
            return
                "source `\(source)`: `auth.bearer_env` names the environment variable \(variable), which is not set. Export it (export \(variable)=...) before the run, or remove `auth` if the service needs no token."
        case .cacheUnwritable(let directory, let reason):
            return
                "the download cache \(directory) cannot be written (\(reason)). \(unchanged) Give `cache:` a folder this user can write."
        }
    }
}
