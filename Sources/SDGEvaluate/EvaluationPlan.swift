import SDGCore
import SDGLocalize

/// A local action from the city's action plan; its start splits every targeted series into before and after.
package struct LocalAction: Sendable {
    package let id: String
    package let title: String
    package let start: Period
    package let indicators: [String]
    /// Areas the action ran in; empty means the evaluation's treated areas.
    package let areas: [String]
    /// Periods left out of this action's estimates (`exclude:`), besides the evaluation's.
    package let exclude: [Period]

    package init(
        id: String, title: String, start: Period, indicators: [String], areas: [String], exclude: [Period] = []
    ) {
        self.id = id
        self.title = title
        self.start = start
        self.indicators = indicators
        self.areas = areas
        self.exclude = exclude
    }
}

/// Periods left out of estimates (`exclude:` of the evaluation or of an action: a pandemic year, a census break): an
/// observation whose time falls inside one of them is not used, and the charts hatch them.
package struct ExcludedPeriods: Sendable {
    package let spans: [(start: Double, end: Double, label: String)]

    package init(_ periods: [Period]) {
        spans = periods.map { ($0.start, $0.start + 1 / $0.frequency.periodsPerYear, $0.label) }.sorted {
            $0.start < $1.start
        }
    }

    package var isEmpty: Bool { spans.isEmpty }

    /// Whether an observation at `time` (a period's start) lies in an excluded period (2020 excludes 2020-03 too).
    package func contains(_ time: Double) -> Bool {
        spans.contains { time >= $0.start - 1e-9 && time < $0.end - 1e-9 }
    }

    /// The points not excluded.
    package func keeping(_ points: [TimePoint]) -> [TimePoint] {
        isEmpty ? points : points.filter { !contains($0.time) }
    }
}

/// The pipeline's `evaluation:` section: who is treated, who compares, the window around each start, the tests and
/// what is reported.
package struct EvaluationSettings: Sendable {
    /// Treated areas (`evaluation.areas`); empty means every area that is not a comparison area.
    package let areas: [String]
    /// Twin or peer cities, evaluated alongside as comparisons.
    package let comparison: [String]
    package let yearsBefore: Double?
    package let yearsAfter: Double?
    /// The progress assessments written (`evaluation.progress`; all four when the key is absent).
    package let progress: Set<ProgressMethod>
    /// Rejected records over records read above which the run fails with exit 3.
    package let maxRejectRatio: Double
    /// Welch's unequal-variance test (default) or Student's pooled-variance test for before/after.
    package let test: MeanTest
    /// Newey–West lags for the ITS; `nil` uses floor(4(n/100)^(2/9)).
    package let hacLags: Int?
    /// Periods left out of every estimate (`evaluation.exclude`).
    package let exclude: [Period]

    package enum MeanTest: String, Sendable, CaseIterable { case welch, student }

    package init(
        areas: [String], comparison: [String], yearsBefore: Double?, yearsAfter: Double?,
        progress: Set<ProgressMethod>, maxRejectRatio: Double, test: MeanTest, hacLags: Int?, exclude: [Period] = []
    ) {
        self.exclude = exclude
        self.areas = areas
        self.comparison = comparison
        self.yearsBefore = yearsBefore
        self.yearsAfter = yearsAfter
        self.progress = progress
        self.maxRejectRatio = maxRejectRatio
        self.test = test
        self.hacLags = hacLags
    }

    /// The periods left out of the estimates of `action` (the evaluation's and the action's own), or of the
    /// whole-series estimates when `action` is `nil`.
    package func excluded(for action: LocalAction?) -> ExcludedPeriods {
        ExcludedPeriods(exclude + (action?.exclude ?? []))
    }

    /// The window an action's estimates use (the one rule for tables, charts and panels).
    package func window(of action: LocalAction) -> ActionWindow {
        ActionWindow(start: action.start.start, yearsBefore: yearsBefore, yearsAfter: yearsAfter)
    }
}

/// What an area is in an action's evaluation: the one rule for the impact table, the difference-in-differences
/// panels, the report, the accountability table and the crosswalk's target check.
package enum AreaRole: String, Sendable, Hashable {
    /// The action ran there: the action's `areas`, or else `evaluation.areas`, or else every non-comparison area.
    case treated
    /// A twin or peer city of `evaluation.comparison`.
    case comparison
    /// Neither, for an action without areas of its own: evaluated before/after, never compared.
    case other

    /// The area's role in `action`, or `nil` when the action names its areas and this is neither one of them nor a
    /// comparison area (it is then not evaluated for that action).
    package static func of(_ area: String, in action: LocalAction, _ settings: EvaluationSettings) -> AreaRole? {
        if settings.comparison.contains(area) { return .comparison }
        let treated = action.areas.isEmpty ? settings.areas : action.areas
        if treated.isEmpty || treated.contains(area) { return .treated }
        return action.areas.isEmpty ? .other : nil
    }

    /// Whether an area is treated by at least one action (by `evaluation.areas` when there are no actions): the
    /// series the report, the accountability table and the target check speak of.
    package static func isTreated(_ area: String, actions: [LocalAction], _ settings: EvaluationSettings) -> Bool {
        if settings.comparison.contains(area) { return false }
        if actions.isEmpty { return settings.areas.isEmpty || settings.areas.contains(area) }
        return actions.contains { of(area, in: $0, settings) == .treated }
    }
}

/// What the evaluate stage (and the tables and report made from it) needs of a pipeline: its name, its crosswalk,
/// its action plan and its evaluation settings. Made from the pipeline file by `PipelineDefinition.plan`.
package struct EvaluationPlan: Sendable {
    package let pipeline: String
    package let records: [CrosswalkRecord]
    package let actions: [LocalAction]
    package let settings: EvaluationSettings

    package init(pipeline: String, records: [CrosswalkRecord], actions: [LocalAction], settings: EvaluationSettings) {
        self.pipeline = pipeline
        self.records = records
        self.actions = actions
        self.settings = settings
    }

    /// Whether the area is treated by one of the actions (`AreaRole.isTreated`).
    package func isTreated(_ area: String) -> Bool { AreaRole.isTreated(area, actions: actions, settings) }
}
