import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGPublish
import SDGSystem

/// `sdgpipe evaluate FILE --start PERIOD`: every series of one file evaluated without a pipeline file — the
/// statistician's quick check of a new feed against an action's start.
package struct QuickEvaluation: Sendable {
    package struct Options: Sendable {
        /// What the series are evaluated against (the action's start, target, comparison areas, ...).
        package var evaluation: FileEvaluation.Settings
        package var format: SourceFormat = .auto
        /// How to read the file, as a pipeline's source entry; `nil` detects everything.
        package var source: SourceOptions?
        /// `--where`: only the observations it selects are evaluated.
        package var selection: Selection?

        package init(start: Period) { evaluation = FileEvaluation.Settings(start: start) }
    }

    package typealias SeriesResult = FileEvaluation.SeriesResult

    package let file: String
    package let series: [SeriesResult]
    package let rejects: [Reject]
    /// Warnings about the feed as a whole (a dimension that splits its series), as `inspect` and `run` give them.
    package let warnings: [Diagnostic]
    /// The difference-in-differences when the file holds a single treated series with comparison areas.
    package let did: DiDEstimate?
    /// Its synthetic control.
    package let synthetic: SyntheticControlEstimate?

    /// Reads `path` and evaluates every series. Throws `IngestError` when the file is unusable.
    package init(path: String, options: Options) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let name = url.deletingPathExtension().lastPathComponent
        let entry = SourceEntry(
            name: name, url: url, displayPath: path, format: options.format,
            options: options.source ?? SourceOptions(name: name), line: nil)
        guard FileManager.default.fileExists(atPath: url.path) else { throw IngestError.fileNotFound(path: path) }
        let stage = FileEvaluation(options.evaluation)
        var collector = SeriesCollector(
            background: stage.evaluatesWhileReading ? BackgroundWorker<SeriesResult>(name: "sdgpipe-evaluate") : nil,
            evaluate: { stage.evaluate($0, $1) })
        var reader = FeedReader(source: entry)
        reader.selection = options.selection.flatMap { $0.isEmpty ? nil : $0 }
        reader.threaded = false  // the other core evaluates the series already read
        let feed = try reader.read(into: &collector)
        warnings = feed.notices.filter { $0.severity == .warning }
        collector.seriesEnded()
        let done =
            collector.background?.finish(count: collector.keys.count)
            ?? [SeriesResult?](repeating: nil, count: collector.keys.count)
        let outcome = stage.finish(
            keys: collector.keys, values: collector.values, done: done, redo: collector.interrupted)
        self.file = path
        self.series = outcome.series
        self.rejects = feed.rejects
        self.did = outcome.did
        self.synthetic = outcome.synthetic
    }

    /// The JSON document of the README's `evaluate` section.
    package func json() -> JSONValue {
        var top: [(String, JSONValue)] = [("file", .string(file)), ("series", .array(series.map(seriesJSON)))]
        top.append(("did", did.map { .fields(EstimateFields.did($0)) } ?? .null))
        top.append(
            ("synthetic_control", synthetic.map { .fields(EstimateFields.syntheticControl($0)) } ?? .null))
        top.append(("rejects", .integer(rejects.count)))
        return .object(top)
    }

    /// The same document as `json().rendered()`, streamed series by series: 100,000 series as one value tree, then
    /// one string, took 1.6 GB.
    package func writeJSON(to out: TextOutput) throws(PublishError) {
        var text = "{\n  \"file\": "
        JSONTableWriter.appendQuoted(file, to: &text)
        text += ",\n  \"series\": " + (series.isEmpty ? "[]" : "[\n")
        try out.write(text)
        for (i, r) in series.enumerated() {
            text = i > 0 ? ",\n    " : "    "
            seriesJSON(r).write(into: &text, indent: 2)
            try out.write(text)
        }
        text = (series.isEmpty ? "" : "\n  ]") + ",\n  \"did\": "
        (did.map { JSONValue.fields(EstimateFields.did($0)) } ?? .null).write(into: &text, indent: 1)
        text += ",\n  \"synthetic_control\": "
        (synthetic.map { JSONValue.fields(EstimateFields.syntheticControl($0)) } ?? .null).write(
            into: &text, indent: 1)
        text += ",\n  \"rejects\": \(rejects.count)\n}\n"
        try out.write(text)
        try out.finish()
    }

    func seriesJSON(_ r: SeriesResult) -> JSONValue {
        let e = r.evaluation
        var fields: [(String, JSONValue)] = [
            ("area", .string(r.key.area)), ("indicator", .string(r.key.indicator)),
            ("disaggregation", .string(r.key.disaggregation)), ("n", .integer(e.n)),
            ("first_period", r.firstPeriod.map { .string($0) } ?? .null),
            ("last_period", r.lastPeriod.map { .string($0) } ?? .null),
            ("before_after", e.beforeAfter.map { .fields(EstimateFields.beforeAfter($0)) } ?? .null),
        ]
        if let overall = e.trends.first {
            fields += [
                ("ols", .fields(EstimateFields.ols(overall.ols))),
                ("mann_kendall", .fields(EstimateFields.mannKendall(overall.mannKendall))),
                ("sen", .fields(EstimateFields.sen(overall.sen))),
            ]
        }
        fields += [
            ("its", e.its.map { .fields(EstimateFields.its($0)) } ?? .null),
            ("cagr", .array(e.growth.map { .fields(EstimateFields.growth($0)) })),
            ("progress", EstimateFields.progressJSON(e.progress)),
        ]
        if let did = r.did { fields.append(("did", .fields(EstimateFields.did(did)))) }
        if let synthetic = r.synthetic {
            fields.append(("synthetic_control", .fields(EstimateFields.syntheticControl(synthetic))))
        }
        return .object(fields)
    }
}

/// `evaluate`'s sink: each series' values gathered in file order. Series come grouped in most files: each one is
/// evaluated in the background as soon as the next begins, while reading goes on (reading holds one core,
/// evaluation the other). A series met again later, and every series when comparison areas make panels of several,
/// is evaluated after the whole file is read.
private struct SeriesCollector: ObservationSink {
    let background: BackgroundWorker<QuickEvaluation.SeriesResult>?
    let evaluate: @Sendable (SeriesKey, [(Period, Double)]) -> QuickEvaluation.SeriesResult
    var keys: [SeriesKey] = [], values: [[(Period, Double)]] = [], index: [SeriesKey: Int] = [:]
    var interrupted = Set<Int>(), current = -1

    mutating func take(_ batch: ObservationBatch) {
        var lastKey: Int32 = -1
        batch.forEachObservationRow { row in
            let k = batch.keyOfRow[row]
            if k != lastKey {
                lastKey = k
                let key = batch.keys[Int(k)]
                if current < 0 || keys[current] != key { begin(key) }
            }
            values[current].append((batch.period(row), batch.values[row]))
        }
    }

    private mutating func begin(_ key: SeriesKey) {
        seriesEnded()
        if let known = index[key] {
            current = known
            interrupted.insert(known)
        } else {
            current = keys.count
            index[key] = current
            keys.append(key)
            values.append([])
        }
    }

    func seriesEnded() {
        guard current >= 0, let background, !interrupted.contains(current) else { return }
        let (i, key, raw, evaluate) = (current, keys[current], values[current], evaluate)
        background.submit(i) { evaluate(key, raw) }
    }
}
