import Foundation
import SDGCore
import SDGSystem
import SDGTestSupport
import Testing

@testable import SDGFetch

/// The fetcher against `scripts/feed_server.py` on loopback: every fault the server can plant, and the cache.
@Suite struct FeedFetcherTests {
    let server: FeedServer
    let cacheFolder = TemporaryDirectory("sdgpipe-cache")
    let body = "area,year,value\nRiverton,2020,1.5\nRiverton,2021,2.5\n"

    init() throws {
        server = try FeedServer()
        try server.serve("city.csv", body)
    }

    func fetcher(offline: Bool = false, environment: [String: String] = [:]) -> FeedFetcher {
        var fetcher = FeedFetcher(
            cache: FeedCache(directory: cacheFolder.url), offline: offline, environment: environment)
        fetcher.sleep = { _ in }
        return fetcher
    }

    func source(_ path: String, _ change: (inout RemoteSource) -> Void = { _ in }) -> RemoteSource {
        var source = RemoteSource(name: "city", url: server.url(path), fileExtension: "csv")
        source.idleTimeout = 1
        source.connectTimeout = 2
        change(&source)
        return source
    }

    func cached(_ feed: FetchedFeed) throws -> String { try String(contentsOf: feed.file, encoding: .utf8) }

    @Test func downloadsThenAsksConditionallyAndReadsTheCacheOn304() throws {
        let first = try fetcher().fetch(source("city.csv"))
        #expect(try cached(first) == body)
        #expect(first.provenance.origin == .downloaded)
        #expect(first.provenance.httpStatus == 200)
        #expect(first.provenance.bytes == body.utf8.count)
        #expect(first.provenance.etag?.hasPrefix("\"") == true)
        let second = try fetcher().fetch(source("city.csv"))
        #expect(second.provenance.origin == .notModified)
        #expect(second.provenance.httpStatus == 304)
        #expect(second.provenance.sha256 == first.provenance.sha256)
        let requests = server.requests()
        #expect(requests.count == 2)
        #expect(requests[0].headers["if-none-match"] == nil)
        #expect(requests[1].headers["if-none-match"] == first.provenance.etag)
        #expect(requests[1].headers["user-agent"]?.hasPrefix("sdgpipe") == true)
    }

    @Test func aChangedFeedIsDownloadedAgain() throws {
        let first = try fetcher().fetch(source("city.csv"))
        try server.serve("city.csv", body + "Riverton,2022,3.5\n")
        let second = try fetcher().fetch(source("city.csv"))
        #expect(second.provenance.origin == .downloaded)
        #expect(second.provenance.sha256 != first.provenance.sha256)
        #expect(try cached(second).hasSuffix("2022,3.5\n"))
    }

    @Test func retriesA500ThenSucceeds() throws {
        let feed = try fetcher().fetch(source("fail/2/t1/city.csv"))
        #expect(try cached(feed) == body)
        #expect(feed.provenance.attempts == 3)
    }

    @Test func honoursRetryAfterOn429() throws {
        let waits = Locked<[Double]>([])
        var fetcher = fetcher()
        fetcher.sleep = { seconds in waits.withLock { $0.append(seconds) } }
        let feed = try fetcher.fetch(source("busy/1/7/t2/city.csv"))
        #expect(try cached(feed) == body)
        #expect(waits.withLock { $0 } == [7])
    }

