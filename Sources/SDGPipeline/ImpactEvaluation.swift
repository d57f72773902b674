import SDGCore
import SDGEvaluate
import SDGLocalize
import SDGPublish

/// The evaluate stage of a run: from localized series and the action plan to the `impact`, `trends` and `progress`
/// tables. Pure: no I/O, so it is tested on its own and timed as a stage.
///
/// The tables' rows are made from the kept outcomes when they are written (a few bytes of row references each):
/// holding them as cells as well took more memory than everything else of a network run (bench/storage).
struct ImpactEvaluation {
    let definition: PipelineDefinition
    private(set) var seriesEvaluated = 0
    private(set) var summaries: [SeriesSummary] = []
    /// Every series' evaluations, kept for the tables, the charts and the report.
    private(set) var outcomes: [SeriesOutcome] = []
    private(set) var differences: [DiDOutcome] = []
    private var trendRows: [TrendRow] = []
    private var impactRows: [ImpactRow] = []

    /// A series' evaluations, packed (`PackedEvaluation`: a fifth of the memory) and unpacked when read.
    struct SeriesOutcome: Sendable {
        let series: LocalizedSeries
        /// The indicator's crosswalk record, shared (inline, a record took 300 bytes per series).
        let box: RecordBox?
        /// The block holding the whole-series evaluation, and its place there.
        let block: EvaluationBlock
        let index: Int32
        /// How many trend segments the whole-series evaluation has, known without unpacking it.
        let overallSegments: Int
        let perAction: [ActionOutcome]
        var overall: SeriesEvaluation { block.evaluations[Int(index)] }
        var record: CrosswalkRecord? { box?.record }
    }

    final class EvaluationBlock: Sendable {
        let evaluations: PackedEvaluations
        init(evaluations: PackedEvaluations) { self.evaluations = evaluations }
    }

    final class RecordBox: Sendable {
        let record: CrosswalkRecord
        init(record: CrosswalkRecord) { self.record = record }
    }

    struct ActionOutcome: Sendable {
        let action: LocalAction
        let role: AreaRole
        let packed: PackedEvaluation
        var evaluation: SeriesEvaluation { packed.evaluation }
    }

    struct DiDOutcome: Sendable {
        let action: LocalAction
        let series: LocalizedSeries
        let comparisonAreas: [String]
        let estimate: DiDEstimate
    }

    /// A `trends` row: outcome, action (-1: the whole series), segment and method (0 OLS, 1 Mann-Kendall, 2 Sen).
    private struct TrendRow: Sendable {
        var outcome: Int32
        var action: Int16
        var segment: UInt8
        var method: UInt8
    }

    /// An `impact` row: a before/after or ITS row of an outcome's action, or a difference-in-differences row.
    private enum ImpactRow: Sendable {
        case beforeAfter(outcome: Int32, action: Int16)
        case its(outcome: Int32, action: Int16)
        case did(Int32)
    }

