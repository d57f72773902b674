import SDGCore
import SDGEvaluate
import SDGLocalize

/// The crosswalk checks that need the data: a selection that matches nothing, a series mixing units, a target on the
/// wrong side of the baseline read from the data. `validate` fails on them; `run` reports them as warnings.
enum CrosswalkDataChecks {
    static func problems(_ definition: PipelineDefinition, localizer: Localizer, series: [LocalizedSeries])
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
        for record in definition.indicators {
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
                    "indicator '\(indicator.id)' gathers several values for one period in \(mixed.area) (its selection matches more than one source series); add the distinguishing dimensions to `from.where`"
                )
            }
            guard let target = record.targetValue, let direction = indicator.direction, let year = record.baselineYear,
                record.baselineValue == nil
            else { continue }
            for s in (byIndicator[indicator.id] ?? []).map({ series[$0] }) where definition.plan.isTreated(s.area) {
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
    /// what it means for an estimate is for the statistician to judge). The first `listed`, then how many more.
    static func breaks(_ localizer: Localizer, listed: Int = 10) -> [Diagnostic] {
        let all = localizer.seriesBreaks
        var warnings = all.prefix(listed).map { b in
            Diagnostic(
                .warning, .seriesBreak, at: nil,
                "indicator '\(b.indicator)', area \(b.area.isEmpty ? "(none)" : b.area)\(b.disaggregation.isEmpty ? "" : ", \(b.disaggregation)"): the source flags a break in series at \(b.period.label) (OBS_STATUS b); values before and after it are measured differently, and estimates that span it compare the two"
            )
        }
        if all.count > listed {
            warnings.append(
                Diagnostic(
                    .warning, .seriesBreak, at: nil,
                    "… and \(all.count - listed) more series with a break in series (OBS_STATUS b)"))
        }
        return warnings
    }

    /// Values that look like errors of the feed, as notices (the first `listed`, then how many more): named, never
    /// changed. Only the flagged series' values are read again, for their periods.
    static func suspiciousValues(_ evaluation: ImpactEvaluation, listed: Int = 10) -> [Diagnostic] {
        let all = evaluation.suspicious
        var notices: [Diagnostic] = []
        for (outcome, finding) in all.prefix(listed) {
            let s = evaluation.outcomes[Int(outcome)].series
            let observed = s.readPoints().filter { $0.value != nil }
            guard finding.index < observed.count else { continue }
            let point = observed[finding.index]
            let name =
                "indicator '\(s.indicator)', area \(s.area.isEmpty ? "(none)" : s.area)"
                + (s.disaggregation.isEmpty ? "" : ", \(s.disaggregation)")
            notices.append(
                Diagnostic(
                    .notice, .suspiciousValue, at: nil,
                    SuspiciousValues.describe(finding, series: name, period: point.period.label, value: point.value!)))
        }
        if all.count > listed {
            notices.append(
                Diagnostic(
                    .notice, .suspiciousValue, at: nil,
                    "… and \(all.count - listed) more suspicious values (`sdgpipe inspect` lists a source's)"))
        }
        return notices
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
