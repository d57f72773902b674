import SDGEvaluate
import SDGLocalize

/// Which of the treated areas' series the report draws in full (a card with its chart and sentence, a progress row,
/// the accountability rows) and what it says of the rest.
///
/// A city has tens of series and sees them all. A network or a national file can have hundreds of thousands: one
/// card each made an 844 MB page that no browser opens. So the report draws at most `report.max_series` series in
/// full, in card order (the crosswalk's order, an indicator's total first), and summarises the others by action and
/// indicator with the same counts as "At a glance", lists their areas, and gives the command that writes one
/// area's full report. Its size is then bounded whatever the number of series; the tables keep every row.
package struct ReportScope: Sendable {
    /// The series drawn in full, in card order.
    package let shown: [ImpactEvaluation.SeriesOutcome]
    package let shownKeys: Set<String>
    /// The areas of the series drawn in full: most series are not, and their area says so without making their key.
    let shownAreas: Set<String>
    private let key: @Sendable (LocalizedSeries) -> String
    /// Every treated series, drawn in full or summarised.
    package let treatedCount: Int

    init<Treated: Collection<ImpactEvaluation.SeriesOutcome>>(
        treated: Treated, order: (Treated, _ first: Int) -> [ImpactEvaluation.SeriesOutcome], maxSeries: Int,
        key: @escaping @Sendable (LocalizedSeries) -> String
    ) {
        shown = order(treated, maxSeries)
        shownKeys = Set(shown.map { key($0.series) })
        shownAreas = Set(shown.map(\.series.area))
        self.key = key
        treatedCount = treated.count
    }

    /// Whether `s` is drawn in full.
    func isShown(_ s: LocalizedSeries) -> Bool { shownAreas.contains(s.area) && shownKeys.contains(key(s)) }

    package var isComplete: Bool { shown.count == treatedCount }
}

extension ReportModel {
    /// What the report summarises instead of drawing (`ReportScope`), or nothing when it draws every series.
    package struct Overflow: Sendable {
        package struct IndicatorLine: Sendable {
            package let indicator: String
            /// The summarised series' results, counted as "At a glance" counts them.
            package let results: ReportSummary.ActionLine
        }

        package struct ActionLines: Sendable {
            package let id: String
            package let lines: [IndicatorLine]
        }

        /// Series drawn in full and every treated series.
        package let shown: Int
        package let total: Int
        package var actions: [ActionLines] = []
        /// The summarised series by indicator and progress class.
        package var progress: [(indicator: String, counts: ProgressCounts)] = []
        /// Per indicator (in `progress`' order), the summarised series' median and middle half at each time: how the
        /// series not drawn moved, as a sparkline.
        package var trajectories: [[Spread]] = []

        package struct Spread: Sendable {
            package let time: Double
            package let lower: Double, median: Double, upper: Double
        }
        /// The areas with a summarised series (code, name, their number of summarised series), at most
        /// `maxListedAreas`; `moreAreas` counts the others.
        package var areas: [(code: String, name: String, series: Int)] = []
        package var moreAreas = 0
        /// Accountability rows of summarised series (in `accountability.csv`).
        package var accountabilityRows = 0
        /// The command that writes one area's full report, with `{area}` for its code.
        package var areaCommand: String?

        static let maxListedAreas = 2_000
    }
}

