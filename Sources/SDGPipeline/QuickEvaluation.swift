import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGPublish

/// `sdgpipe evaluate FILE --start PERIOD`: every series of one file evaluated without a pipeline file — the
/// statistician's quick check of a new feed against an action's start.
public struct QuickEvaluation: Sendable {
    public struct Options: Sendable {
        public var start: Period
        public var target: Double?
        public var targetYear: Int = 2030
        public var direction: DesiredDirection?
        public var comparison: [String] = []
        public var format: SourceFormat = .auto
        public var pooledVariance = false
        public var hacLags: Int?

        public init(start: Period) { self.start = start }
    }

    /// One evaluated series, with what the table view shows.
    public struct SeriesResult: Sendable {
        public let key: SeriesKey
        public let firstPeriod: String?
        public let lastPeriod: String?
        public let evaluation: SeriesEvaluation
        public let did: DiDEstimate?
    }

    public let file: String
    public let series: [SeriesResult]
    public let rejects: [Reject]
    /// The difference-in-differences when the file holds a single treated series with comparison areas.
    public let did: DiDEstimate?

    /// Reads `path` and evaluates every series. Throws `IngestError` when the file is unusable.
    public init(path: String, options: Options) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let name = url.deletingPathExtension().lastPathComponent
        let entry = SourceEntry(name: name, url: url, displayPath: path, format: options.format,
            options: SourceOptions(name: name), line: nil)
        var bySeries: [SeriesKey: [(Period, Double)]] = [:]
        var rejects: [Reject] = []
        guard FileManager.default.fileExists(atPath: url.path) else { throw IngestError.fileNotFound(path: path) }
        try SourceIngestor(entry: entry).read { record in
            switch record {
            case .observation(let o):
                bySeries[o.key, default: []].append((o.period, o.value ?? .nan))
            case .reject(let r): rejects.append(r)
            case .notice: break
            }
        }
        let context = EvaluationContext(start: options.start.start, direction: options.direction, target: options.target,
            targetYear: Double(options.targetYear), hacLags: options.hacLags, pooledVariance: options.pooledVariance)
        func points(_ values: [(Period, Double)]) -> [TimePoint] {
            values.filter { !$0.1.isNaN }.map { TimePoint(time: $0.0.start, value: $0.1) }
        }
        // Gather each series (and its DiD panel) first, then evaluate them all in parallel.
        struct Work: Sendable { let key: SeriesKey; let values: [(Period, Double)]; let panel: [PanelObservation]? }
        var work: [Work] = []
        for key in bySeries.keys.sorted() {
            let values = bySeries[key]!.sorted { $0.0 < $1.0 }.filter { !$0.1.isNaN }
            var panel: [PanelObservation]?
            if !options.comparison.isEmpty, !options.comparison.contains(key.area) {
                var members = points(values).map { PanelObservation(area: key.area, time: $0.time, value: $0.value, treated: true) }
                for (other, otherValues) in bySeries where options.comparison.contains(other.area)
                    && other.indicator == key.indicator && other.dimensions == key.dimensions && other.source == key.source
                {
                    members += points(otherValues).map { PanelObservation(area: other.area, time: $0.time, value: $0.value, treated: false) }
                }
                panel = members
            }
            work.append(Work(key: key, values: values, panel: panel))
        }
        let start = options.start.start
        let results = work.parallelMap { w in
            SeriesResult(key: w.key, firstPeriod: w.values.first?.0.label, lastPeriod: w.values.last?.0.label,
                evaluation: SeriesEvaluator.evaluate(w.values.map { TimePoint(time: $0.0.start, value: $0.1) }, settings: context),
                did: w.panel.map { DifferenceInDifferences.estimate($0, start: start) })
        }
        self.file = path
        self.series = results
        self.rejects = rejects
        let treated = results.compactMap(\.did)
        self.did = treated.count == 1 ? treated[0] : nil
    }

    /// The JSON document of the README's `evaluate` section.
    public func json() -> JSONValue {
        var top: [(String, JSONValue)] = [("file", .string(file)), ("series", .array(series.map(seriesJSON)))]
        top.append(("did", did.map { .fields(EstimateFields.did($0)) } ?? .null))
        top.append(("rejects", .integer(rejects.count)))
        return .object(top)
    }

    /// The same document as `json().rendered()`, streamed series by series: 100,000 series as one value tree, then
    /// one string, took 1.6 GB.
    public func writeJSON(to out: TextOutput) throws(PublishError) {
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
            fields += [("ols", .fields(EstimateFields.ols(overall.ols))),
                       ("mann_kendall", .fields(EstimateFields.mannKendall(overall.mannKendall))),
                       ("sen", .fields(EstimateFields.sen(overall.sen)))]
        }
        fields += [("its", e.its.map { .fields(EstimateFields.its($0)) } ?? .null),
                   ("cagr", .array(e.growth.map { .fields(EstimateFields.growth($0)) })),
                   ("progress", EstimateFields.progressJSON(e.progress))]
        if let did = r.did { fields.append(("did", .fields(EstimateFields.did(did)))) }
        return .object(fields)
    }
}
