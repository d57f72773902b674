import Foundation
import SDGCore
import SDGFetch
import SDGTestSupport
import Testing

@testable import SDGPipeline

/// The keys of sources by URL and SDMX REST queries, and every problem they can have, with its line.
@Suite struct RemoteSourceParserTests {
    func pipeline(_ source: String, extra: String = "") -> String {
        minimal.replacingOccurrences(of: "  city: {path: city.csv}", with: source) + extra
    }

    @Test func aSourceByURLReadsItsCachedCopyBesideTheOutputs() throws {
        let p = try parse(
            pipeline(
                """
                  city:
                    url: https://data.example.org/feeds/city.csv.gz
                    sha256: sha256:\(String(repeating: "ab", count: 32))
                    on_error: use_cache
                    auth: {bearer_env: CITY_TOKEN}
                    timeout: {connect: 5, idle: 30}
                    retries: 2
                    retry_delay: 0.5
                """))
        let remote = try #require(p.remoteSources["city"])
        #expect(remote.url == "https://data.example.org/feeds/city.csv.gz")
        #expect(remote.fileExtension == "csv.gz")
        #expect(remote.sha256 == String(repeating: "ab", count: 32))
        #expect(remote.onError == .useCache)
        #expect(remote.bearerEnvironmentVariable == "CITY_TOKEN")
        #expect(remote.connectTimeout == 5 && remote.idleTimeout == 30)
        #expect(remote.retries == 2 && remote.retryDelay == 0.5)
        let cache = try #require(p.cacheDirectory)
        #expect(cache.lastPathComponent == "test.cache")
        #expect(p.sources[0].url == cache.appendingPathComponent("city.csv.gz"))
    }

    @Test func anSDMXQueryBecomesItsURLAndAcceptHeader() throws {
        let p = try parse(
            pipeline(
                """
                  city:
                    sdmx: {api: "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1", flow: "ESTAT,URB_CEDU,1.0", key: A..SE_ADT_ACTS.., start: 2010, format: generic}
                """, extra: "cache: downloads\n"))
        let remote = try #require(p.remoteSources["city"])
        #expect(
            remote.url
                == "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/ESTAT,URB_CEDU,1.0/A..SE_ADT_ACTS..?startPeriod=2010"
        )
        #expect(remote.accept == "application/vnd.sdmx.genericdata+xml;version=2.1")
        #expect(p.sources[0].url.lastPathComponent == "city.xml")
        #expect(p.cacheDirectory?.lastPathComponent == "downloads")
    }

    @Test func everyProblemIsNamedWithItsLine() {
        let cases: [(String, String)] = [
            ("  city: {path: city.csv, url: 'https://x.org/a.csv'}", "give only one of them"),
            ("  city: {format: csv}", "needs `path` (a file), `url`"),
            ("  city: {url: 'ftp://x.org/a.csv'}", "should be an http:// or https:// address"),
            ("  city: {url: 'https://x.org/a.csv', on_error: retry}", "on_error"),
            ("  city: {url: 'https://x.org/a.csv', sha256: abc}", "64 hexadecimal digits"),
            ("  city: {url: 'https://x.org/a.csv', auth: {bearer_env: 'Bearer xyz'}}", "not the token itself"),
            ("  city: {url: 'https://x.org/a.csv', retries: 50}", "from 0 to 10"),
            ("  city: {url: 'https://x.org/a.csv', timeout: {idle: 0}}", "number of seconds above 0"),
            ("  city: {path: city.csv, retries: 2}", "applies to a source by `url` or `sdmx` only"),
            ("  city: {sdmx: {api: 'https://x.org', flow: 'A,,1'}}", "`flow` should be AGENCY,ID,VERSION"),
            ("  city: {sdmx: {flow: 'A,B,1'}}", "needs `api`"),
            ("  city: {sdmx: {api: 'https://x.org', flow: 'A,B,1', version: '3.0', format: generic}}", "no generic"),
            ("  \"city x\": {url: 'https://x.org/a.csv'}", "letters, digits, '-' and '_' only"),
        ]
        for (source, expected) in cases {
            let found = problems(pipeline(source))
            #expect(found.contains { $0.message.contains(expected) && $0.line != nil }, "\(source): \(found)")
        }
    }
}
