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

    struct SeriesOutcome: Sendable {
        let series: LocalizedSeries
        let record: CrosswalkRecord?
        let overall: SeriesEvaluation
        let perAction: [(action: LocalAction, role: String, evaluation: SeriesEvaluation)]
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
        let records = Dictionary(definition.indicators.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        let evaluation = definition.evaluation
        // Evaluate every series (and every action that targets it) in parallel; keep the outcomes in order.
        struct Work: Sendable {
            let series: LocalizedSeries
            let record: CrosswalkRecord?
            let actions: [(action: LocalAction, role: String)]
            let context: EvaluationContext
        }
        let work = series.map { s in
            let record = records[s.indicator]
            let actions = definition.actions.filter { $0.indicators.contains(s.indicator) }
                .compactMap { a in role(of: s.area, in: a).map { (action: a, role: $0) } }
            return Work(series: s, record: record, actions: actions, context: EvaluationContext(
                yearsBefore: evaluation.yearsBefore, yearsAfter: evaluation.yearsAfter, direction: s.direction,
                target: record?.targetValue, targetYear: Double(record?.targetYear ?? 2030),
                baseYear: Double(record?.baselineYear ?? 2015), hacLags: evaluation.hacLags,
                pooledVariance: evaluation.test == .student))
        }
        // Each outcome is built where it is computed: collecting the evaluations first and the outcomes from them
        // held every evaluation twice at the peak of a network run.
        outcomes = work.parallelMap { w -> SeriesOutcome in
            let points = Self.points(w.series)
            let perAction = w.actions.map { item in
                var context = w.context
                context.start = item.action.start.start
                context.actionEffectsOnly = true
                return (action: item.action, role: item.role, evaluation: SeriesEvaluator.evaluate(points, settings: context))
            }
            return SeriesOutcome(series: w.series, record: w.record, overall: SeriesEvaluator.evaluate(points, settings: w.context),
                perAction: perAction)
        }
        summaries.reserveCapacity(outcomes.count)
        for (index, outcome) in outcomes.enumerated() {
            let s = outcome.series
            let o = Int32(index)
            appendTrends(o, action: -1, outcome.overall.trends)
            var results: [String] = []
            for (a, item) in outcome.perAction.enumerated() {
                let (action, e) = (item.action, item.evaluation)
                if let ba = e.beforeAfter, let d = ba.difference {
                    let interval = ba.ciLow.map { " (95% CI \(Self.short($0)) to \(Self.short(ba.ciHigh!)), p \(ba.pValue.map(Self.shortP) ?? "–"))" } ?? " (\(ba.status.code))"
                    results.append("\(action.id): \(d >= 0 ? "+" : "")\(Self.short(d))" + interval)
                }
                if e.beforeAfter != nil { impactRows.append(.beforeAfter(outcome: o, action: Int16(a))) }
                if e.its != nil { impactRows.append(.its(outcome: o, action: Int16(a))) }
                appendTrends(o, action: Int16(a), e.trends.filter { $0.segment != "overall" })
            }
            if !outcome.perAction.isEmpty { seriesEvaluated += 1 }
            summaries.append(SeriesSummary(indicator: s.indicator, area: s.area, disaggregation: s.disaggregation,
                latestValue: s.points.last { $0.value != nil }?.value ?? nil, eurostatClass: outcome.overall.progress.eurostat.progressClass,
                openSDGStatus: outcome.overall.progress.openSDG.status, results: results))
        }
        appendDifferenceInDifferences(series)
    }

    private mutating func appendTrends(_ outcome: Int32, action: Int16, _ segments: [TrendSegment]) {
        for segment in segments.indices {
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
            func key(_ s: LocalizedSeries, _ action: LocalAction, _ role: String, _ method: String) -> EstimateFields.Fields {
                ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator]) + [("action", .init(action.id)), ("action_start", .init(action.start.label)),
                    ("role", .init(role)), ("method", .init(method))]
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
                return key(did.series, did.action, "treated", "did")
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
        let (pipeline, outcomes, sdg) = (definition.name, outcomes, sdgCodes)
        return ResultTables.progress().made(count: outcomes.count) { i in
            let outcome = outcomes[i], s = outcome.series, record = outcome.record, e = outcome.overall
            let values = s.points.filter { $0.value != nil }
            var row = ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator]) + [
                ("direction", .init(s.direction?.rawValue)), ("first_period", .init(values.first?.period.label)),
                ("last_period", .init(values.last?.period.label)), ("latest_value", .init(values.last?.value ?? nil)),
                ("baseline_year", .init(record?.baselineYear)), ("target_value", .init(record?.targetValue)),
                ("target_year", .init(record?.targetValue == nil ? nil : record?.targetYear)),
            ]
            for g in e.growth { row.append(("cagr_" + g.window, .init(g.cagr))) }
            return row + EstimateFields.progressColumns(e.progress)
        }
    }

    static func short(_ x: Double) -> String { Format.short(x) }

    static func shortP(_ p: Double) -> String { p < 0.001 ? "< 0.001" : "= " + Format.short(p) }

    static func points(_ s: LocalizedSeries) -> [TimePoint] {
        s.points.compactMap { p in p.value.map { TimePoint(time: p.period.start, value: $0) } }
    }

    /// Treated, comparison or other; `nil` when the action ran elsewhere and the area is no comparison either.
    func role(of area: String, in action: LocalAction) -> String? {
        let evaluation = definition.evaluation
        if evaluation.comparison.contains(area) { return "comparison" }
        let treated = action.areas.isEmpty ? evaluation.areas : action.areas
        if treated.isEmpty || treated.contains(area) { return "treated" }
        return action.areas.isEmpty ? "other" : nil
    }

    /// For each action × indicator × disaggregation with comparison areas: each treated area against all of them.
    /// The panels are gathered in order, then estimated in parallel (a network has thousands of them).
    mutating func appendDifferenceInDifferences(_ series: [LocalizedSeries]) {
        let evaluation = definition.evaluation
        guard !evaluation.comparison.isEmpty else { return }
        struct Panel: Sendable {
            let action: LocalAction
            let series: LocalizedSeries
            let peers: [String]
            let observations: [PanelObservation]
        }
        var panels: [Panel] = []
        let byIndicator = Dictionary(grouping: series, by: \.indicator)
        for action in definition.actions {
            let window = ActionWindow(start: action.start.start, yearsBefore: evaluation.yearsBefore, yearsAfter: evaluation.yearsAfter)
            for indicator in action.indicators {
                let candidates = byIndicator[indicator] ?? []
                let comparisons = Dictionary(grouping: candidates.filter { evaluation.comparison.contains($0.area) }, by: \.disaggregation)
                for s in candidates where role(of: s.area, in: action) == "treated" {
                    let peers = comparisons[s.disaggregation] ?? []
                    guard !peers.isEmpty else { continue }
                    var panel: [PanelObservation] = []
                    for member in [s] + peers {
                        for p in Self.points(member) where window.contains(p.time) {
                            panel.append(PanelObservation(area: member.area, time: p.time, value: p.value, treated: member.area == s.area))
                        }
                    }
                    panels.append(Panel(action: action, series: s, peers: peers.map(\.area), observations: panel))
                }
            }
        }
        let estimates = panels.parallelMap { DifferenceInDifferences.estimate($0.observations, start: $0.action.start.start) }
        for (panel, did) in zip(panels, estimates) {
            differences.append(DiDOutcome(action: panel.action, series: panel.series, comparisonAreas: panel.peers, estimate: did))
            impactRows.append(.did(Int32(differences.count - 1)))
        }
    }
}
