import SDGCore
import SDGEvaluate
import SDGLocalize

/// An action's start written finer than the data it is evaluated on (`2016-09` on annual data) falls inside a period:
/// every estimate then silently counts that period as before and the next one as after, which is rarely what was
/// meant. `validate` and `run` stop with exit 2, saying which period would come first after the start.
enum ActionStartCheck {
    static func problems(_ definition: PipelineDefinition, series: [LocalizedSeries]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        for action in definition.actions {
            let start = action.start
            // A yearly start is never finer than the data (the usual case: no series is looked at).
            guard start.frequency.periodsPerYear > 1 else { continue }
            for s in series where action.indicators.contains(s.indicator) {
                guard let frequency = s.periods.first?.frequency,
                    start.frequency.periodsPerYear > frequency.periodsPerYear,
                    !seen.contains(action.id + "|" + s.indicator),
                    !s.periods.contains(where: { $0.start == start.start })
                else { continue }
                seen.insert(action.id + "|" + s.indicator)
                let after = s.periods.first { $0.start > start.start }
                let before = s.periods.last { $0.start < start.start }
                var message =
                    "`actions[\(action.id)].start` is \(start.label), finer than the \(name(frequency)) data of '\(s.indicator)'"
                if let after {
                    message += ": the first period counted as after the start would be \(after.label)"
                    if let before { message += ", and \(before.label) would count as before" }
                    message += ". Write the start as a period of the data: `start: \(after.label)`"
                    if let before { message += " (or `start: \(before.label)` to count \(before.label) as after)" }
                } else {
                    message += ". Write the start as a period of the data"
                }
                problems.append(
                    Diagnostic(
                        .error, .actionStartFinerThanData,
                        at: definition.actionStartLines[action.id].map {
                            SourceLocation(file: PipelineFileParser.displayPath(definition.fileURL), line: $0)
                        }, message))
            }
        }
        return problems
    }

    static func name(_ f: Period.Frequency) -> String {
        switch f {
        case .annual: "annual"
        case .schoolYear: "school-year"
        case .halfYear: "half-yearly"
        case .quarterly: "quarterly"
        case .monthly: "monthly"
        case .weekly: "weekly"
        case .daily: "daily"
        }
    }
}
