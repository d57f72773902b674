import Foundation
import SDGTestSupport
import Testing

@testable import SDGFetch

/// The SDMX REST data query URLs and media types of the 2.1 and 3.0 web service specifications.
@Suite struct SDMXQueryTests {
    @Test func buildsTheSDMX21DataQuery() {
        var query = SDMXQuery(
            api: "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/", flow: "ESTAT,URB_CEDU,1.0")
        query.key = "A..SE_ADT_ACTS.."
        query.start = "2010"
        query.end = "2025"
        #expect(
            query.url
                == "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/ESTAT,URB_CEDU,1.0/A..SE_ADT_ACTS..?startPeriod=2010&endPeriod=2025"
        )
        #expect(query.accept == "application/vnd.sdmx.structurespecificdata+xml;version=2.1")
        #expect(query.fileExtension == "xml")
        #expect(query.problem == nil)
        query.format = .generic
        #expect(query.accept == "application/vnd.sdmx.genericdata+xml;version=2.1")
        query.format = .csv
        #expect(query.accept == "application/vnd.sdmx.data+csv;version=1.0.0")
        #expect(query.fileExtension == "csv")
    }

    @Test func buildsTheSDMX30DataQueryWithATimeFilter() {
        var query = SDMXQuery(api: "https://data.example.org/rest", flow: "UN,DF_SDG_GLH,1.16")
        query.version = .v3_0
        query.start = "2015"
        query.end = "2023"
        query.format = .csv
        #expect(
            query.url
                == "https://data.example.org/rest/data/dataflow/UN/DF_SDG_GLH/1.16/*?c%5BTIME_PERIOD%5D=ge:2015%2Ble:2023"
        )
        #expect(query.accept == "application/vnd.sdmx.data+csv;version=2.0.0")
        query.format = .generic
        #expect(query.problem?.contains("SDMX 3.0 has no generic data message") == true)
    }

    @Test func extraParametersComeAfterTheStandardOnes() {
        var query = SDMXQuery(api: "https://stats.example.org/sdmx", flow: "DF_EDU")
        query.parameters = [("detail", "dataonly"), ("format", "csvdata")]
        #expect(query.url == "https://stats.example.org/sdmx/data/DF_EDU?detail=dataonly&format=csvdata")
    }

    @Test func namesWhatIsWrongWithAQuery() {
        #expect(SDMXQuery(api: "ftp://x.org", flow: "A,B,1").problem?.contains("`api`") == true)
        #expect(SDMXQuery(api: "https://x.org", flow: "A,,1").problem?.contains("`flow`") == true)
        var query = SDMXQuery(api: "https://x.org", flow: "DF")
        query.version = .v3_0
        #expect(query.problem?.contains("AGENCY,ID,VERSION") == true)
    }

    /// A query against the test server (its paths are the REST paths): the Accept header goes out and the body is
    /// cached as the `.xml` the reader expects.
    @Test func fetchesAQueryWithItsAcceptHeader() throws {
        let server = try FeedServer()
        let folder = server.folder.appendingPathComponent("data/ESTAT,URB_CEDU,1.0")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<message/>".utf8).write(to: folder.appendingPathComponent("A..SE_ADT_ACTS.."))
        var query = SDMXQuery(api: server.url(""), flow: "ESTAT,URB_CEDU,1.0")
        query.key = "A..SE_ADT_ACTS.."
        query.start = "2010"
        var source = RemoteSource(name: "eurostat", url: query.url, fileExtension: query.fileExtension)
        source.accept = query.accept
        let cache = TemporaryDirectory("sdgpipe-cache")
        let feed = try FeedFetcher(cache: FeedCache(directory: cache.url), environment: [:]).fetch(source)
        #expect(feed.file.lastPathComponent == "eurostat.xml")
        #expect(try String(contentsOf: feed.file, encoding: .utf8) == "<message/>")
        let request = try #require(server.requests().last)
        #expect(request.headers["accept"] == "application/vnd.sdmx.structurespecificdata+xml;version=2.1")
        #expect(request.path == "/data/ESTAT,URB_CEDU,1.0/A..SE_ADT_ACTS..")
    }

    @Test func aCachedCopyKeepsTheExtensionOfWhatTheURLServes() {
        #expect(RemoteSource.fileExtension(of: "https://x.org/a/b/feed.CSV.gz?x=1", fallback: "xml") == "csv.gz")
        #expect(RemoteSource.fileExtension(of: "https://x.org/a/workbook.xlsx", fallback: "csv") == "xlsx")
        #expect(RemoteSource.fileExtension(of: "https://x.org/api/data", fallback: "xml") == "xml")
    }
}
