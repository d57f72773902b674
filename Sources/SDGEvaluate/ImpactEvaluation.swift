import SDGCore
import SDGLocalize

/// The evaluate stage of a run: from localized series and the action plan to every estimate the `impact`, `trends`
/// and `progress` tables, the charts and the report show. Pure: no I/O, so it is tested on its own and timed as a
/// stage. A new estimate goes into `SeriesEvaluator` (per series) or here (across series, as the
/// difference-in-differences does); its table columns into `EstimateFields` (SDGPublish).
///
/// The tables' rows are made from the kept outcomes when they are written (`trendRows` and `impactRows` are a few
/// bytes of row references each): holding them as cells as well took more memory than everything else of a network
/// run (bench/storage).
package struct ImpactEvaluation: Sendable {
    package let plan: EvaluationPlan
    package private(set) var seriesEvaluated = 0
    package private(set) var summaries: [SeriesSummary] = []
    /// Every series' evaluations, kept for the tables, the charts and the report.
    package private(set) var outcomes: [SeriesOutcome] = []
    /// The positions in `outcomes` of the treated areas' series (`EvaluationPlan.isTreated`), found once: the report,
    /// its summaries and the profiles read the treated outcomes through them.
    package private(set) var treatedPositions: [Int] = []
    /// The same positions by indicator (`treatedOutcomes(of:)`).
    package private(set) var treatedByIndicator: [String: [Int]] = [:]
    package private(set) var differences: [DiDOutcome] = []
    package private(set) var trendRows: [TrendRow] = []
    package private(set) var impactRows: [ImpactRow] = []
    /// Values that look like errors of the feed (`SuspiciousValues`), by outcome; the index counts observed points.
    package private(set) var suspicious: [(outcome: Int32, finding: SuspiciousValues.Finding)] = []
    /// Where the sources flag a break in series (`OBS_STATUS` `b`), for outputs that carry observation attributes.
    package var breaks: [Localizer.SeriesBreak] = []
    /// With `--only-areas`: the indicators that have series of treated areas outside the run's scope. What a run of
    /// some areas records for them is then what a run over all areas records for those areas (the treated series, not
    /// every series of an indicator the run sees no treated series of).
    package var treatedOutOfScope: Set<String> = []
    /// Whether every treated area's series is in the run: only then are the summaries over the treated areas
    /// (`coverage`, `learning_city_profile`, `framework_profile`) those of a run over all areas, and replaced in a
    /// database that shards of a network write together.
    package var holdsEveryTreatedSeries: Bool { treatedOutOfScope.isEmpty }

    /// A series' evaluations, packed (`PackedEvaluation`: a fifth of the memory) and unpacked when read.
    package struct SeriesOutcome: Sendable {
        package let series: LocalizedSeries
        /// The indicator's crosswalk record, shared (inline, a record took 300 bytes per series).
        let box: RecordBox?
        /// The block holding the whole-series evaluation, and its place there.
        let block: EvaluationBlock
        let index: Int32
        /// How many trend segments the whole-series evaluation has, known without unpacking it.
        let overallSegments: Int
        package let perAction: [ActionOutcome]
        package var overall: SeriesEvaluation { block.evaluations[Int(index)] }
        package var record: CrosswalkRecord? { box?.record }
    }

    final class EvaluationBlock: Sendable {
        let evaluations: PackedEvaluations
        init(evaluations: PackedEvaluations) { self.evaluations = evaluations }
    }

    final class RecordBox: Sendable {
        let record: CrosswalkRecord
        init(record: CrosswalkRecord) { self.record = record }
    }

    package struct ActionOutcome: Sendable {
        package let action: LocalAction
        package let role: AreaRole
        let packed: PackedEvaluation
        package var evaluation: SeriesEvaluation { packed.evaluation }
    }

    package struct DiDOutcome: Sendable {
        package let action: LocalAction
        package let series: LocalizedSeries
        package let comparisonAreas: [String]
        package let estimate: DiDEstimate
        /// The same panel's synthetic control (`SyntheticControl`).
        package let synthetic: SyntheticControlEstimate
    }

    /// A `trends` row: outcome, action (-1: the whole series), segment and method (0 OLS, 1 Mann-Kendall, 2 Sen).
    package struct TrendRow: Sendable {
        package var outcome: Int32
        package var action: Int16
        package var segment: UInt8
        package var method: UInt8
    }

    /// An `impact` row: a before/after or ITS row of an outcome's action, or a difference-in-differences row.
    package enum ImpactRow: Sendable {
        case beforeAfter(outcome: Int32, action: Int16)
        case its(outcome: Int32, action: Int16)
        case did(Int32)
        /// The synthetic control of the same panel as `did`.
        case syntheticControl(Int32)
    }

    package init(plan: EvaluationPlan, series: [LocalizedSeries]) {
        self.plan = plan
        let records = Dictionary(
            plan.records.map { ($0.indicator.id, RecordBox(record: $0)) }, uniquingKeysWith: { a, _ in a })
        let evaluation = plan.settings
        // Evaluate every series (and every action that targets it) in parallel, in blocks of 2,048 series whose
        // whole-series evaluations are packed into one array each (`PackedEvaluations`); keep the outcomes in order.
        // What each series needs is gathered where it is evaluated: gathered for all series first, it took 530
        // bytes a series at the peak of a network run.
        let blockSize = 2048
        let blocks = (0..<(series.count + blockSize - 1) / blockSize).map {
            $0 * blockSize..<min(series.count, ($0 + 1) * blockSize)
        }
        typealias Made = (
            box: RecordBox?, overallSegments: Int, perAction: [ActionOutcome], suspicious: [SuspiciousValues.Finding]
        )
        let overallExcluded = evaluation.excluded(for: nil)
        let evaluated = blocks.parallelMap(serialBelow: 2) { range -> (block: EvaluationBlock, made: [Made]) in
            var packed = PackedEvaluations()
            var made: [Made] = []
            made.reserveCapacity(range.count)
            for s in series[range] {
                let box = records[s.indicator]
                let record = box?.record
                let context = EvaluationContext(
                    yearsBefore: evaluation.yearsBefore, yearsAfter: evaluation.yearsAfter, direction: s.direction,
                    target: record?.targetValue, targetYear: Double(record?.targetYear ?? 2030),
                    baseYear: Double(record?.baselineYear ?? 2015), hacLags: evaluation.hacLags,
                    pooledVariance: evaluation.test == .student)
                let all = Self.points(s)
                let points = overallExcluded.keeping(all)
                let perAction = plan.actions.filter { $0.indicators.contains(s.indicator) }.compactMap {
                    action -> ActionOutcome? in
                    guard let role = AreaRole.of(s.area, in: action, evaluation) else { return nil }
                    var actionContext = context
                    actionContext.start = action.start.start
                    actionContext.actionEffectsOnly = true
                    let kept = action.exclude.isEmpty ? points : evaluation.excluded(for: action).keeping(all)
                    return ActionOutcome(
                        action: action, role: role,
                        packed: PackedEvaluation(SeriesEvaluator.evaluate(kept, settings: actionContext)))
                }
                let overall = SeriesEvaluator.evaluate(points, settings: context)
                packed.append(overall)
                made.append((box, overall.trends.count, perAction, SuspiciousValues.find(all.map(\.value))))
            }
            packed.trim()
            return (EvaluationBlock(evaluations: packed), made)
        }
        // The outcomes made once, in one array (per-block arrays joined would hold them all twice for a moment).
        outcomes.reserveCapacity(series.count)
        for (range, result) in zip(blocks, evaluated) {
            for (k, item) in result.made.enumerated() {
                outcomes.append(
                    SeriesOutcome(
                        series: series[range.lowerBound + k], box: item.box, block: result.block, index: Int32(k),
                        overallSegments: item.overallSegments, perAction: item.perAction))
                for finding in item.suspicious { suspicious.append((Int32(outcomes.count - 1), finding)) }
            }
        }
        // Summaries feed the accountability table only: kept for the treated areas of indicators with an owner or
        // partners (a network's hundreds of thousands of series otherwise kept ~50 MB of them for nothing).
        let accountable = Set(plan.records.filter { $0.owner != nil || !$0.partners.isEmpty }.map(\.indicator.id))
        // An area's role worked out once, not once per series (a national run has 300 series an area).
        var treatedArea: [String: Bool] = [:]
        for (index, outcome) in outcomes.enumerated() {
            let s = outcome.series
            let o = Int32(index)
            let treated: Bool
            if let known = treatedArea[s.area] {
                treated = known
            } else {
                treated = plan.isTreated(s.area)
                treatedArea[s.area] = treated
            }
            if treated {
                treatedPositions.append(index)
                treatedByIndicator[s.indicator, default: []].append(index)
            }
            // The whole-series evaluation is unpacked only for a summary (it was unpacked for every series here).
            appendTrends(o, action: -1, segments: outcome.overallSegments)
            var results: [SeriesSummary.ActionResult] = []
            for (a, item) in outcome.perAction.enumerated() {
                let (action, e) = (item.action, item.evaluation)
                if let ba = e.beforeAfter, ba.difference != nil {
                    results.append(.init(action: action.id, beforeAfter: ba))
                }
                if e.beforeAfter != nil { impactRows.append(.beforeAfter(outcome: o, action: Int16(a))) }
                if e.its != nil { impactRows.append(.its(outcome: o, action: Int16(a))) }
                appendTrends(o, action: Int16(a), segments: e.trends.filter { $0.segment != "overall" }.count)
            }
            if !outcome.perAction.isEmpty { seriesEvaluated += 1 }
            guard treated, accountable.contains(s.indicator) else { continue }
            let overall = outcome.overall
            summaries.append(
                SeriesSummary(
                    indicator: s.indicator, area: s.area, disaggregation: s.disaggregation,
                    latestValue: s.observedEnds.latest,
                    eurostatClass: evaluation.progress.contains(.eurostat)
                        ? overall.progress.eurostat.progressClass : nil,
                    openSDGStatus: evaluation.progress.contains(.opensdg) ? overall.progress.openSDG.status : nil,
                    results: results))
        }
        appendDifferenceInDifferences(series)
    }

    private mutating func appendTrends(_ outcome: Int32, action: Int16, segments: Int) {
        for segment in 0..<segments {
            for method in 0..<3 {
                trendRows.append(
                    TrendRow(outcome: outcome, action: action, segment: UInt8(segment), method: UInt8(method)))
            }
        }
    }

    package static func points(_ s: LocalizedSeries) -> [TimePoint] {
        var points: [TimePoint] = []
        points.reserveCapacity(s.count)
        s.forEachObserved { time, value in points.append(TimePoint(time: time, value: value)) }
        return points
    }

    /// For each action × indicator × disaggregation with comparison areas: each treated area against all of them.
    /// The panels are gathered in order, then estimated in parallel (a network has thousands of them).
    mutating func appendDifferenceInDifferences(_ series: [LocalizedSeries]) {
        let evaluation = plan.settings
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
        let actionIndicators = Set(plan.actions.flatMap(\.indicators))
        var byIndicator: [String: [LocalizedSeries]] = [:]
        for s in series where actionIndicators.contains(s.indicator) { byIndicator[s.indicator, default: []].append(s) }
        for action in plan.actions {
            let window = evaluation.window(of: action)
            for indicator in action.indicators {
                let candidates = byIndicator[indicator] ?? []
                let comparisons = Dictionary(
                    grouping: candidates.filter { evaluation.comparison.contains($0.area) }, by: \.disaggregation)
                for s in candidates where AreaRole.of(s.area, in: action, evaluation) == .treated {
                    let peers = comparisons[s.disaggregation] ?? []
                    guard !peers.isEmpty else { continue }
                    panels.append(Panel(action: action, series: s, peers: peers, window: window))
                }
            }
        }
        let placebos = SyntheticPlacebos()
        let estimates = panels.parallelMap { panel in
            var observations: [PanelObservation] = []
            let excluded = evaluation.excluded(for: panel.action)
            for member in [panel.series] + panel.peers {
                member.forEachObserved { time, value in
                    guard panel.window.contains(time), !excluded.contains(time) else { return }
                    observations.append(
                        PanelObservation(
                            area: member.area, time: time, value: value, treated: member.area == panel.series.area))
                }
            }
            return ComparisonPanel.estimate(observations, start: panel.action.start.start, placebos: placebos)
        }
        for (panel, (did, synthetic)) in zip(panels, estimates) {
            differences.append(
                DiDOutcome(
                    action: panel.action, series: panel.series, comparisonAreas: panel.peers.map(\.area), estimate: did,
                    synthetic: synthetic))
            impactRows.append(.did(Int32(differences.count - 1)))
            impactRows.append(.syntheticControl(Int32(differences.count - 1)))
        }
    }
}

/// What the evaluation found for one localized series of a treated area, kept for the accountability table and the
/// report (only for indicators with an owner or partners).
package struct SeriesSummary: Sendable {
    package let indicator: String
    package let area: String
    package let disaggregation: String
    package let latestValue: Double?
    /// `nil` when the Eurostat assessment is not among `evaluation.progress`.
    package let eurostatClass: String?
    /// `nil` when the Open SDG assessment is not among `evaluation.progress`.
    package let openSDGStatus: String?
    /// The before/after result of each action that targets the series and has one.
    package let results: [ActionResult]

    package struct ActionResult: Sendable {
        package let action: String
        package let beforeAfter: BeforeAfterEstimate
    }
}
