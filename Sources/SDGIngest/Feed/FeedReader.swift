import Foundation
import SDGCore

/// The ingest stage for one source: reads it with the reader its format calls for, applies the ingest checks and the
/// run's area scope, hands every batch of observations to a sink and counts what it read. `run`, `validate`,
/// `inspect` and `evaluate` all read through here, so they check and count records the same way.
///
/// Both formats arrive as `ObservationBatch` columns from their readers (SDMX-ML in batches of up to 4,096
/// observations, gathered as the parser meets them). The checks, in order:
/// - codes outside the pipeline structure's codelists (`sdmx.unknown-code`, naming the nearest valid codes);
/// - duplicates, the same series and period read twice (`duplicate-observation`, naming the first row's line when
///   the series' rows are together; `DuplicateCheck` keeps memory per series, not per observation).
/// A refused row becomes a row reject of its batch; nothing is dropped silently.
public struct FeedReader: Sendable {
    public let source: SourceEntry
    /// The pipeline's official structure, when it names one: codes outside its codelists become rejects.
    public var structure: SDMXStructure?
    /// A run's `--only-areas`: observations of other areas are read, checked and counted, but not handed on.
    public var scope: Set<String>?
    /// `--where` of `inspect` and `evaluate`: only the observations it selects are handed on (all are read, checked
    /// and counted), and `FeedReport.selected` counts them.
    public var selection: Selection?
    /// Parse on a thread of its own while this one checks and hands on the batches (`RecordPipe`). Worth it when the
    /// sink does real work (a run's storing and localizing); `evaluate` leaves the other core to its evaluations.
    public var threaded = true
    /// Say in the report what a CSV header resolved to (`FeedReport.layout`), from the same reading: `inspect` shows
    /// it, and an Excel sheet is then written out once, not once for the layout and again for the rows.
    public var describesLayout = false

    public init(source: SourceEntry, structure: SDMXStructure? = nil, scope: Set<String>? = nil) {
        self.source = source
        self.structure = structure
        self.scope = scope
    }

    /// How far a read has come, after each batch.
    public struct Progress: Sendable {
        public let bytesRead: Int
        public let records: Int
    }

    /// Reads the whole source into `sink`, calling `progress` after each batch. Throws `IngestError` when the file is
    /// unusable, and whatever the sink throws.
    @discardableResult
    public func read(into sink: inout some ObservationSink, progress: (Progress) -> Void = { _ in }) throws
        -> FeedReport
    {
        var report = FeedReport()
        var duplicates = DuplicateCheck()
        var selectedSeries = Set<SeriesFingerprint>()
        func handle(_ batch: ObservationBatch) throws {
            var batch = batch
            check(&batch, &duplicates)
            report.count(batch)
            if let scope { batch.restrict(toAreas: scope) }
            if let selection {
                batch.restrict(to: selection)
                var used = [Bool](repeating: false, count: batch.keys.count)
                batch.forEachObservationRow { row in
                    report.selected += 1
                    used[Int(batch.keyOfRow[row])] = true
                }
                for (k, isUsed) in used.enumerated() where isUsed { selectedSeries.insert(batch.keys[k].fingerprint) }
            }
            try sink.take(batch)
            progress(Progress(bytesRead: batch.bytesRead, records: report.records))
        }
        let (path, options) = (source.displayPath, source.options)
        switch source.resolvedFormat {
        case .sdmx:
            @Sendable func parse(_ emit: (ObservationBatch) throws -> Void, _: (Int) -> Void) throws
                -> SDMXDataReader.MessageInfo
            {
                try SDMXDataReader(path: path, options: options).readBatches(emit)
            }
            report.message =
                threaded
                ? try RecordPipe.run(batchSize: 1, capacity: 4, read: parse, handle: handle, progress: { _ in })
                : try parse(handle, { _ in })
        case .csv, .auto:
            let csv = try CSVSource(path: path, options: options)
            defer { csv.finish() }
            let reader = csv.reader
            if describesLayout {
                report.layout = try csv.layout ?? reader.layout()
                report.sheet = csv.sheet
            }
            if threaded {
                try RecordPipe.run(
                    batchSize: 1, capacity: 4, read: { emit, _ in try reader.readBatches(emit) }, handle: handle,
                    progress: { _ in })
            } else {
                try reader.readBatches(handle)
            }
        }
        report.series = duplicates.seriesCount
        report.selectedSeries = selectedSeries.count
        if let split = SplitSeriesCheck.diagnostic(
            series: report.series, singlePeriodSeries: duplicates.singlePeriodSeries,
            sample: duplicates.singlePeriodSample, source: source.name, path: path)
        {
            report.notices.append(split)
        }
        // An empty file (or one of headers or placeholder rows only) must not replace the previous results with
        // empty tables. Rejected records are left to the reject ratio, which names them.
        if report.records == 0, !options.optional {
            throw IngestError.noObservations(path: path, notices: report.notices.prefix(3).map(\.description))
        }
        return report
    }

