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
        package let counts: ProgressCounts
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

/// Series of the treated areas by Open SDG progress class: `target_achieved`/`substantial_progress`,
/// `moderate_progress`, `limited_progress`/`deterioration`, and not assessed (also every series when the Open SDG
/// assessment is not chosen). The summary's goals and the learning-city profile count the same way.
package struct ProgressCounts: Sendable {
    package private(set) var onTrack = 0
    package private(set) var moderate = 0
    package private(set) var offTrack = 0
    package private(set) var notAssessed = 0

    package init(_ outcomes: some Sequence<ImpactEvaluation.SeriesOutcome>, assessed: Bool) {
        for o in outcomes {
            switch assessed ? o.overall.progress.openSDG.status : "" {
            case "target_achieved", "substantial_progress": onTrack += 1
            case "moderate_progress": moderate += 1
            case "limited_progress", "deterioration": offTrack += 1
            default: notAssessed += 1
            }
        }
    }
}

extension ReportAssembler {
    /// The difference-in-differences result as a class, from the same p-value `verdict` prints.
    enum Verdict { case roseMore, fellMore, noEvidence, notPossible }

    /// Where the p-value that can be read for a difference-in-differences comes from.
    enum PSource { case clustered, randomization, wildBootstrap }

    /// The p-value to read: the clustered one when the estimate is `ok`, else the exact randomization one, else the
    /// wild bootstrap's; `verdict` prints it, `verdictClass` counts it.
    static func readableP(_ e: DiDEstimate) -> (p: Double, source: PSource)? {
        if e.status.isOK { return e.pValue.map { ($0, .clustered) } }
        if let p = e.pRandomization { return (p, .randomization) }
        return e.pWildBootstrap.map { ($0, .wildBootstrap) }
    }

    static func verdictClass(_ e: DiDEstimate) -> Verdict {
        guard let d = e.estimateTWFE, d.isFinite, let (p, _) = readableP(e) else { return .notPossible }
        guard p < 0.05 else { return .noEvidence }
        return d > 0 ? .roseMore : .fellMore
    }

    func summary() -> ReportSummary {
        var s = ReportSummary()
        let treated = evaluation.treatedOutcomes
        for action in plan.actions {
            s.actions.append(tally(treated, action: action))
        }
        let assessed = plan.settings.progress.contains(.opensdg)
        for goal in 1...17 {
            let ids = Set(plan.records.filter { $0.indicator.sdg.contains { $0.goal == goal } }.map(\.indicator.id))
            guard !ids.isEmpty else { continue }
            s.goals.append(
                ReportSummary.GoalLine(
                    goal: goal, name: SDGGoal.shortNames[goal] ?? "Goal \(goal)",
                    counts: ProgressCounts(evaluation.treatedOutcomes(of: ids), assessed: assessed)))
        }
        let gaps = gaps()
        s.targetsCovered = gaps.reduce(0) { $0 + $1.covered }
        s.targetsTotal = gaps.reduce(0) { $0 + $1.total }
        s.treatedSeries = treated.count
        s.seriesWithoutTrend = treated.reduce(0) { $0 + ($1.overall.trends.first?.ols.status.isOK != true ? 1 : 0) }
        s.records = sources.reduce(0) { $0 + $1.records }
        s.rejected = sources.reduce(0) { $0 + $1.rejected }
        return s
    }
}
