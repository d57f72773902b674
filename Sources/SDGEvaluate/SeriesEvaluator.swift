import SDGCore

/// What the evaluation of one series needs to know besides its values.
public struct EvaluationContext: Sendable, Hashable {
    /// The action's start (fractional year); `nil` evaluates trends and progress only.
    public var start: Double?
    public var yearsBefore: Double?
    public var yearsAfter: Double?
    public var direction: DesiredDirection?
    public var target: Double?
    public var targetYear: Double
    public var baseYear: Double
    public var limit: Double?
    public var hacLags: Int?
    public var pooledVariance: Bool
    /// Only what depends on the action (before/after, ITS, the pre and post trends): a pipeline evaluates the whole
    /// series once and each action around it, and computing the whole-series estimates again per action was wasted.
    public var actionEffectsOnly = false

    public init(
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
public struct TrendSegment: Sendable, Hashable {
    /// `overall`, `pre` or `post`.
    public let segment: String
    public let ols: TrendEstimate
    public let mannKendall: MannKendallEstimate
    public let sen: SenSlopeEstimate
}

/// Every estimate of docs/methods.md for one series.
public struct SeriesEvaluation: Sendable, Hashable {
    public let n: Int
    public let firstTime: Double?
    public let lastTime: Double?
    public let beforeAfter: BeforeAfterEstimate?
    public let trends: [TrendSegment]
    public let its: InterruptedTimeSeriesEstimate?
    public let growth: [GrowthRateEstimate]
    public let progress: ProgressAssessment
}

public enum SeriesEvaluator {
    /// Evaluates `points` (any order; missing values already left out). Before/after and ITS use the action window;
    /// trends and progress use the whole series.
    public static func evaluate(_ points: [TimePoint], settings: EvaluationContext) -> SeriesEvaluation {
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
