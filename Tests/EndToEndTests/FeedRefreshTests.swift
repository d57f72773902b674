import Foundation
import SDGTestSupport
import Testing

/// A pipeline whose city feed comes from a local HTTP server, run by the real executable as cron would run it:
/// first run downloads, an unchanged feed costs one conditional request and skips the run, a changed feed runs, a
/// failing server is survived with `on_error: use_cache` and stops the run (exit 3, outputs untouched) without it.
@Suite(.serialized) struct FeedRefreshTests {
    let server: FeedServer
    let w: Workspace

    init() throws {
        server = try FeedServer()
        w = try Workspace()
        try server.serve("city_stats.csv", copying: URL(fileURLWithPath: w.dir.path("samples/demo/city_stats.csv")))
        try usePipeline(onError: nil)
    }

    /// The demo with its city feed by URL (`/down/...`: the test can make the server fail).
    func usePipeline(onError: String?) throws {
        let path = w.dir.path("pipelines/demo.yaml")
        var yaml = try String(contentsOfFile: path, encoding: .utf8)
        let source = try #require(yaml.split(separator: "\n").first { $0.contains("city_stats: {") })
        let extra = onError.map { ", on_error: \($0)" } ?? ""
        yaml = yaml.replacingOccurrences(
            of: String(source),
            with:
                "  city_stats: {url: '\(server.url("down/city_stats.csv"))', retries: 1, retry_delay: 0.05\(extra)}")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func manifest() throws -> [String: Any] {
        let data = try Data(contentsOf: w.out.appendingPathComponent("run.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func fetch(_ manifest: [String: Any]) throws -> [String: Any] {
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let city = try #require(inputs.first { $0["source"] as? String == "city_stats" })
        return try #require(city["fetch"] as? [String: Any])
    }

    @Test func aScheduledRefreshDownloadsSkipsRerunsAndSurvivesAFailingServer() throws {
        // 1. The first run downloads the feed into the cache beside the outputs.
        let first = try w.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("city_stats: downloaded"))
        let firstRows = try #require(try manifest()["rows_read"] as? Int)
        let fetched = try fetch(try manifest())
        #expect(fetched["origin"] as? String == "downloaded")
        #expect(fetched["http_status"] as? Int == 200)
        #expect((fetched["etag"] as? String)?.isEmpty == false)
        #expect(fetched["final_url"] as? String == server.url("down/city_stats.csv"))
        let cached = w.dir.url.appendingPathComponent("output/riverton-demo.cache/city_stats.csv")
        #expect(FileManager.default.fileExists(atPath: cached.path))
        let report = try String(contentsOf: w.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains(server.url("down/city_stats.csv")))
        #expect(report.contains("(HTTP 200)"))

        // 2. Unchanged: one conditional request, answered 304, and the run is skipped.
        let before = try w.snapshot().filter { $0.key != "sdgpipe.sqlite" }
        let second = try w.run()
        #expect(second.status == 0 && second.stdout.contains("unchanged, nothing to do"), "\(second.stderr)")
        #expect(second.stderr.contains("unchanged on the server (HTTP 304)"))
        let last = try #require(server.requests().last)
        #expect(last.headers["if-none-match"] == fetched["etag"] as? String)
        #expect(try w.snapshot().filter { $0.key != "sdgpipe.sqlite" } == before)

        // 3. The feed changes: the run downloads it and runs.
        let text = try String(contentsOf: server.folder.appendingPathComponent("city_stats.csv"), encoding: .utf8)
        try server.serve("city_stats.csv", text + "Riverton,ADULT_LEARN,_T,2024,47.9,percent\n")
        let third = try w.run()
        #expect(third.status == 0 && !third.stdout.contains("unchanged"), "\(third.stderr)")
        let changed = try fetch(try manifest())
        #expect(changed["sha256"] as? String != fetched["sha256"] as? String)
        #expect(try manifest()["rows_read"] as? Int == firstRows + 1)

        // 4. The server fails. Without `on_error: use_cache`: exit 3, the error names the way out, outputs untouched.
        try server.setDown(true)
        let kept = try w.snapshot().filter { $0.key != "sdgpipe.sqlite" }
        let failed = try w.run(["--force"])
        #expect(failed.status == 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("HTTP 503"))
        #expect(failed.stderr.contains("add `on_error: use_cache` to the source"))
        #expect(try w.snapshot().filter { $0.key != "sdgpipe.sqlite" } == kept)

        // 5. Following that advice: the run goes on from the cached copy, with a warning in the log and run.json.
        try usePipeline(onError: "use_cache")
        let survived = try w.run()
        #expect(survived.status == 0, "\(survived.stderr)")
        #expect(survived.stderr.contains("reading the copy downloaded"))
        let fromCache = try manifest()
        #expect(try fetch(fromCache)["origin"] as? String == "cache_after_error")
        #expect((fromCache["warnings"] as? [String])?.contains { $0.contains("on_error: use_cache") } == true)
        let warned = try String(contentsOf: w.out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(warned.contains("the server failed at"))

        // 6. The other way out the error names, --offline: no request at all.
        let requests = server.requests().count
        let offline = try w.run(["--offline", "--force"])
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(try fetch(try manifest())["origin"] as? String == "offline")
        #expect(server.requests().count == requests)
    }

    @Test func offlineWithoutACachedCopyExitsThreeAndSaysHowToFetchIt() throws {
        let result = try w.run(["--offline"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("Run once without --offline"))
        #expect(!FileManager.default.fileExists(atPath: w.out.path))
        // Following the advice works.
        #expect(try w.run(["--quiet"]).status == 0)
        #expect(try w.run(["--offline", "--force", "--quiet"]).status == 0)
    }

    @Test func validateFetchesAsARunWould() throws {
        let result = try CLI.run(["validate", "pipelines/demo.yaml"], in: w.dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
        #expect(server.requests().count == 1)
    }
}
