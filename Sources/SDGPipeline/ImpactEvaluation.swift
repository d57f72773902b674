import SDGCore
import SDGEvaluate
import SDGLocalize
import SDGPublish

/// The evaluate stage of a run: from localized series and the action plan to the `impact`, `trends` and `progress`
/// tables. Pure: no I/O, so it is tested on its own and timed as a stage.
struct ImpactEvaluation {
    let definition: PipelineDefinition
    private(set) var impact = ResultTables.impact()
    private(set) var trends = ResultTables.trends()
    private(set) var progress = ResultTables.progress()
    private(set) var seriesEvaluated = 0
    private(set) var summaries: [SeriesSummary] = []
    /// Every series' evaluations, kept for the charts and the report.
    private(set) var outcomes: [SeriesOutcome] = []
    private(set) var differences: [DiDOutcome] = []

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

    init(definition: PipelineDefinition, series: [LocalizedSeries]) {
        self.definition = definition
        let records = Dictionary(definition.indicators.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        let evaluation = definition.evaluation
        // Evaluate every series (and every action that targets it) in parallel; append to the tables in order.
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
        let results = work.parallelMap { w -> (overall: SeriesEvaluation, perAction: [SeriesEvaluation]) in
            let points = Self.points(w.series)
            let perAction = w.actions.map { item in
                var context = w.context
                context.start = item.action.start.start
                return SeriesEvaluator.evaluate(points, settings: context)
            }
            return (SeriesEvaluator.evaluate(points, settings: w.context), perAction)
        }
        for (w, result) in zip(work, results) {
            let s = w.series
            appendProgress(s, record: w.record, evaluation: result.overall, points: Self.points(s))
            appendTrends(s, action: nil, result.overall.trends)
            var results: [String] = []
            for ((action, role), e) in zip(w.actions, result.perAction) {
                if let ba = e.beforeAfter, let d = ba.difference {
                    let interval = ba.ciLow.map { " (95% CI \(Self.short($0)) to \(Self.short(ba.ciHigh!)), p \(ba.pValue.map(Self.shortP) ?? "–"))" } ?? " (\(ba.status.code))"
                    results.append("\(action.id): \(d >= 0 ? "+" : "")\(Self.short(d))" + interval)
                }
                let key = ResultTables.seriesKey(definition.name, s) + [("action", .init(action.id)),
                    ("action_start", .init(action.start.label)), ("role", .init(role))]
                if let ba = e.beforeAfter { impact.append(named: key + [("method", .init("before_after"))] + EstimateFields.beforeAfter(ba)) }
                if let its = e.its { impact.append(named: key + [("method", .init("its"))] + EstimateFields.its(its)) }
                appendTrends(s, action: action.id, e.trends.filter { $0.segment != "overall" })
            }
            if !w.actions.isEmpty { seriesEvaluated += 1 }
            outcomes.append(SeriesOutcome(series: s, record: w.record, overall: result.overall,
                perAction: zip(w.actions, result.perAction).map { (action: $0.0.action, role: $0.0.role, evaluation: $0.1) }))
            summaries.append(SeriesSummary(indicator: s.indicator, area: s.area, disaggregation: s.disaggregation,
                latestValue: Self.points(s).last?.value, eurostatClass: result.overall.progress.eurostat.progressClass,
                openSDGStatus: result.overall.progress.openSDG.status, results: results))
        }
        appendDifferenceInDifferences(series)
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

    mutating func appendTrends(_ s: LocalizedSeries, action: String?, _ segments: [TrendSegment]) {
        let key = ResultTables.seriesKey(definition.name, s) + [("action", .init(action))]
        for t in segments {
            let base = key + [("segment", .init(t.segment))]
            trends.append(named: base + [("method", .init("ols")), ("n", .init(t.ols.n))] + EstimateFields.ols(t.ols))
            trends.append(named: base + [("method", .init("mann_kendall")), ("n", .init(t.mannKendall.n))] + EstimateFields.mannKendall(t.mannKendall))
            trends.append(named: base + [("method", .init("sen")), ("n", .init(t.ols.n))] + EstimateFields.sen(t.sen))
        }
    }

    mutating func appendProgress(_ s: LocalizedSeries, record: CrosswalkRecord?, evaluation e: SeriesEvaluation, points: [TimePoint]) {
        let labels = s.points.filter { $0.value != nil }.map(\.period.label)
        var row = ResultTables.seriesKey(definition.name, s) + [
            ("direction", .init(s.direction?.rawValue)), ("first_period", .init(labels.first)),
            ("last_period", .init(labels.last)), ("latest_value", .init(points.last?.value)),
            ("baseline_year", .init(record?.baselineYear)), ("target_value", .init(record?.targetValue)),
            ("target_year", .init(record?.targetValue == nil ? nil : record?.targetYear)),
        ]
        for g in e.growth { row.append(("cagr_" + g.window, .init(g.cagr))) }
        progress.append(named: row + EstimateFields.progressColumns(e.progress))
    }

    /// For each action × indicator × disaggregation with comparison areas: each treated area against all of them.
    mutating func appendDifferenceInDifferences(_ series: [LocalizedSeries]) {
        let evaluation = definition.evaluation
        guard !evaluation.comparison.isEmpty else { return }
        for action in definition.actions {
            let window = ActionWindow(start: action.start.start, yearsBefore: evaluation.yearsBefore, yearsAfter: evaluation.yearsAfter)
            for indicator in action.indicators {
                let candidates = series.filter { $0.indicator == indicator }
                for s in candidates where role(of: s.area, in: action) == "treated" {
                    let peers = candidates.filter { $0.disaggregation == s.disaggregation && evaluation.comparison.contains($0.area) }
                    guard !peers.isEmpty else { continue }
                    var panel: [PanelObservation] = []
                    for member in [s] + peers {
                        for p in Self.points(member) where window.contains(p.time) {
                            panel.append(PanelObservation(area: member.area, time: p.time, value: p.value, treated: member.area == s.area))
                        }
                    }
                    let did = DifferenceInDifferences.estimate(panel, start: action.start.start)
                    differences.append(DiDOutcome(action: action, series: s, comparisonAreas: peers.map(\.area), estimate: did))
                    impact.append(named: ResultTables.seriesKey(definition.name, s) + [
                        ("action", .init(action.id)), ("action_start", .init(action.start.label)), ("role", .init("treated")),
                        ("method", .init("did")), ("comparison_areas", .init(peers.map(\.area).joined(separator: ";"))),
                    ] + EstimateFields.did(did))
                }
            }
        }
    }
}
