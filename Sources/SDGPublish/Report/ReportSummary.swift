import SDGEvaluate
import SDGLocalize

/// The report's first section, for a reader with one minute: what each action changed, which goals are on track,
/// and where data is missing. Counts only; every number in it is one the sections below show row by row.
package struct ReportSummary: Sendable {
    package struct ActionLine: Sendable {
        package let title: String
        package let start: String
        /// Results in the treated areas (one per series): a clear change (the 95% interval excludes zero) in the
        /// desired direction, against it, no clear change, and no before/after estimate at all.
        package var improved = 0
        package var worsened = 0
        package var unclear = 0
        package var notEstimated = 0
        /// Against the comparison areas, by the difference-in-differences verdict: a clearly better or worse change
        /// (by the desired direction), no evidence of a difference, or no comparison possible.
        package var better = 0
        package var worse = 0
        package var noEvidence = 0
        package var notCompared = 0
        /// A clear difference for an indicator without a desired direction: neither better nor worse.
        package var differed = 0
        package var results: Int { improved + worsened + unclear + notEstimated }
    }

    package struct GoalLine: Sendable {
        package let goal: Int
        package let name: String
        /// Series of the treated areas by Open SDG progress class: `target_achieved`/`substantial_progress`,
        /// `moderate_progress`, `limited_progress`/`deterioration`, and not assessed.
        package var onTrack = 0
        package var moderate = 0
        package var offTrack = 0
        package var notAssessed = 0
    }

    package var actions: [ActionLine] = []
    package var goals: [GoalLine] = []
    package var targetsCovered = 0
    package var targetsTotal = 0
    /// Series of the treated areas with too few values for a trend (the OLS fit's status is not `ok`).
    package var seriesWithoutTrend = 0
    package var treatedSeries = 0
    package var records = 0
    package var rejected = 0

    package init() {}
}

extension ReportAssembler {
    /// The difference-in-differences result as a class, from the same p-value `verdict` prints.
    enum Verdict { case roseMore, fellMore, noEvidence, notPossible }

    static func verdictClass(_ e: DiDEstimate) -> Verdict {
        guard let d = e.estimateTWFE, d.isFinite else { return .notPossible }
        let p = e.status.isOK ? e.pValue : e.pRandomization ?? e.pWildBootstrap
        guard let p else { return .notPossible }
        guard p < 0.05 else { return .noEvidence }
        return d > 0 ? .roseMore : .fellMore
    }

    func summary() -> ReportSummary {
        var s = ReportSummary()
        let treated = evaluation.outcomes.filter { plan.isTreated($0.series.area) }
        for action in plan.actions {
            var line = ReportSummary.ActionLine(title: action.title, start: action.start.label)
            for outcome in treated {
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
                let key = key(outcome.series)
                guard
                    let did = evaluation.differences.first(where: {
                        $0.action.id == action.id && self.key($0.series) == key
                    })
                else { continue }
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
            s.actions.append(line)
        }
        let assessed = plan.settings.progress.contains(.opensdg)
        for goal in 1...17 {
            let ids = Set(plan.records.filter { $0.indicator.sdg.contains { $0.goal == goal } }.map(\.indicator.id))
            guard !ids.isEmpty else { continue }
            var line = ReportSummary.GoalLine(goal: goal, name: SDGGoal.shortNames[goal] ?? "Goal \(goal)")
            for o in treated where ids.contains(o.series.indicator) {
                switch assessed ? o.overall.progress.openSDG.status : "" {
                case "target_achieved", "substantial_progress": line.onTrack += 1
                case "moderate_progress": line.moderate += 1
                case "limited_progress", "deterioration": line.offTrack += 1
                default: line.notAssessed += 1
                }
            }
            s.goals.append(line)
        }
        let gaps = gaps()
        s.targetsCovered = gaps.reduce(0) { $0 + $1.covered }
        s.targetsTotal = gaps.reduce(0) { $0 + $1.total }
        s.treatedSeries = treated.count
        s.seriesWithoutTrend = treated.filter { $0.overall.trends.first?.ols.status.isOK != true }.count
        s.records = sources.reduce(0) { $0 + $1.records }
        s.rejected = sources.reduce(0) { $0 + $1.rejected }
        return s
    }
}