    init(definition: PipelineDefinition, series: [LocalizedSeries]) {
        self.definition = definition
        let records = Dictionary(definition.indicators.map { ($0.indicator.id, RecordBox(record: $0)) }, uniquingKeysWith: { a, _ in a })
        let evaluation = definition.evaluation
        // Evaluate every series (and every action that targets it) in parallel, in blocks of 2,048 series whose
        // whole-series evaluations are packed into one array each (`PackedEvaluations`); keep the outcomes in order.
        // What each series needs is gathered where it is evaluated: gathered for all series first, it took 530
        // bytes a series at the peak of a network run.
        let blockSize = 2048
        let blocks = (0..<(series.count + blockSize - 1) / blockSize).map { $0 * blockSize..<min(series.count, ($0 + 1) * blockSize) }
        typealias Made = (box: RecordBox?, overallSegments: Int, perAction: [ActionOutcome])
        let evaluated = blocks.parallelMap(serialBelow: 2) { range -> (block: EvaluationBlock, made: [Made]) in
            var packed = PackedEvaluations()
            var made: [Made] = []
            made.reserveCapacity(range.count)
            for s in series[range] {
                let box = records[s.indicator], record = box?.record
                let context = EvaluationContext(
                    yearsBefore: evaluation.yearsBefore, yearsAfter: evaluation.yearsAfter, direction: s.direction,
                    target: record?.targetValue, targetYear: Double(record?.targetYear ?? 2030),
                    baseYear: Double(record?.baselineYear ?? 2015), hacLags: evaluation.hacLags,
                    pooledVariance: evaluation.test == .student)
                let points = Self.points(s)
                let perAction = definition.actions.filter { $0.indicators.contains(s.indicator) }.compactMap { action -> ActionOutcome? in
                    guard let role = AreaRole.of(s.area, in: action, evaluation) else { return nil }
                    var actionContext = context
                    actionContext.start = action.start.start
                    actionContext.actionEffectsOnly = true
                    return ActionOutcome(action: action, role: role,
                        packed: PackedEvaluation(SeriesEvaluator.evaluate(points, settings: actionContext)))
                }
                let overall = SeriesEvaluator.evaluate(points, settings: context)
                packed.append(overall)
                made.append((box, overall.trends.count, perAction))
            }
            packed.trim()
            return (EvaluationBlock(evaluations: packed), made)
        }
        // The outcomes made once, in one array (per-block arrays joined would hold them all twice for a moment).
        outcomes.reserveCapacity(series.count)
        for (range, result) in zip(blocks, evaluated) {
            for (k, item) in result.made.enumerated() {
                outcomes.append(SeriesOutcome(series: series[range.lowerBound + k], box: item.box, block: result.block, index: Int32(k),
                    overallSegments: item.overallSegments, perAction: item.perAction))
            }
        }
        // Summaries feed the accountability table only: kept for the treated areas of indicators with an owner or
        // partners (a network's hundreds of thousands of series otherwise kept ~50 MB of them for nothing).
        let accountable = Set(definition.indicators.filter { $0.owner != nil || !$0.partners.isEmpty }.map(\.indicator.id))
        for (index, outcome) in outcomes.enumerated() {
            let s = outcome.series
            let o = Int32(index)
            // The whole-series evaluation is unpacked only for a summary (it was unpacked for every series here).
            appendTrends(o, action: -1, segments: outcome.overallSegments)
            var results: [String] = []
            for (a, item) in outcome.perAction.enumerated() {
                let (action, e) = (item.action, item.evaluation)
                if let ba = e.beforeAfter, let d = ba.difference {
                    let interval = ba.ciLow.map { " (95% CI \(Self.short($0)) to \(Self.short(ba.ciHigh!)), p \(ba.pValue.map(Self.shortP) ?? "–"))" } ?? " (\(ba.status.code))"
                    results.append("\(action.id): \(d >= 0 ? "+" : "")\(Self.short(d))" + interval)
                }
                if e.beforeAfter != nil { impactRows.append(.beforeAfter(outcome: o, action: Int16(a))) }
                if e.its != nil { impactRows.append(.its(outcome: o, action: Int16(a))) }
                appendTrends(o, action: Int16(a), segments: e.trends.filter { $0.segment != "overall" }.count)
            }
            if !outcome.perAction.isEmpty { seriesEvaluated += 1 }
            guard accountable.contains(s.indicator), CrosswalkDataChecks.treated(s.area, definition) else { continue }
            let overall = outcome.overall
            summaries.append(SeriesSummary(indicator: s.indicator, area: s.area, disaggregation: s.disaggregation,
                latestValue: s.observedEnds.latest,
                eurostatClass: evaluation.progress.contains(.eurostat) ? overall.progress.eurostat.progressClass : nil,
                openSDGStatus: evaluation.progress.contains(.opensdg) ? overall.progress.openSDG.status : nil, results: results))
        }
        appendDifferenceInDifferences(series)
    }

    private mutating func appendTrends(_ outcome: Int32, action: Int16, segments: Int) {
        for segment in 0..<segments {
            for method in 0..<3 { trendRows.append(TrendRow(outcome: outcome, action: action, segment: UInt8(segment), method: UInt8(method))) }
        }
    }

    /// Each local indicator's SDG codes as the tables write them, joined once rather than for every row.
    private var sdgCodes: [String: String] {
        Dictionary(definition.indicators.map { ($0.indicator.id, $0.indicator.sdg.map(\.description).joined(separator: ";")) },
            uniquingKeysWith: { a, _ in a })
    }

