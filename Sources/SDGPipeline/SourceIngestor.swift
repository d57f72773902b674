import Foundation
import SDGCore
import SDGIngest

/// Reads one source with the reader its format calls for, dropping nothing: duplicates (same series key and period)
/// become rejects that name the line of the first occurrence.
struct SourceIngestor {
    let entry: SourceEntry

    func resolvedFormat() -> SourceFormat {
        if entry.format != .auto { return entry.format }
        switch entry.url.pathExtension.lowercased() {
        case "xml", "sdmx": return .sdmx
        case "csv", "tsv", "txt": return .csv
        default:
            let head = (try? FileHandle(forReadingFrom: entry.url).read(upToCount: 64)) ?? Data()
            let firstByte = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
            return firstByte == UInt8(ascii: "<") ? .sdmx : .csv
        }
    }

    /// Streams every record of the source into `handle`.
    func read(_ handle: (IngestRecord) throws -> Void) throws {
        // Rows usually come grouped by series, so the current series' periods are kept apart from the dictionary of
        // all others: one key comparison per row instead of two hash lookups.
        var firstSeen: [SeriesKey: [Period: Int]] = [:]
        var currentKey: SeriesKey?
        var currentPeriods: [Period: Int] = [:]
        func deduplicate(_ record: IngestRecord) throws {
            guard case .observation(let observation) = record else { return try handle(record) }
            let line = observation.location.line ?? 0
            if observation.key != currentKey {
                if let currentKey { firstSeen[currentKey] = currentPeriods }
                currentPeriods = firstSeen.removeValue(forKey: observation.key) ?? [:]
                currentKey = observation.key
            }
            if let first = currentPeriods[observation.period] {
                let raw = "\(observation.key) \(observation.period.label) = \(observation.value.map { "\($0)" } ?? "missing")"
                return try handle(.reject(Reject(
                    source: entry.name, location: observation.location, code: "duplicate-observation", raw: raw,
                    reason: "duplicate observation: the same series and period were already read at line \(first); remove one of them")))
            }
            currentPeriods[observation.period] = line
            try handle(record)
        }
        let path = entry.displayPath
        switch resolvedFormat() {
        case .sdmx: try SDMXDataReader(path: path, options: entry.options).read(deduplicate)
        case .csv, .auto: try LongCSVReader(path: path, options: entry.options).read(deduplicate)
        }
    }
}
