import SDGCore

/// What the evaluation of one series needs to know besides its values.
package struct EvaluationContext: Sendable, Hashable {
    /// The action's start (fractional year); `nil` evaluates trends and progress only.
    package var start: Double?
    package var yearsBefore: Double?
    package var yearsAfter: Double?
    package var direction: DesiredDirection?
    package var target: Double?
    package var targetYear: Double
    package var baseYear: Double
    package var limit: Double?
    package var hacLags: Int?
    package var pooledVariance: Bool
    /// Only what depends on the action (before/after, ITS, the pre and post trends): a pipeline evaluates the whole
    /// series once and each action around it, and computing the whole-series estimates again per action was wasted.
    package var actionEffectsOnly = false

    package init(
        start: Double? = nil, yearsBefore: Double? = nil, yearsAfter: Double? = nil, direction: DesiredDirection? = nil,
        target: Double? = nil, targetYear: Double = 2030, baseYear: Double = 2015, limit: Double? = nil,
        hacLags: Int? = nil, pooledVariance: Bool = false
    ) {
        self.start = start
        self.yearsBefore = yearsBefore
        self.yearsAfter = yearsAfter
        self.direction = direction
        self.target = target
        self.targetYear = targetYear
        self.baseYear = baseYear
        self.limit = limit
        self.hacLags = hacLags
        self.pooledVariance = pooledVariance
    }
}

/// The trend methods on one stretch of a series: the whole of it, or the part before or after an action's start.
package struct TrendSegment: Sendable, Hashable {
    /// `overall`, `pre` or `post`.
    package let segment: String
    package let ols: TrendEstimate
    package let mannKendall: MannKendallEstimate
    package let sen: SenSlopeEstimate
}

/// Every estimate of docs/methods.md for one series.
package struct SeriesEvaluation: Sendable, Hashable {
    package let n: Int
    package let firstTime: Double?
    package let lastTime: Double?
    package let beforeAfter: BeforeAfterEstimate?
    package let trends: [TrendSegment]
    package let its: InterruptedTimeSeriesEstimate?
    package let growth: [GrowthRateEstimate]
    package let progress: ProgressAssessment
}

package enum SeriesEvaluator {
    /// Evaluates `points` (any order; missing values already left out). Before/after and ITS use the action window;
    /// trends and progress use the whole series.
    package static func evaluate(_ points: [TimePoint], settings: EvaluationContext) -> SeriesEvaluation {
        let series = points.sorted { $0.time < $1.time }
        let whole = !(settings.actionEffectsOnly && settings.start != nil)
        var trends = whole ? [segment("overall", series)] : []
        var beforeAfter: BeforeAfterEstimate?
        var its: InterruptedTimeSeriesEstimate?
        if let start = settings.start {
            let window = ActionWindow(start: start, yearsBefore: settings.yearsBefore, yearsAfter: settings.yearsAfter)
            let inWindow = series.filter { window.contains($0.time) }
            let pre = inWindow.filter { $0.time < start }
            let post = inWindow.filter { $0.time >= start }
            beforeAfter = WelchTest.estimate(
                before: pre.map(\.value), after: post.map(\.value), pooledVariance: settings.pooledVariance)
            trends += [segment("pre", pre), segment("post", post)]
            its = SegmentedRegression.estimate(inWindow, start: start, hacLags: settings.hacLags)
        }
        return SeriesEvaluation(
            n: series.count, firstTime: series.first?.time, lastTime: series.last?.time, beforeAfter: beforeAfter,
            trends: trends, its: its, growth: whole ? GrowthRate.windows(series) : [],
            progress: ProgressClassifier.assess(
                whole ? series : [], direction: settings.direction, target: settings.target,
                targetYear: settings.targetYear, baseYear: settings.baseYear, limit: settings.limit))
    }

    static func segment(_ name: String, _ points: [TimePoint]) -> TrendSegment {
        TrendSegment(
            segment: name, ols: OLSTrend.estimate(points), mannKendall: MannKendall.estimate(points),
            sen: SenSlope.estimate(points))
    }
}
