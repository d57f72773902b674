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
        var firstSeen: [SeriesKey: [Period: Int]] = [:]
        func deduplicate(_ record: IngestRecord) throws {
            guard case .observation(let observation) = record else { return try handle(record) }
            let line = observation.location.line ?? 0
            if let first = firstSeen[observation.key]?[observation.period] {
                let raw = "\(observation.key) \(observation.period.label) = \(observation.value.map { "\($0)" } ?? "missing")"
                return try handle(.reject(Reject(
                    source: entry.name, location: observation.location, code: "duplicate-observation", raw: raw,
                    reason: "duplicate observation: the same series and period were already read at line \(first); remove one of them")))
            }
            firstSeen[observation.key, default: [:]][observation.period] = line
            try handle(record)
        }
        let path = entry.displayPath
        switch resolvedFormat() {
        case .sdmx: try SDMXGenericReader(path: path, options: entry.options).read(deduplicate)
        case .csv, .auto: try LongCSVReader(path: path, options: entry.options).read(deduplicate)
        }
    }
}
