import SDGCore
import SDGLocalize

/// The crosswalk checks that need the data: a selection that matches nothing, a series mixing units, a target on the
/// wrong side of the baseline read from the data. `validate` fails on them; `run` reports them as warnings.
package enum CrosswalkDataChecks {
    package static func problems(_ plan: EvaluationPlan, localizer: Localizer, series: [LocalizedSeries])
        -> [Diagnostic]
    {
        var problems: [Diagnostic] = []
        // Each series looked at once, grouped by indicator: a scan of every series for every indicator (with a set of
        // periods per series) took a tenth of a second at 60,000 series and grew with indicators × series.
        var byIndicator: [String: [Int]] = [:]
        var firstMixed: [String: Int] = [:]
        for (i, s) in series.enumerated() {
            byIndicator[s.indicator, default: []].append(i)
            if firstMixed[s.indicator] == nil, hasRepeatedPeriod(s.periods) { firstMixed[s.indicator] = i }
        }
        for record in plan.records {
            let indicator = record.indicator
            func problem(_ code: DiagnosticCode, _ message: String) {
                problems.append(
                    Diagnostic(.warning, code, at: SourceLocation(file: record.file, line: record.line), message))
            }
            if localizer.matchedObservations[indicator.id] == nil, localizer.selectedOutOfScope.contains(indicator.id) {
                problem(
                    .selectsNothing,
                    "indicator '\(indicator.id)' has observations only outside the run's area scope (`--only-areas`): nothing of it is evaluated in this run"
                )
            } else if localizer.matchedObservations[indicator.id] == nil {
                let selection = indicator.selection.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ", ")
                problem(
                    .selectsNothing,
                    "indicator '\(indicator.id)' selects no observations from source '\(indicator.source)' (where \(selection)); check the codes in `from.where` with `sdgpipe inspect`"
                )
            }
            if let units = localizer.unitsSeen[indicator.id], units.count > 1,
                indicator.unit == nil || indicator.conversion == nil
            {
                problem(
                    .mixedUnits,
                    "indicator '\(indicator.id)' mixes units (\(units.sorted().joined(separator: ", "))); add one of them to its `from.where` (`unit: \(units.sorted()[0])`) or convert with `convert:`"
                )
            }
            if let mixed = firstMixed[indicator.id].map({ series[$0] }) {
                problem(
                    .repeatedPeriod,
                    "indicator '\(indicator.id)' gathers several values for one period in \(mixed.area) (its selection matches more than one source series); add the distinguishing dimensions to `from.where`, or combine them with `per_period: mean` (or sum, median, min, max)"
                )
            }
            guard let target = record.targetValue, let direction = indicator.direction, let year = record.baselineYear,
                record.baselineValue == nil
            else { continue }
            for s in (byIndicator[indicator.id] ?? []).map({ series[$0] }) where plan.isTreated(s.area) {
                guard
                    let base = s.periods.indices.lazy.compactMap({ s.periods[$0].year == year ? s.value(at: $0) : nil })
                        .first
                else { continue }
                if direction == .increase ? target < base : target > base {
                    problem(
                        .targetBehindBaseline,
                        "the target \(target) of '\(indicator.id)' lies on the wrong side of the \(year) baseline \(base) in \(s.area) for `direction: \(direction.rawValue)`"
                    )
                }
            }
        }
        return problems
    }

    /// Series whose source flags a break in series: warnings in `run` and `validate` alike (the data is as published;
    /// what it means for an estimate is for the statistician to judge).
    package static func breaks(_ localizer: Localizer) -> [Diagnostic] {
        firstOnes(localizer.seriesBreaks, .warning, .seriesBreak, more: "series with a break in series (OBS_STATUS b)")
        {
            b in
            "\(name(b.indicator, b.area, b.disaggregation)): the source flags a break in series at \(b.period.label) (OBS_STATUS b); values before and after it are measured differently, and estimates that span it compare the two"
        }
    }

    /// Values that look like errors of the feed, as notices: named, never changed. Only the listed series' values are
    /// read again, for their periods.
    package static func suspiciousValues(_ evaluation: ImpactEvaluation) -> [Diagnostic] {
        firstOnes(
            evaluation.suspicious, .notice, .suspiciousValue,
            more: "suspicious values (`sdgpipe inspect` lists a source's)"
        ) { outcome, finding in
            let s = evaluation.outcomes[Int(outcome)].series
            let observed = s.readPoints().filter { $0.value != nil }
            guard finding.index < observed.count else { return nil }
            let point = observed[finding.index]
            return SuspiciousValues.describe(
                finding, series: name(s.indicator, s.area, s.disaggregation), period: point.period.label,
                value: point.value!)
        }
    }

    /// `indicator 'x', area A, sex=F` (an empty area is the national series).
    static func name(_ indicator: String, _ area: String, _ disaggregation: String) -> String {
        "indicator '\(indicator)', area \(area.isEmpty ? "(none)" : area)"
            + (disaggregation.isEmpty ? "" : ", \(disaggregation)")
    }

    /// The first `listed` items as diagnostics, then one saying how many more: a network's thousands of series must not
    /// bury the run's other messages.
    static func firstOnes<Item>(
        _ items: [Item], _ severity: Diagnostic.Severity, _ code: DiagnosticCode, more: String, listed: Int = 10,
        _ message: (Item) -> String?
    ) -> [Diagnostic] {
        var diagnostics = items.prefix(listed).compactMap { item in
            message(item).map { Diagnostic(severity, code, at: nil, $0) }
        }
        if items.count > listed {
            diagnostics.append(Diagnostic(severity, code, at: nil, "… and \(items.count - listed) more \(more)"))
        }
        return diagnostics
    }

    /// Whether two points share a period (same start and frequency). Points are sorted by period, so such points
    /// lie in the run of points with the same start.
    static func hasRepeatedPeriod(_ periods: SeriesPeriods) -> Bool {
        var runStart = 0
        for i in periods.indices.dropFirst() {
            if periods[i].start != periods[runStart].start {
                runStart = i
                continue
            }
            if periods[runStart..<i].contains(where: { $0.frequency == periods[i].frequency }) { return true }
        }
        return false
    }

}
