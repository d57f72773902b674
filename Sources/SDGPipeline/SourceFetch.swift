import Foundation
import SDGFetch

/// The pipeline's sources by URL, fetched into its cache before the fingerprint is taken: an unchanged feed (HTTP
/// 304) leaves the cached copy, hence the fingerprint, as it was, so the run is skipped as for unchanged files.
struct SourceFetch {
    /// Per source name, what was fetched and how.
    let feeds: [String: FetchedFeed]

    init(_ definition: PipelineDefinition, offline: Bool, events: @Sendable (RunEvent) -> Void) throws {
        var feeds: [String: FetchedFeed] = [:]
        guard let directory = definition.cacheDirectory, !definition.remoteSources.isEmpty else {
            self.feeds = [:]
            return
        }
        let fetcher = FeedFetcher(
            cache: FeedCache(directory: directory), offline: offline,
            userAgent: "sdgpipe/\(SDGPipelineVersion.current)")
        for source in definition.sources {
            guard let remote = definition.remoteSources[source.name] else { continue }
            let feed = try fetcher.fetch(remote)
            let p = feed.provenance
            let what =
                switch p.origin {
                case .downloaded: "downloaded \(p.bytes) bytes (HTTP \(p.httpStatus ?? 200))"
                case .notModified: "unchanged on the server (HTTP 304); the cached copy is read"
                case .offline: "offline: the copy downloaded \(p.downloaded) is read"
                case .cacheAfterError: "the server failed; the copy downloaded \(p.downloaded) is read"
                }
            events(
                RunEvent(
                    .info, stage: "fetch", "\(source.name): \(what) from \(p.finalUrl)",
                    counts: ["bytes": p.bytes, "attempts": p.attempts]))
            feeds[source.name] = feed
        }
        self.feeds = feeds
    }

    /// The warnings of sources read from the cache because their server failed.
    var warnings: [String] { feeds.values.compactMap(\.warning).sorted() }
}