    @Test func aRetryAfterLongerThanAllowedFailsAtOnce() throws {
        let error = #expect(throws: FetchError.self) {
            try fetcher().fetch(source("busy/5/900/t3/city.csv"))
        }
        #expect(error?.description.contains("retry after 900 s, more than the 300 s allowed") == true)
        #expect(server.requests().count == 1)
    }

    @Test func backsOffExponentiallyWithJitterAndGivesUpWithEveryAttemptNamed() throws {
        let waits = Locked<[Double]>([])
        var fetcher = fetcher()
        fetcher.sleep = { seconds in waits.withLock { $0.append(seconds) } }
        let error = #expect(throws: FetchError.self) {
            try fetcher.fetch(
                source("status/503") {
                    $0.retries = 3
                    $0.retryDelay = 2
                })
        }
        let seen = waits.withLock { $0 }
        #expect(seen.count == 3)
        for (n, wait) in seen.enumerated() {
            let base = 2 * pow(2, Double(n))
            #expect(wait >= base / 2 && wait <= base)
        }
        let text = error?.description ?? ""
        #expect(text.contains("4 attempts"))
        #expect(text.contains("HTTP 503"))
        #expect(text.contains("planted status 503"))
        #expect(text.contains("no copy of this source is cached yet"))
        #expect(error?.category.exitCode == 3)
    }

    @Test func aClientErrorIsNotRetried() throws {
        let error = #expect(throws: FetchError.self) { try fetcher().fetch(source("status/404")) }
        #expect(error?.description.contains("1 attempt: HTTP 404") == true)
        #expect(server.requests().count == 1)
    }

    @Test func aTruncatedBodyNeverReplacesTheCache() throws {
        _ = try fetcher().fetch(source("city.csv") { $0.url = server.url("city.csv") })
        // The same source name now points at a server that cuts the body: every attempt fails, the cache stays.
        let error = #expect(throws: FetchError.self) {
            try fetcher().fetch(source("truncated/city.csv") { $0.retries = 1 })
        }
        #expect(error?.description.contains("2 attempts") == true)
        #expect(try String(contentsOf: cacheFolder.url.appendingPathComponent("city.csv"), encoding: .utf8) == body)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.url.path)
            .filter { $0.contains("download") }
        #expect(leftovers.isEmpty)
    }

    @Test func aSlowBodyPastTheIdleTimeoutFails() throws {
        let error = #expect(throws: FetchError.self) {
            try fetcher().fetch(source("slow/3/city.csv") { $0.retries = 0 })
        }
        #expect(error?.description.contains("no data for 1 s (`timeout.idle`)") == true)
    }

    @Test func aSlowBodyWithinTheIdleTimeoutArrives() throws {
        let feed = try fetcher().fetch(source("slow/0.3/city.csv"))
        #expect(try cached(feed) == body)
    }

    @Test func aRedirectLoopIsReportedNotRetried() throws {
        let error = #expect(throws: FetchError.self) { try fetcher().fetch(source("loop/A")) }
        #expect(error?.description.contains("the redirects lead in a loop") == true)
        #expect(error?.description.contains("1 attempt") == true)
    }

    @Test func followsARedirectAndRecordsTheFinalURL() throws {
        let feed = try fetcher().fetch(source("redirect/city.csv"))
        #expect(try cached(feed) == body)
        #expect(feed.provenance.url == server.url("redirect/city.csv"))
        #expect(feed.provenance.finalUrl == server.url("city.csv"))
    }

    @Test func decompressesAGzipTransferEncoding() throws {
        let feed = try fetcher().fetch(source("gzip/city.csv"))
        #expect(try cached(feed) == body)
        #expect(server.requests().first?.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func decompressesADeflateTransferEncoding() throws {
        let feed = try fetcher().fetch(source("deflate/city.csv"))
        #expect(try cached(feed) == body)
        // The SHA-256 is of the decoded body: the one a user's `sha256sum` of the file gives.
        #expect(feed.provenance.bytes == body.utf8.count)
    }

    @Test func checksTheExpectedSHA256() throws {
        let error = #expect(throws: FetchError.self) {
            try fetcher().fetch(source("city.csv") { $0.sha256 = String(repeating: "0", count: 64) })
        }
        #expect(error?.description.contains("update `sha256:` in the pipeline") == true)
        #expect(!FileManager.default.fileExists(atPath: cacheFolder.url.appendingPathComponent("city.csv").path))
    }

    @Test func usesTheLastGoodDownloadWhenTheServerFailsAndTheSourceSaysSo() throws {
        let good = try fetcher().fetch(source("down/city.csv"))
        try server.setDown(true)
        let feed = try fetcher().fetch(
            source("down/city.csv") {
                $0.onError = .useCache
                $0.retries = 1
            })
        #expect(feed.provenance.origin == .cacheAfterError)
        #expect(feed.provenance.sha256 == good.provenance.sha256)
        #expect(try cached(feed) == body)
        #expect(feed.warning?.contains("HTTP 503") == true)
        #expect(feed.warning?.contains("on_error: use_cache") == true)
        // Without `use_cache` the same failure stops the run, and says that a copy exists and how to use it.
        let error = #expect(throws: FetchError.self) { try fetcher().fetch(source("down/city.csv")) }
        #expect(error?.description.contains("add `on_error: use_cache` to the source") == true)
        #expect(error?.description.contains("downloaded \(good.provenance.downloaded)") == true)
    }

    @Test func sendsTheBearerTokenFromTheEnvironmentAndNeverPrintsIt() throws {
        let feed = try fetcher(environment: ["CITY_TOKEN": "s3cret"]).fetch(
            source("auth/s3cret/city.csv") { $0.bearerEnvironmentVariable = "CITY_TOKEN" })
        #expect(try cached(feed) == body)
        let refused = #expect(throws: FetchError.self) {
            try fetcher(environment: ["CITY_TOKEN": "wrong"]).fetch(
                source("auth/s3cret/city.csv") { $0.bearerEnvironmentVariable = "CITY_TOKEN" })
        }
        #expect(refused?.description.contains("HTTP 401") == true)
        #expect(refused?.description.contains("wrong") == false)
        let missing = #expect(throws: FetchError.self) {
            try fetcher().fetch(source("auth/s3cret/city.csv") { $0.bearerEnvironmentVariable = "CITY_TOKEN" })
        }
        #expect(missing?.category.exitCode == 2)
        #expect(missing?.description.contains("export CITY_TOKEN=") == true)
    }

    @Test func offlineReadsTheCacheAndSaysWhatToDoWithoutOne() throws {
        let none = #expect(throws: FetchError.self) { try fetcher(offline: true).fetch(source("city.csv")) }
        #expect(none?.description.contains("Run once without --offline") == true)
        _ = try fetcher().fetch(source("city.csv"))
        let feed = try fetcher(offline: true).fetch(source("city.csv"))
        #expect(feed.provenance.origin == .offline)
        #expect(try cached(feed) == body)
        #expect(server.requests().count == 1)
    }

    @Test func usesAProxyFromTheEnvironmentButNotForHostsInNoProxy() throws {
        // The test server is also a proxy: it opens the tunnel that the client asks for, then serves the path.
        let proxy = "http://127.0.0.1:\(server.port)"
        let feed = try fetcher(environment: ["http_proxy": proxy]).fetch(
            source("city.csv") { $0.url = "http://feeds.example.invalid/city.csv" })
        #expect(try cached(feed) == body)
        #expect(server.requests().contains { $0.proxied && $0.path.hasPrefix("feeds.example.invalid") })
        let direct = ProxySettings(environment: ["http_proxy": proxy, "no_proxy": ".example.invalid"])
        #expect(direct.proxy(for: "http://feeds.example.invalid/city.csv") == nil)
        #expect(ProxySettings(environment: ["http_proxy": proxy]).proxy(for: server.url("city.csv")) == nil)
    }

    @Test func aRefusedConnectionIsRetriedThenNamed() throws {
        let error = #expect(throws: FetchError.self) {
            try fetcher().fetch(
                source("city.csv") {
                    $0.url = "http://127.0.0.1:9/city.csv"
                    $0.retries = 1
                })
        }
        #expect(error?.description.contains("could not connect") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("2 attempts") == true)
    }

    @Test func credentialsInTheURLNeverReachMessages() throws {
        var source = source("status/404")
        source.url = source.url.replacingOccurrences(of: "http://", with: "http://user:pw@")
        let error = #expect(throws: FetchError.self) { try fetcher().fetch(source) }
        #expect(error?.description.contains("pw") == false)
    }
}
