import SDGCore
import SDGSystem

/// `sdgpipe evaluate`'s evaluate stage, a pipeline of one: every series of one file evaluated against one action
/// start, by the same `SeriesEvaluator` as a pipeline's series, with comparison areas' panels estimated by the same
/// `ComparisonPanel` as a pipeline's actions. Pure: the command reads the file and hands each series here (while
/// reading, so that one core reads and the other evaluates).
///
/// What differs from a pipeline on purpose: there is no crosswalk, so every series is its own indicator, the whole
/// series is the window (no `years_before`/`years_after`), and every area not named as a comparison is treated.
package struct FileEvaluation: Sendable {
    package struct Settings: Sendable {
        package var start: Period
        package var target: Double?
        package var targetYear: Int = 2030
        package var direction: DesiredDirection?
        /// Comparison areas: each other area's series gets a panel with theirs (same indicator and disaggregation).
        package var comparison: [String] = []
        package var pooledVariance = false
        package var hacLags: Int?
        /// Periods left out of every estimate.
        package var exclude: [Period] = []

        package init(start: Period) { self.start = start }
    }

    /// One evaluated series. A class: the results of 100,000 series move from the worker to the sorted list to the
    /// table, and copying each one's estimates field by field showed in the profile.
    package final class SeriesResult: Sendable {
        package let key: SeriesKey
        package let firstPeriod: String?
        package let lastPeriod: String?
        package let evaluation: SeriesEvaluation
        package let did: DiDEstimate?
        /// The synthetic control of the same panel as `did`.
        package let synthetic: SyntheticControlEstimate?

        init(
            key: SeriesKey, firstPeriod: String?, lastPeriod: String?, evaluation: SeriesEvaluation,
            did: DiDEstimate?, synthetic: SyntheticControlEstimate?
        ) {
            (self.key, self.firstPeriod, self.lastPeriod) = (key, firstPeriod, lastPeriod)
            (self.evaluation, self.did, self.synthetic) = (evaluation, did, synthetic)
        }
    }

    package let settings: Settings
    private let context: EvaluationContext
    private let excluded: ExcludedPeriods
    /// Shared by the panels of one file: a file's treated areas usually meet the same comparison areas.
    private let placebos = SyntheticPlacebos()

    package init(_ settings: Settings) {
        self.settings = settings
        context = EvaluationContext(
            start: settings.start.start, direction: settings.direction, target: settings.target,
            targetYear: Double(settings.targetYear), hacLags: settings.hacLags,
            pooledVariance: settings.pooledVariance)
        excluded = ExcludedPeriods(settings.exclude)
    }

    /// Whether series are evaluated one by one as they are read: without comparison areas no series needs another.
    package var evaluatesWhileReading: Bool { settings.comparison.isEmpty }

    /// One series from its values in file order (sorted here), with its panel when it has one.
    package func evaluate(_ key: SeriesKey, _ raw: [(Period, Double)], panel: [PanelObservation]? = nil)
        -> SeriesResult
    {
        let values = raw.sorted { $0.0 < $1.0 }.filter { !$0.1.isNaN && !excluded.contains($0.0.start) }
        let estimates = panel.map { ComparisonPanel.estimate($0, start: settings.start.start, placebos: placebos) }
        return SeriesResult(
            key: key, firstPeriod: values.first?.0.label, lastPeriod: values.last?.0.label,
            evaluation: SeriesEvaluator.evaluate(
                values.map { TimePoint(time: $0.0.start, value: $0.1) }, settings: context),
            did: estimates?.did, synthetic: estimates?.synthetic)
    }

    /// The outcome: every series in key order, and the panel's estimates when exactly one series has a panel.
    package struct Outcome: Sendable {
        package let series: [SeriesResult]
        package let did: DiDEstimate?
        package let synthetic: SyntheticControlEstimate?
    }

    /// Evaluates what is still to do — series not evaluated while reading (`done[i] == nil`), those met again
    /// later in the file (`redo`), and with comparison areas every series with its panel — in parallel, and returns
    /// all of them in key order.
    package func finish(keys: [SeriesKey], values: [[(Period, Double)]], done: [SeriesResult?], redo: Set<Int>)
        -> Outcome
    {
        var evaluated = done
        struct Work: Sendable {
            let i: Int
            let key: SeriesKey
            let values: [(Period, Double)]
            let panel: [PanelObservation]?
        }
        var work: [Work] = []
        for i in keys.indices where evaluated[i] == nil || redo.contains(i) {
            work.append(Work(i: i, key: keys[i], values: values[i], panel: panel(of: i, keys: keys, values: values)))
        }
        for (w, result) in zip(work, work.parallelMap { w in evaluate(w.key, w.values, panel: w.panel) }) {
            evaluated[w.i] = result
        }
        let order = keys.withUnsafeBufferPointer { k in keys.indices.sorted { k[$0] < k[$1] } }
        let results = order.map { evaluated[$0]! }
        let treated = results.filter { $0.did != nil }
        return Outcome(
            series: results, did: treated.count == 1 ? treated[0].did : nil,
            synthetic: treated.count == 1 ? treated[0].synthetic : nil)
    }

    /// Series `i`'s panel: its points (treated) and those of the comparison areas' series of the same source,
    /// indicator and disaggregation; `nil` without comparison areas or for a comparison area's own series.
    private func panel(of i: Int, keys: [SeriesKey], values: [[(Period, Double)]]) -> [PanelObservation]? {
        let key = keys[i]
        guard !settings.comparison.isEmpty, !settings.comparison.contains(key.area) else { return nil }
        func points(_ values: [(Period, Double)]) -> [(time: Double, value: Double)] {
            values.filter { !$0.1.isNaN && !excluded.contains($0.0.start) }.map { ($0.0.start, $0.1) }
        }
        var members = points(values[i].sorted { $0.0 < $1.0 }).map {
            PanelObservation(area: key.area, time: $0.time, value: $0.value, treated: true)
        }
        for (j, other) in keys.enumerated()
        where settings.comparison.contains(other.area) && other.indicator == key.indicator
            && other.dimensions == key.dimensions && other.source == key.source
        {
            members += points(values[j]).map {
                PanelObservation(area: other.area, time: $0.time, value: $0.value, treated: false)
            }
        }
        return members
    }
}

/// A treated area against its comparison areas: the difference-in-differences (with its randomization and wild
/// bootstrap p-values) and the synthetic control of one panel, for a pipeline's actions and `sdgpipe evaluate` alike.
package enum ComparisonPanel {
    package static func estimate(
        _ observations: [PanelObservation], start: Double, placebos: SyntheticPlacebos? = nil
    ) -> (did: DiDEstimate, synthetic: SyntheticControlEstimate) {
        // Numbered once for both methods.
        let panel = IndexedPanel(observations)
        return (
            DifferenceInDifferences.estimate(panel, start: start),
            SyntheticControl.estimate(panel, start: start, placebos: placebos)
        )
    }
}
