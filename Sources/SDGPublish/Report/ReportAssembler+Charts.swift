import SDGEvaluate
import SDGLocalize

extension ReportAssembler {
    /// Which series get a chart file (`outputs.charts`): the ones the report draws (the default, so that `charts/`
    /// stays as bounded as the report; none with `report: none`), every treated series, every series, or none.
    package enum ChartFiles: String, Sendable, CaseIterable { case report, treated, all, none }

    /// `charts/<indicator>-<area>[-<disaggregation>].svg`, one at a time for the series `files` selects (write:
    /// true) and for those the report draws (inReport: true): a network's hundreds of thousands of charts are
    /// written as they are made, never held together.
    package func forEachChart(
        files: ChartFiles, report: Bool,
        _ body: (_ file: String, _ key: String, _ svg: String, _ write: Bool, _ inReport: Bool) throws -> Void
    ) rethrows {
        guard files != .none || report else { return }
        let comparison = Set(plan.settings.comparison)
        // Peer lines grouped once by indicator and disaggregation: looking them up per chart was quadratic in the
        // number of series (20,000 series took 50 s).
        var peers: [String: [TrendChart.Line]] = [:]
        for outcome in evaluation.outcomes where comparison.contains(outcome.series.area) {
            let s = outcome.series
            peers["\(s.indicator)|\(s.disaggregation)", default: []]
                .append(.init(label: place(s.area), points: s.readPoints().map { ($0.period.start, $0.value) }))
        }
        for (index, outcome) in evaluation.outcomes.enumerated() {
            let s = outcome.series
            let key = key(s)
            let inReport = report && scope.shownKeys.contains(key)
            let write: Bool
            switch files {
            case .report: write = report && scope.shownKeys.contains(key)
            case .treated: write = plan.isTreated(s.area)
            case .all: write = true
            case .none: write = false
            }
            guard write || inReport else { continue }
            let file = "charts/" + Self.fileName([s.indicator, s.area, s.disaggregation]) + ".svg"
            let svg = chart(
                outcome, peers: comparison.contains(s.area) ? [] : peers["\(s.indicator)|\(s.disaggregation)"] ?? []
            ).svg(id: "chart-\(index)")
            try body(file, key, svg, write, inReport)
        }
    }

    func chart(_ outcome: ImpactEvaluation.SeriesOutcome, peers: [TrendChart.Line]) -> TrendChart {
        let s = outcome.series
        let points = s.readPoints()  // the series' values, read once for its chart
        var chart = TrendChart(
            title: "\(subject(s)) — \(place(s.area))",
            unit: s.unit, series: .init(label: place(s.area), points: points.map { ($0.period.start, $0.value) }),
            summary: summary(outcome, points), text: text)
        chart.comparisons = peers
        if let target = outcome.record?.targetValue {
            chart.target = (target, Double(outcome.record?.targetYear ?? 2030))
        }
        let overall = outcome.overall.trends.first
        if let ols = overall?.ols, let slope = ols.slope, let intercept = ols.intercept {
            chart.ols = .init(slope: slope, intercept: intercept)
        }
        if let sen = overall?.sen, let slope = sen.slope, let intercept = sen.intercept {
            chart.sen = .init(slope: slope, intercept: intercept)
        }
        let observed = points.compactMap { $0.value == nil ? nil : $0.period.start }
        chart.excluded = ExcludedPeriods(plan.settings.exclude + outcome.perAction.flatMap(\.action.exclude))
            .spans.map { ($0.start, $0.end) }
        chart.actions = outcome.perAction.map { item in
            let span = plan.settings.window(of: item.action).observedSpan(observed)
            return .init(
                label: item.action.title, start: item.action.start.start,
                meanBefore: item.evaluation.beforeAfter?.meanBefore,
                meanAfter: item.evaluation.beforeAfter?.meanAfter,
                windowStart: span.first, windowEnd: span.last)
        }
        return chart
    }

    /// A file name stem for a series: its codes joined by `-`, letters, digits, `-` and `_` kept. When anything else
    /// was replaced, or the stem was cut to stay far below the 255-byte limit of file names (a UN SDG series key has
    /// 15 dimensions; an area name can be a sentence), a hash of the exact key follows, so that keys differing only
    /// in punctuation ("North Side", "North_Side") never share a file.
    static func fileName(_ parts: [String]) -> String {
        let text = parts.filter { !$0.isEmpty }.joined(separator: "-")
        var stem = String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let maxBytes = 160
        guard stem != text || stem.utf8.count > maxBytes else { return stem }
        while stem.utf8.count > maxBytes { stem.removeLast() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the key's bytes, parts separated by a 0 byte
        for byte in parts.joined(separator: "\u{0}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return stem + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
