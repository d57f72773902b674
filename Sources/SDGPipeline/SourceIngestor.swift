import Foundation
import SDGCore
import SDGIngest

/// Reads one source with the reader its format calls for, dropping nothing: duplicates (same series key and period)
/// become rejects that name the line of the first occurrence.
struct SourceIngestor {
    let entry: SourceEntry
    /// The pipeline's official structure: SDMX codes outside its codelists become rejects naming the nearest codes.
    var structure: SDMXStructure? = nil

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

    /// Streams every record of the source into `handle`; returns what an SDMX message said about itself.
    @discardableResult
    func read(_ handle: (IngestRecord) throws -> Void, progress: (Int) -> Void = { _ in }) throws -> SDMXDataReader.MessageInfo? {
        // Rows usually come grouped by series, so the current series' periods are kept apart from the dictionary of
        // all others: one key comparison per row instead of two hash lookups.
        // Periods of each series kept sorted by start: rows usually come in period order, so a new period is
        // appended after a single comparison; out-of-order ones are placed by binary search.
        // 16 bytes a period seen (not the Period with its label): this is held for every observation of the run.
        struct Seen {
            var start: Double
            var line: Int32
            var frequency: Period.Frequency
        }
        var firstSeen: [SeriesKey: [Seen]] = [:]
        var currentKey: SeriesKey?
        var currentPeriods: [Seen] = []
        func earlier(_ period: Period, in periods: [Seen]) -> (found: Int?, insertAt: Int) {
            if let last = periods.last, last.start < period.start { return (nil, periods.count) }
            var low = 0, high = periods.count
            while low < high {
                let mid = (low + high) / 2
                if periods[mid].start < period.start { low = mid + 1 } else { high = mid }
            }
            var i = low
            while i < periods.count, periods[i].start == period.start {
                if periods[i].frequency == period.frequency { return (Int(periods[i].line), low) }
                i += 1
            }
            return (nil, low)
        }
        func deduplicate(_ record: IngestRecord) throws {
            guard case .observation(let observation) = record else { return try handle(record) }
            if let structure, let reject = unknownCode(observation, structure) { return try handle(.reject(reject)) }
            let line = observation.location.line ?? 0
            if observation.key != currentKey {
                if let currentKey { firstSeen[currentKey] = currentPeriods }
                currentPeriods = firstSeen.removeValue(forKey: observation.key) ?? []
                currentKey = observation.key
            }
            let place = earlier(observation.period, in: currentPeriods)
            if let first = place.found {
                let raw = "\(observation.key) \(observation.period.label) = \(observation.value.map { "\($0)" } ?? "missing")"
                return try handle(.reject(Reject(
                    source: entry.name, location: observation.location, code: "duplicate-observation", raw: raw,
                    reason: "duplicate observation: the same series and period were already read at line \(first); remove one of them")))
            }
            currentPeriods.insert(Seen(start: observation.period.start, line: Int32(clamping: line), frequency: observation.period.frequency),
                at: place.insertAt)
            try handle(record)
        }
        let path = entry.displayPath
        switch resolvedFormat() {
        case .sdmx: return try SDMXDataReader(path: path, options: entry.options).read(deduplicate, progress: progress)
        case .csv, .auto:
            try LongCSVReader(path: path, options: entry.options).read(deduplicate, progress: progress)
            return nil
        }
    }

    /// The first code of the observation that its dimension's codelist does not know, as a reject.
    func unknownCode(_ o: Observation, _ structure: SDMXStructure) -> Reject? {
        var values = o.key.dimensions.map { ($0.id, $0.value) }
        values.append(("REF_AREA", o.key.area))
        values.append(("SERIES", o.key.indicator))
        for (dimension, code) in values {
            guard let codes = structure.codes(of: dimension), !codes.isEmpty, codes[code] == nil else { continue }
            let near = Suggestion.nearest(to: code, in: codes.keys, limit: 3)
            return Reject(source: entry.name, location: o.location, code: "sdmx.unknown-code",
                raw: "\(o.key) \(o.period.label)",
                reason: "code '\(code)' of \(dimension) is not in \(structure.dimensionCodelists[dimension] ?? "its codelist")"
                    + (near.isEmpty ? "" : "; nearest: " + near.joined(separator: ", ")))
        }
        return nil
    }
}
