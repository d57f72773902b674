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
        package var start: Period
        package var target: Double?
        package var targetYear: Int = 2030
        package var direction: DesiredDirection?
        package var comparison: [String] = []
        package var format: SourceFormat = .auto
        /// How to read the file, as a pipeline's source entry; `nil` detects everything.
        package var source: SourceOptions?
        /// `--where`: only the observations it selects are evaluated.
        package var selection: Selection?
        package var pooledVariance = false
        package var hacLags: Int?
        /// Periods left out of every estimate (`--exclude`).
        package var exclude: [Period] = []

        package init(start: Period) { self.start = start }
    }

    /// One evaluated series, with what the table view shows. A class: the results of 100,000 series move from the
    /// worker to the sorted list to the table, and copying each one's estimates field by field showed in the profile.
    package final class SeriesResult: Sendable {
        package let key: SeriesKey
        package let firstPeriod: String?
        package let lastPeriod: String?
        package let evaluation: SeriesEvaluation
        package let did: DiDEstimate?
        /// The synthetic control of the same panel as `did`.
        package let synthetic: SyntheticControlEstimate?

        init(
            key: SeriesKey, firstPeriod: String?, lastPeriod: String?, evaluation: SeriesEvaluation, did: DiDEstimate?,
            synthetic: SyntheticControlEstimate? = nil
        ) {
            self.key = key
            self.firstPeriod = firstPeriod
            self.lastPeriod = lastPeriod
            self.evaluation = evaluation
            self.did = did
            self.synthetic = synthetic
        }
    }

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
        let rejects: [Reject]
        guard FileManager.default.fileExists(atPath: url.path) else { throw IngestError.fileNotFound(path: path) }
        let context = EvaluationContext(
            start: options.start.start, direction: options.direction, target: options.target,
            targetYear: Double(options.targetYear), hacLags: options.hacLags, pooledVariance: options.pooledVariance)
        let start = options.start.start
        let excluded = ExcludedPeriods(options.exclude)
        @Sendable func evaluate(_ key: SeriesKey, _ raw: [(Period, Double)], panel: [PanelObservation]?) -> SeriesResult
        {
            let values = raw.sorted { $0.0 < $1.0 }.filter { !$0.1.isNaN && !excluded.contains($0.0.start) }
            return SeriesResult(
                key: key, firstPeriod: values.first?.0.label, lastPeriod: values.last?.0.label,
                evaluation: SeriesEvaluator.evaluate(
                    values.map { TimePoint(time: $0.0.start, value: $0.1) }, settings: context),
                did: panel.map { DifferenceInDifferences.estimate($0, start: start) },
                synthetic: panel.map { SyntheticControl.estimate($0, start: start) })
        }
        var collector = SeriesCollector(
            background: options.comparison.isEmpty ? BackgroundWorker<SeriesResult>(name: "sdgpipe-evaluate") : nil,
            evaluate: { evaluate($0, $1, panel: nil) })
        var reader = FeedReader(source: entry)
        reader.selection = options.selection.flatMap { $0.isEmpty ? nil : $0 }
        reader.threaded = false  // the other core evaluates the series already read
        let feed = try reader.read(into: &collector)
        rejects = feed.rejects
        warnings = feed.notices.filter { $0.severity == .warning }
        collector.seriesEnded()
        let (keys, values, interrupted, background) = (
            collector.keys, collector.values, collector.interrupted, collector.background
        )
        func points(_ values: [(Period, Double)]) -> [TimePoint] {
            values.filter { !$0.1.isNaN && !excluded.contains($0.0.start) }.map {
                TimePoint(time: $0.0.start, value: $0.1)
            }
        }
        var evaluated = background?.finish(count: keys.count) ?? [SeriesResult?](repeating: nil, count: keys.count)
        // What is left (interrupted series, or all of them with comparison areas), in parallel.
        struct Work: Sendable {
            let i: Int
            let key: SeriesKey
            let values: [(Period, Double)]
            let panel: [PanelObservation]?
        }
        var work: [Work] = []
        for i in keys.indices where evaluated[i] == nil || interrupted.contains(i) {
            let key = keys[i]
            var panel: [PanelObservation]?
            if !options.comparison.isEmpty, !options.comparison.contains(key.area) {
                var members = points(values[i].sorted { $0.0 < $1.0 }).map {
                    PanelObservation(area: key.area, time: $0.time, value: $0.value, treated: true)
                }
                for (j, other) in keys.enumerated()
                where options.comparison.contains(other.area)
                    && other.indicator == key.indicator && other.dimensions == key.dimensions
                    && other.source == key.source
                {
                    members += points(values[j]).map {
                        PanelObservation(area: other.area, time: $0.time, value: $0.value, treated: false)
                    }
                }
                panel = members
            }
            work.append(Work(i: i, key: key, values: values[i], panel: panel))
        }
        for (w, result) in zip(work, work.parallelMap { w in evaluate(w.key, w.values, panel: w.panel) }) {
            evaluated[w.i] = result
        }
        let order = keys.withUnsafeBufferPointer { k in keys.indices.sorted { k[$0] < k[$1] } }
        let results = order.map { evaluated[$0]! }
        self.file = path
        self.series = results
        self.rejects = rejects
        let treated = results.filter { $0.did != nil }
        self.did = treated.count == 1 ? treated[0].did : nil
        self.synthetic = treated.count == 1 ? treated[0].synthetic : nil
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