    /// Rejects the batch's rows whose codes the structure does not know or that repeat a series' period.
    private func check(_ batch: inout ObservationBatch, _ duplicates: inout DuplicateCheck) {
        // Per row only numbers: a `Period` or key copied per row costs reference counting.
        let starts = batch.periods.map(\.start)
        let frequencies = batch.periods.map(\.frequency)
        var lastKey: Int32 = -1
        var entered: Int32 = -1
        var codeProblem: String?
        for row in 0..<batch.count {
            let k = batch.keyOfRow[row]
            if k != lastKey {
                lastKey = k
                codeProblem = structure.flatMap { Self.unknownCode(batch.keys[Int(k)], $0) }
            }
            if let codeProblem {
                batch.reject(
                    row: row, unknownCodeReject(batch.key(row), batch.period(row), batch.location(row), codeProblem))
                continue
            }
            if k != entered {
                duplicates.enter(batch.keys[Int(k)])
                entered = k
            }
            let p = Int(batch.periodOfRow[row])
            let verdict = duplicates.check(start: starts[p], frequency: frequencies[p], line: batch.lines[row])
            if verdict != .new {
                batch.reject(
                    row: row,
                    duplicateReject(batch.key(row), batch.period(row), batch.value(row), batch.location(row), verdict))
            }
        }
    }

    private func duplicateReject(
        _ key: SeriesKey, _ period: Period, _ value: Double?, _ location: SourceLocation,
        _ verdict: DuplicateCheck.Verdict
    ) -> Reject {
        let reason =
            switch verdict {
            case .duplicateOfLine(let first):
                "duplicate observation: the same series and period were already read at line \(first); remove one of them"
            default:
                "duplicate observation: the same series and period were already read earlier in the file (before other series' rows); remove one of them"
            }
        let raw = "\(key) \(period.label) = \(value.map { "\($0)" } ?? "missing")"
        return Reject(source: source.name, location: location, code: .duplicateObservation, raw: raw, reason: reason)
    }

    private func unknownCodeReject(_ key: SeriesKey, _ period: Period, _ location: SourceLocation, _ reason: String)
        -> Reject
    {
        Reject(
            source: source.name, location: location, code: .sdmxUnknownCode, raw: "\(key) \(period.label)",
            reason: reason)
    }

    /// Why the key has a code that its dimension's codelist does not know (the first such code), or `nil`.
    static func unknownCode(_ key: SeriesKey, _ structure: SDMXStructure) -> String? {
        var values = key.dimensions.map { ($0.id, $0.value) }
        values.append(("REF_AREA", key.area))
        values.append(("SERIES", key.indicator))
        for (dimension, code) in values {
            guard let codes = structure.codes(of: dimension), !codes.isEmpty, codes[code] == nil else { continue }
            let near = Suggestion.nearest(to: code, in: codes.keys, limit: 3)
            return
                "code \(CellText.quoted(code)) of \(dimension) is not in \(structure.dimensionCodelists[dimension] ?? "its codelist")"
                + (near.isEmpty ? "" : "; nearest: " + near.joined(separator: ", "))
        }
        return nil
    }
}