extension ReportAssembler {
    /// The summary of the treated series the report does not draw, or nil when it draws them all. `treated` are
    /// positions in the evaluation's outcomes: copied, 540,000 outcomes and the groups made of them were 440 MB at
    /// once, the peak of a national run (heaptrack).
    func overflow(treated: [Int]) -> ReportModel.Overflow? {
        guard !scope.isComplete else { return nil }
        let outcomes = evaluation.outcomes
        var o = ReportModel.Overflow(shown: scope.shown.count, total: scope.treatedCount)
        let rest = treated.filter { !scope.isShown(outcomes[$0].series) }
        // Indicators in the crosswalk's order, then any other.
        var groups: [String: [Int]] = [:]
        for i in rest { groups[outcomes[i].series.indicator, default: []].append(i) }
        let byIndicator = groups.mapValues { $0.lazy.map { outcomes[$0] } }
        let order =
            plan.records.map(\.indicator.id).filter { byIndicator[$0] != nil }
            + byIndicator.keys.filter { id in !plan.records.contains { $0.indicator.id == id } }.sorted()
        for action in plan.actions {
            let lines = order.compactMap { id -> ReportModel.Overflow.IndicatorLine? in
                let line = tally(byIndicator[id]!, action: action)
                return line.results == 0 ? nil : .init(indicator: indicatorName(id), results: line)
            }
            o.actions.append(.init(id: action.id, lines: lines))
        }
        let assessed = plan.settings.progress.contains(.opensdg)
        o.progress = order.map { (indicatorName($0), ProgressCounts(byIndicator[$0]!, assessed: assessed)) }
        o.trajectories = order.map { Self.spread(byIndicator[$0]!) }
        var perArea: [String: Int] = [:]
        var areaOrder: [String] = []
        for i in rest {
            let area = outcomes[i].series.area
            if perArea[area] == nil { areaOrder.append(area) }
            perArea[area, default: 0] += 1
        }
        // By name, so that a reader finds an area in the index (codes in the data's order mean little).
        let named = areaOrder.map { (code: $0, name: place($0)) }.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        o.areas = named.prefix(ReportModel.Overflow.maxListedAreas).map { ($0.code, $0.name, perArea[$0.code]!) }
        o.moreAreas = max(0, areaOrder.count - ReportModel.Overflow.maxListedAreas)
        o.areaCommand = areaCommand
        return o
    }

    /// The quartiles of the series' values at each time (times with at least two values).
    static func spread(_ outcomes: some Sequence<ImpactEvaluation.SeriesOutcome>) -> [ReportModel.Overflow.Spread] {
        var byTime: [Double: [Double]] = [:]
        for outcome in outcomes {
            for point in outcome.series.readPoints() {
                if let v = point.value { byTime[point.period.start, default: []].append(v) }
            }
        }
        func quantile(_ sorted: [Double], _ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            let above = min(below + 1, sorted.count - 1)
            return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        }
        return byTime.keys.sorted().compactMap { time in
            let values = byTime[time]!.sorted()
            guard values.count >= 2 else { return nil }
            return .init(
                time: time, lower: quantile(values, 0.25), median: quantile(values, 0.5), upper: quantile(values, 0.75))
        }
    }

    func indicatorName(_ id: String) -> String {
        plan.records.first { $0.indicator.id == id }?.displayName ?? id
    }

    /// One action's results over `outcomes`, counted as "At a glance" counts them: a clear change (the 95% interval
    /// excludes zero) for or against the desired direction, no clear change, no estimate; and the verdict against
    /// the comparison areas.
    func tally(_ outcomes: some Sequence<ImpactEvaluation.SeriesOutcome>, action: LocalAction)
        -> ReportSummary.ActionLine
    {
        var line = ReportSummary.ActionLine(title: action.title, start: action.start.label)
        for outcome in outcomes {
            guard let item = outcome.perAction.first(where: { $0.action.id == action.id }) else { continue }
            let direction = outcome.series.direction
            func favourable(_ up: Bool) -> Bool? {
                direction.map { $0 == .increase ? up : !up }
            }
            if let ba = item.evaluation.beforeAfter, let d = ba.difference, let low = ba.ciLow,
                let high = ba.ciHigh, low.isFinite, high.isFinite
            {
                if low > 0 || high < 0 {
                    // Without a desired direction a clear change is neither better nor worse: counted unclear.
                    switch favourable(d > 0) {
                    case true?: line.improved += 1
                    case false?: line.worsened += 1
                    case nil: line.unclear += 1
                    }
                } else {
                    line.unclear += 1
                }
            } else {
                line.notEstimated += 1
            }
            guard let did = difference(action: action, outcome.series) else { continue }
            let verdict = Self.verdictClass(did.estimate)
            switch verdict {
            case .roseMore, .fellMore:
                switch favourable(verdict == .roseMore) {
                case true?: line.better += 1
                case false?: line.worse += 1
                case nil: line.differed += 1
                }
            case .noEvidence: line.noEvidence += 1
            case .notPossible: line.notCompared += 1
            }
        }
        return line
    }

    /// The difference-in-differences of a series for an action, looked up in the index made once (a search per
    /// series was quadratic: hours at 600,000 series).
    func difference(action: LocalAction, _ s: LocalizedSeries) -> ImpactEvaluation.DiDOutcome? {
        didIndex[action.id + "\u{1}" + key(s)].map { evaluation.differences[$0] }
    }
}
