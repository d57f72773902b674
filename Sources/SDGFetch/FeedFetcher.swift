import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A remote source fetched into the cache: the local file to read and where it came from.
public struct FetchedFeed: Sendable {
    public let file: URL
    public let provenance: FeedProvenance
    /// Set when the run goes on from the cache because the server failed (`on_error: use_cache`).
    public let warning: String?
}

/// Fetches sources by URL into the cache, for a scheduled run: a conditional request when a copy is cached (an
/// unchanged feed costs one request and a 304), retries with exponential backoff and jitter on 408/429/5xx and
/// connection failures (`Retry-After` honoured), idle and connect timeouts, bounded redirects, gzip and deflate,
/// proxies from `https_proxy`/`http_proxy`/`no_proxy`. Synchronous: the run is, and the wait is on a NIO future,
/// so it never ties up Swift's cooperative threads.
public struct FeedFetcher: Sendable {
    public let cache: FeedCache
    public let offline: Bool
    public let environment: [String: String]
    public let userAgent: String
    /// Where the waits between attempts go; tests replace it to run without sleeping.
    public var sleep: @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }

    public init(
        cache: FeedCache, offline: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
        userAgent: String = "sdgpipe"
    ) {
        self.cache = cache
        self.offline = offline
        self.environment = environment
        self.userAgent = userAgent
    }

    public func fetch(_ source: RemoteSource) throws(FetchError) -> FetchedFeed {
        let cached = cache.entry(for: source)
        if offline {
            guard let cached else {
                throw .notCached(source: source.name, url: source.displayURL, cache: cache.directory.path)
            }
            return FetchedFeed(
                file: cache.file(for: source), provenance: provenance(cached, .offline, status: nil, attempts: 0),
                warning: nil)
        }
        var token: String?
        if let variable = source.bearerEnvironmentVariable {
            guard let value = environment[variable], !value.isEmpty else {
                throw .missingToken(source: source.name, variable: variable)
            }
            token = value
        }
        guard let scheme = URLComponents(string: source.url)?.scheme?.lowercased(), ["http", "https"].contains(scheme),
            (try? HTTPClient.Request(url: source.url)) != nil
        else {
            throw .failed(
                source: source.name, url: source.displayURL, attempts: ["the URL is not a valid http(s) URL"],
                cachedCopy: nil)
        }
        try cache.prepare()
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration(source))
        defer { try? client.syncShutdown() }

        var attempts: [String] = []
        var conditional = cached
        while true {
            let temporary = cache.temporaryFile(for: source)
            defer { try? FileManager.default.removeItem(at: temporary) }
            let checked = Date().ISO8601Format()
            var wait: Double? = nil
            do {
                let outcome = try send(source, client: client, token: token, conditional: conditional, to: temporary)
                switch outcome.status {
                case 200..<300:
                    if let length = outcome.announcedLength, length != outcome.bytes {
                        attempts.append("HTTP \(outcome.status) but \(outcome.bytes) of \(length) bytes arrived")
                        wait = backoff(source, attempt: attempts.count)
                        break
                    }
                    if let expected = source.sha256?.lowercased(), expected != outcome.sha256 {
                        throw FetchError.verification(
                            source: source.name, url: source.displayURL,
                            problem: "has SHA-256 \(outcome.sha256), not the \(expected) the pipeline expects")
                    }
                    let entry = FeedCache.Entry(
                        url: source.displayURL, finalUrl: outcome.finalURL, etag: outcome.header("ETag"),
                        lastModified: outcome.header("Last-Modified"), bytes: outcome.bytes, sha256: outcome.sha256,
                        downloaded: checked)
                    try cache.commit(temporary, as: entry, for: source)
                    var result = provenance(entry, .downloaded, status: outcome.status, attempts: attempts.count + 1)
                    result.checked = checked
                    return FetchedFeed(file: cache.file(for: source), provenance: result, warning: nil)
                case 304 where conditional != nil:
                    var result = provenance(conditional!, .notModified, status: 304, attempts: attempts.count + 1)
                    result.checked = checked
                    return FetchedFeed(file: cache.file(for: source), provenance: result, warning: nil)
                case 304:
                    attempts.append("HTTP 304 to a request that was not conditional")
                    conditional = nil
                    wait = 0
                case 408, 429, 500..<600:
                    attempts.append(Self.describe(outcome))
                    if let asked = outcome.header("Retry-After").flatMap(Self.retryAfterSeconds) {
                        guard asked <= source.maxRetryWait else {
                            attempts[attempts.count - 1] +=
                                ", asking to retry after \(Int(asked)) s, more than the \(Int(source.maxRetryWait)) s allowed"
                            return try failure(source, attempts: attempts, cached: cached)
                        }
                        wait = asked
                    } else {
                        wait = backoff(source, attempt: attempts.count)
                    }
                default:
                    attempts.append(Self.describe(outcome))
                    return try failure(source, attempts: attempts, cached: cached)
                }
            } catch let error as FetchError {
                throw error
            } catch {
                attempts.append(Self.describe(error, source))
                guard Self.isTransient(error) else { return try failure(source, attempts: attempts, cached: cached) }
                wait = backoff(source, attempt: attempts.count)
            }
            if attempts.count > source.retries { return try failure(source, attempts: attempts, cached: cached) }
            if let wait, wait > 0 { sleep(wait) }
        }
    }

    /// The last good download with a warning (`on_error: use_cache`), or the error.
    private func failure(_ source: RemoteSource, attempts: [String], cached: FeedCache.Entry?) throws(FetchError)
        -> FetchedFeed
    {
        guard source.onError == .useCache, let cached else {
            throw .failed(
                source: source.name, url: source.displayURL, attempts: attempts,
                cachedCopy: cached.map { "downloaded \($0.downloaded)" })
        }
        let warning =
            "source `\(source.name)`: could not fetch \(source.displayURL) (\(attempts.joined(separator: "; "))); reading the copy downloaded \(cached.downloaded) instead (on_error: use_cache)"
        var result = provenance(cached, .cacheAfterError, status: nil, attempts: attempts.count)
        result.checked = Date().ISO8601Format()
        return FetchedFeed(file: cache.file(for: source), provenance: result, warning: warning)
    }

    private func provenance(_ entry: FeedCache.Entry, _ origin: FeedProvenance.Origin, status: Int?, attempts: Int)
        -> FeedProvenance
    {
        FeedProvenance(
            url: entry.url, finalUrl: entry.finalUrl, origin: origin, httpStatus: status, etag: entry.etag,
            lastModified: entry.lastModified, bytes: entry.bytes, sha256: entry.sha256, downloaded: entry.downloaded,
            checked: nil, attempts: attempts)
    }

    private func send(
        _ source: RemoteSource, client: HTTPClient, token: String?, conditional: FeedCache.Entry?, to temporary: URL
    ) throws -> DownloadDelegate.Outcome {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let accept = source.accept { headers.add(name: "Accept", value: accept) }
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let conditional {
            if let etag = conditional.etag { headers.add(name: "If-None-Match", value: etag) }
            if let date = conditional.lastModified { headers.add(name: "If-Modified-Since", value: date) }
        }
        let request = try HTTPClient.Request(url: source.url, method: .GET, headers: headers)
        let delegate = DownloadDelegate(temporary: temporary, requestURL: source.displayURL)
        return try client.execute(request: request, delegate: delegate).wait()
    }

    private func configuration(_ source: RemoteSource) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: source.maxRedirects, allowCycles: false),
            timeout: .init(
                connect: .milliseconds(Int64(source.connectTimeout * 1000)),
                read: .milliseconds(Int64(source.idleTimeout * 1000))),
            proxy: ProxySettings(environment: environment).proxy(for: source.url),
            decompression: .enabled(limit: .none))
        configuration.httpVersion = .automatic
        return configuration
    }

    /// Exponential backoff with jitter: the `n`th wait is between half and all of `retry_delay × 2ⁿ⁻¹`, so that
    /// many cron jobs failing together do not retry together.
    private func backoff(_ source: RemoteSource, attempt: Int) -> Double {
        let base = source.retryDelay * pow(2, Double(max(0, attempt - 1)))
        return min(source.maxRetryWait, base * Double.random(in: 0.5...1))
    }

    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func describe(_ outcome: DownloadDelegate.Outcome) -> String {
        var text = "HTTP \(outcome.status)" + (outcome.reason.isEmpty ? "" : " \(outcome.reason)")
        let body = outcome.errorBody.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        if !body.isEmpty { text += ": " + String(body.prefix(200)) }
        return text
    }
}
