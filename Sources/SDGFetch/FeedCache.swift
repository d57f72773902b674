import Foundation

/// The folder of last good downloads (`cache:` in the pipeline): per source its body (`NAME.EXT`) and what the
/// server said about it (`NAME.json`: URL, ETag, Last-Modified, size, SHA-256, time). A body enters it only whole
/// and verified, by a rename, so a failed or cut download never replaces a good copy.
public struct FeedCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    struct Entry: Codable, Sendable {
        var url: String
        var finalUrl: String
        var etag: String?
        var lastModified: String?
        var bytes: Int
        var sha256: String
        var downloaded: String
    }

    public func file(for source: RemoteSource) -> URL { directory.appendingPathComponent(source.cacheFileName) }

    func metadataFile(for source: RemoteSource) -> URL {
        directory.appendingPathComponent("\(source.name).json")
    }

    /// The cached copy of `source`, when there is one of the same URL whose size still matches its record.
    func entry(for source: RemoteSource) -> Entry? {
        guard let data = FileManager.default.contents(atPath: metadataFile(for: source).path),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.url == source.displayURL,
            let size = (try? FileManager.default.attributesOfItem(atPath: file(for: source).path))?[.size] as? Int,
            size == entry.bytes
        else { return nil }
        return entry
    }

    func prepare() throws(FetchError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cacheUnwritable(directory: directory.path, reason: "\(error.localizedDescription)")
        }
    }

    /// A fresh temporary file in the cache folder (the same file system, so the final rename is atomic).
    func temporaryFile(for source: RemoteSource) -> URL {
        directory.appendingPathComponent(".\(source.name).download-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Moves a verified download into place, then its record; a crash between the two leaves a record that no
    /// longer matches the body's size, which `entry(for:)` ignores (the next run downloads again).
    func commit(_ temporary: URL, as entry: Entry, for source: RemoteSource) throws(FetchError) {
        let metadata = directory.appendingPathComponent(".\(source.name).json-\(getpid())")
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(entry).write(to: metadata)
        } catch {
            throw .cacheUnwritable(directory: directory.path, reason: "\(error.localizedDescription)")
        }
        for (from, to) in [(temporary, file(for: source)), (metadata, metadataFile(for: source))]
        where rename(from.path, to.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: from)
            throw .cacheUnwritable(directory: directory.path, reason: reason)
        }
    }
}