    /// One row per action × indicator × area × method (`before_after`, `its`, `did`).
    var impact: Table {
        let (pipeline, outcomes, differences, sdg) = (definition.name, outcomes, differences, sdgCodes)
        let template = ResultTables.impact()
        return template.made(count: impactRows.count) { [impactRows] i in
            func key(_ s: LocalizedSeries, _ action: LocalAction, _ role: AreaRole, _ method: String) -> EstimateFields.Fields {
                ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator]) + [("action", .init(action.id)), ("action_start", .init(action.start.label)),
                    ("role", .init(role.rawValue)), ("method", .init(method))]
            }
            switch impactRows[i] {
            case .beforeAfter(let o, let a):
                let outcome = outcomes[Int(o)], item = outcome.perAction[Int(a)]
                return key(outcome.series, item.action, item.role, "before_after") + EstimateFields.beforeAfter(item.evaluation.beforeAfter!)
            case .its(let o, let a):
                let outcome = outcomes[Int(o)], item = outcome.perAction[Int(a)]
                return key(outcome.series, item.action, item.role, "its") + EstimateFields.its(item.evaluation.its!)
            case .did(let d):
                let did = differences[Int(d)]
                return key(did.series, did.action, .treated, "did")
                    + [("comparison_areas", .init(did.comparisonAreas.joined(separator: ";")))] + EstimateFields.did(did.estimate)
            }
        }
    }

    /// One row per series × segment (`overall`, or `pre`/`post` of an action) × method (`ols`, `mann_kendall`, `sen`).
    var trends: Table {
        let (pipeline, outcomes, sdg) = (definition.name, outcomes, sdgCodes)
        return ResultTables.trends().made(count: trendRows.count) { [trendRows] i in
            let row = trendRows[i], outcome = outcomes[Int(row.outcome)]
            let action = row.action < 0 ? nil : outcome.perAction[Int(row.action)]
            let segments = action?.evaluation.trends.filter { $0.segment != "overall" } ?? outcome.overall.trends
            let t = segments[Int(row.segment)]
            let base = ResultTables.seriesKey(pipeline, outcome.series, sdg: sdg[outcome.series.indicator]) + [("action", .init(action?.action.id)), ("segment", .init(t.segment))]
            switch row.method {
            case 0: return base + [("method", .init("ols")), ("n", .init(t.ols.n))] + EstimateFields.ols(t.ols)
            case 1: return base + [("method", .init("mann_kendall")), ("n", .init(t.mannKendall.n))] + EstimateFields.mannKendall(t.mannKendall)
            default: return base + [("method", .init("sen")), ("n", .init(t.ols.n))] + EstimateFields.sen(t.sen)
            }
        }
    }

    /// One row per series: latest value, target, growth rates and the four progress assessments.
    var progress: Table {
        let (pipeline, outcomes, sdg, methods) = (definition.name, outcomes, sdgCodes, definition.evaluation.progress)
        return ResultTables.progress().made(count: outcomes.count) { i in
            let outcome = outcomes[i], s = outcome.series, record = outcome.record, e = outcome.overall
            let (first, last, latest) = s.observedEnds
            var row = ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator]) + [
                ("direction", .init(s.direction?.rawValue)), ("first_period", .init(first.map { s.periods[$0].label })),
                ("last_period", .init(last.map { s.periods[$0].label })), ("latest_value", .init(latest)),
                ("baseline_year", .init(record?.baselineYear)), ("target_value", .init(record?.targetValue)),
                ("target_year", .init(record?.targetValue == nil ? nil : record?.targetYear)),
            ]
            for g in e.growth { row.append(("cagr_" + g.window, .init(g.cagr))) }
            return row + EstimateFields.progressColumns(e.progress, methods: methods)
        }
    }

    static func short(_ x: Double) -> String { Format.short(x) }

    static func shortP(_ p: Double) -> String { p < 0.001 ? "< 0.001" : "= " + Format.short(p) }

    static func points(_ s: LocalizedSeries) -> [TimePoint] {
        var points: [TimePoint] = []
        points.reserveCapacity(s.count)
        s.forEachObserved { time, value in points.append(TimePoint(time: time, value: value)) }
        return points
    }


    /// For each action × indicator × disaggregation with comparison areas: each treated area against all of them.
    /// The panels are gathered in order, then estimated in parallel (a network has thousands of them).
    mutating func appendDifferenceInDifferences(_ series: [LocalizedSeries]) {
        let evaluation = definition.evaluation
        guard !evaluation.comparison.isEmpty else { return }
        // A panel's observations are gathered where it is estimated: gathered for all panels first, a network's
        // 12,000 panels of eleven cities held 180 MB at the peak of the run (bench/run).
        struct Panel: Sendable {
            let action: LocalAction
            let series: LocalizedSeries
            let peers: [LocalizedSeries]
            let window: ActionWindow
        }
        var panels: [Panel] = []
        // Only the series of the actions' indicators (grouping every series copied all of them).
        let actionIndicators = Set(definition.actions.flatMap(\.indicators))
        var byIndicator: [String: [LocalizedSeries]] = [:]
        for s in series where actionIndicators.contains(s.indicator) { byIndicator[s.indicator, default: []].append(s) }
        for action in definition.actions {
            let window = evaluation.window(of: action)
            for indicator in action.indicators {
                let candidates = byIndicator[indicator] ?? []
                let comparisons = Dictionary(grouping: candidates.filter { evaluation.comparison.contains($0.area) }, by: \.disaggregation)
                for s in candidates where AreaRole.of(s.area, in: action, evaluation) == .treated {
                    let peers = comparisons[s.disaggregation] ?? []
                    guard !peers.isEmpty else { continue }
                    panels.append(Panel(action: action, series: s, peers: peers, window: window))
                }
            }
        }
        let estimates = panels.parallelMap { panel in
            var observations: [PanelObservation] = []
            for member in [panel.series] + panel.peers {
                member.forEachObserved { time, value in
                    guard panel.window.contains(time) else { return }
                    observations.append(PanelObservation(area: member.area, time: time, value: value, treated: member.area == panel.series.area))
                }
            }
            return DifferenceInDifferences.estimate(observations, start: panel.action.start.start)
        }
        for (panel, did) in zip(panels, estimates) {
            differences.append(DiDOutcome(action: panel.action, series: panel.series, comparisonAreas: panel.peers.map(\.area), estimate: did))
            impactRows.append(.did(Int32(differences.count - 1)))
        }
    }
}
