import Foundation
import SDGCore
import SDGEvaluate
import SDGLocalize

/// Builds the charts and the report model from a run's results. Pure: the runner writes what it returns.
package struct ReportAssembler: Sendable {
    package let evaluation: ImpactEvaluation
    package let sources: [ReportModel.Source]
    package let generated: String
    package let version: String
    package let tableFiles: [String]
    /// Names for the codes of areas and disaggregations (`labels:`, the structure's codelists).
    package let labels: Labels
    /// The pipeline's `report:` title, city, period and logo.
    package let front: ReportModel.FrontMatter
    /// The fixed strings, numbers and dates in the report's language.
    package let text: ReportText
    /// The treated series drawn in full; the others are summarised (`ReportScope`).
    package let scope: ReportScope
    /// The command that writes one area's full report (`{area}` for its code), told where the report summarises.
    let areaCommand: String?
    /// Each difference-in-differences by action and series (`difference(action:_:)`).
    let didIndex: [String: Int]
    /// The areas' boundaries (`geography:`): the report then has maps.
    package var geography: AreaGeography?
    /// Frameworks besides the SDGs and the KFLC (`frameworks:`), shown after the learning-city profile.
    package var frameworks: [Framework] = []
    var plan: EvaluationPlan { evaluation.plan }

    package init(
        evaluation: ImpactEvaluation, sources: [ReportModel.Source], generated: String, version: String,
        tableFiles: [String], labels: Labels = Labels(), front: ReportModel.FrontMatter = .init(),
        areaCommand: String? = nil
    ) {
        self.areaCommand = areaCommand
        var index: [String: Int] = [:]
        for (i, d) in evaluation.differences.enumerated() {
            index[d.action.id + "\u{1}" + Self.key(d.series)] = i
        }
        didIndex = index
        self.labels = labels
        self.front = front
        self.text = ReportText(front.language)
        self.evaluation = evaluation
        self.sources = sources
        self.generated = generated
        self.version = version
        self.tableFiles = tableFiles
        let plan = evaluation.plan
        scope = ReportScope(
            treated: evaluation.treatedOutcomes, order: { Self.cardOrder($0, plan: plan, first: $1) },
            maxSeries: front.maxSeries, key: Self.key)
    }

    func key(_ s: LocalizedSeries) -> String { Self.key(s) }
    static func key(_ s: LocalizedSeries) -> String { "\(s.indicator)|\(s.area)|\(s.disaggregation)" }

    func name(_ s: LocalizedSeries) -> String { indicatorName(s.indicator) }

    /// The cards of an action grouped by indicator in the order of the crosswalk, an indicator's total first, then
    /// its breakdowns, each group by area.
    func cardOrder(_ outcomes: [ImpactEvaluation.SeriesOutcome]) -> [ImpactEvaluation.SeriesOutcome] {
        Self.cardOrder(outcomes, plan: plan)
    }

    /// The first `first` outcomes in card order (all by default): only those are copied, not a sorted copy of a
    /// network's every outcome.
    static func cardOrder<Outcomes: Collection<ImpactEvaluation.SeriesOutcome>>(
        _ outcomes: Outcomes, plan: EvaluationPlan, first: Int = .max
    ) -> [ImpactEvaluation.SeriesOutcome] where Outcomes.Index == Int {
        let rank = Dictionary(
            plan.records.enumerated().map { ($1.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Each series' place worked out once, then integers sorted: a network has hundreds of thousands of series.
        let keys = outcomes.indices.map { i in
            let s = outcomes[i].series
            return (rank[s.indicator] ?? Int.max, Labels.isTotal(s.disaggregation) ? 0 : 1, i)
        }
        return keys.sorted { $0 < $1 }.prefix(first).map { outcomes[$0.2] }
    }

    /// An area by its name; a code without one that reads as a number is "area 0363", never a bare "in 1980" that
    /// anyone would take for a year.
    func place(_ code: String) -> String {
        if let name = labels.area(code) { return name }
        return !code.isEmpty && code.allSatisfy(\.isNumber) ? text("area.code", code) : code
    }

    /// The indicator's name with its disaggregation named ("Unemployment rate (female, 25 to 64 years)"), so that
    /// the cards of one indicator's breakdowns differ.
    func subject(_ s: LocalizedSeries) -> String {
        guard !s.disaggregation.isEmpty else { return name(s) }
        return "\(name(s)) (\(breakdown(s.disaggregation)))"
    }

    /// `sex=F;age=Y25T64` in words: each code by the names the pipeline and its sources give, then the report
    /// language's names of the SDMX cross-domain codes (`F`, `M`, `_T`), then as written.
    func breakdown(_ key: String) -> String {
        labels.disaggregation(key, separator: ", ", fallback: text.sdmxCode) ?? key
    }

    func summary(_ o: ImpactEvaluation.SeriesOutcome, _ points: [LocalizedSeries.Point]) -> String {
        let t = text
        let values = points.compactMap { p in p.value.map { (p.period.label, $0) } }
        guard let first = values.first, let last = values.last else { return t("chart.no_values") }
        var out = t(
            "chart.went", subject(o.series), place(o.series.area), t.number(first.1), first.0, t.number(last.1),
            last.0)
        if let unit = o.series.unit { out += " (\(unit))" }
        out += "."
        for item in o.perAction {
            if let ba = item.evaluation.beforeAfter, let before = ba.meanBefore, let after = ba.meanAfter {
                out +=
                    " "
                    + t("chart.means", t.number(before), t.number(after), item.action.title, item.action.start.label)
            }
        }
        if let target = o.record?.targetValue {
            out += " " + t("chart.target", t.number(target), "\(o.record?.targetYear ?? 2030)")
        }
        return out
    }

    /// The p-value only beside an `ok` estimate: with few areas the CR1 p-value is too small to print as a finding, and
    /// the exact randomization p-value (rank among the areas) is printed instead, saying so.
    static func detail(_ e: DiDEstimate, _ t: ReportText = .en) -> String {
        switch e.status.code {
        case "ok": return e.pValue.map { "p " + t.p($0) } ?? ""
        default:
            // The randomization p-value needs no standard error: it stands for a degenerate one as for too few areas.
            if let p = e.pRandomization { return t("did.randomization", t.p(p), "\(e.clusters)") }
            if e.status.code == "few_clusters" { return t("did.too_few", "\(e.clusters)") }
            return t.why((e.status.code, ""))
        }
    }

    /// The difference-in-differences in plain words, from the p-value that can be read for it, the one `detail`
    /// prints: the clustered one when the estimate is `ok`, else the exact randomization one (few areas: it cannot go
    /// below 1 ÷ the number of areas, so three areas never show a difference), else the wild bootstrap's; at 5%.
    static func verdict(_ e: DiDEstimate, _ t: ReportText = .en) -> String {
        guard let d = e.estimateTWFE, d.isFinite else {
            return t("verdict.not_possible", t.why((e.status.code, e.status.reason)))
        }
        guard let (p, source) = readableP(e) else { return t("verdict.not_possible", t.why((e.status.code, ""))) }
        let which = source == .clustered ? "p" : t(source == .randomization ? "p.randomization" : "p.wild_bootstrap")
        let evidence = "\(which) \(t.p(p))" + (e.status.isOK ? "" : " " + t("over_areas", "\(e.clusters)"))
        guard p < 0.05 else { return t("verdict.no_evidence", evidence) }
        return d > 0 ? t("verdict.rose_more", evidence) : t("verdict.fell_more", evidence)
    }

    /// The placebo p-value and the areas that make up the synthetic control when the pre-period fit holds; otherwise
    /// why the gap is not to be read (a poor pre-period fit, too few periods or areas).
    func detail(_ e: SyntheticControlEstimate) -> String {
        guard e.status.isOK else {
            return e.status.code == "poor_pre_fit" ? text("synthetic.poor_fit") : text.why((e.status.code, ""))
        }
        let weights = e.weights.prefix(3).map { "\(place($0.area)) \(Int(($0.weight * 100).rounded()))%" }
            .joined(separator: ", ")
        let p = e.pValue.map { text("synthetic.placebo", text.p($0), "\(e.placeboAreas)") + "; " } ?? ""
        return p + weights + (e.weights.count > 3 ? ", …" : "")
    }

    /// The report's content; `charts` are the SVGs of the series it draws in full, by series key.
    package func model(charts chartByKey: [String: String]) -> ReportModel {
        var m = ReportModel(pipeline: plan.pipeline, generated: generated, version: version)
        m.goals = goalTiles()
        m.summary = summary()
        m.profile = LearningCityProfile(evaluation)
        m.frameworkProfiles = frameworks.compactMap { framework in
            let rows = FrameworkProfile.rows(evaluation, framework)
            return rows.isEmpty ? nil : (framework, rows)
        }
        m.front = front
        m.text = text
        // The comparison areas' series by indicator and disaggregation, grouped once for every card.
        let comparison = Set(plan.settings.comparison)
        var peerOutcomes: [String: [ImpactEvaluation.SeriesOutcome]] = [:]
        for o in evaluation.outcomes where comparison.contains(o.series.area) {
            peerOutcomes["\(o.series.indicator)|\(o.series.disaggregation)", default: []].append(o)
        }
        for action in plan.actions {
            var results: [ReportModel.ActionResult] = []
            for outcome in scope.shown {
                guard let item = outcome.perAction.first(where: { $0.action.id == action.id }) else { continue }
                let s = outcome.series
                let ba = item.evaluation.beforeAfter
                let did = difference(action: action, s)
                let peers = (peerOutcomes["\(s.indicator)|\(s.disaggregation)"] ?? [])
                    .compactMap { $0.perAction.first { $0.action.id == action.id }?.evaluation.beforeAfter?.difference }
                var result = ReportModel.ActionResult(
                    indicator: subject(s), area: place(s.area), areaCode: s.area, unit: s.unit,
                    sentence: sentence(s, action: action, ba: ba, peers: peers)
                        + (did.map { " " + Self.verdict($0.estimate, text) } ?? ""),
                    difference: ba?.difference,
                    ciLow: ba?.ciLow,
                    ciHigh: ba?.ciHigh, pValue: ba?.pValue, levelChange: item.evaluation.its?.levelChange,
                    slopeChange: item.evaluation.its?.slopeChange, did: did?.estimate.estimateTWFE,
                    didDetail: did.map { Self.detail($0.estimate, text) },
                    synthetic: did?.synthetic.status.isOK == true ? did?.synthetic.estimate : nil,
                    syntheticDetail: did.map { detail($0.synthetic) },
                    chart: chartByKey[key(s)])
                result.metadata = outcome.record?.metadata ?? IndicatorMetadata()
                result.relativeChange = ba?.relativeChange
                if let e = did?.estimate, let p = e.placeboEstimate, let start = e.placeboStart, p.isFinite {
                    result.placebo = (p, start)
                }
                results.append(result)
            }
            m.actions.append(.init(id: action.id, title: action.title, start: action.start.label, results: results))
        }
        let chosen = plan.settings.progress
        for o in evaluation.treatedOutcomes where scope.isShown(o.series) {
            let e = o.overall.progress.eurostat
            let latest = o.series.readPoints().last { $0.value != nil }
            m.progress.append(
                .init(
                    indicator: subject(o.series), area: place(o.series.area), areaCode: o.series.area,
                    unit: o.series.unit, latest: latest?.value,
                    latestPeriod: latest?.period.label, target: o.record?.targetValue, targetYear: o.record?.targetYear,
                    actualGrowth: e.cagr, requiredGrowth: e.requiredCagr,
                    eurostat: chosen.contains(.eurostat) ? e.progressClass : nil,
                    openSDG: chosen.contains(.opensdg) ? o.overall.progress.openSDG.status : nil))
        }
        m.gaps = gaps()
        let responsibilities = accountabilityRows()
        m.accountability = responsibilities.shown
        m.overflow = overflow(treated: evaluation.treatedPositions)
        m.overflow?.accountabilityRows = responsibilities.omitted
        m.metadata = plan.records.filter { !$0.metadata.isEmpty }.map { ($0.displayName, $0.metadata) }
        m.sources = sources
        m.tables = tableFiles
        m.maps = geography.flatMap(mapSection)
        return m
    }

    /// "Adult learning rate in Riverton rose by 6.92 percentage points (95% CI 4.89 to 8.95) after the Lifelong
    /// Learning Festival began in 2017; in the comparison areas it rose by 2.57 on average." The direction is said
    /// only when the interval excludes zero ("no clear change (95% CI −0.37 to 0.47)" otherwise, and "rose by …, no
    /// interval: …" when there is none), and a change in a rate given in percent is in percentage points.
    func sentence(_ s: LocalizedSeries, action: LocalAction, ba: BeforeAfterEstimate?, peers: [Double]) -> String {
        let t = text
        guard let ba, let d = ba.difference else {
            return t("sentence.too_few", subject(s), place(s.area), action.title)
        }
        let unit = Self.changeUnit(s.unit, t).map { " " + $0 } ?? ""
        let amount = t.number(abs(d)) + unit
        var out: String
        if let low = ba.ciLow, let high = ba.ciHigh, low.isFinite, high.isFinite {
            let interval = t("ci", t.number(low), t.number(high))
            if low > 0 || high < 0 {
                out = t(d >= 0 ? "sentence.rose" : "sentence.fell", subject(s), place(s.area), amount, interval)
            } else {
                out = t("sentence.no_clear_change", subject(s), place(s.area), interval + unit)
            }
        } else {
            let why = ba.status.isOK ? "" : ": " + t.why((ba.status.code, ba.status.reason))
            out = t(
                d >= 0 ? "sentence.rose" : "sentence.fell", subject(s), place(s.area), amount, t("no_interval") + why)
        }
        out += " " + t("sentence.after", action.title, action.start.label)
        if !peers.isEmpty {
            let mean = peers.reduce(0, +) / Double(peers.count)
            out += t(
                mean >= 0 ? "sentence.peers_rose" : "sentence.peers_fell", t.number(abs(mean)) + unit)
        }
        return out + "."
    }

    /// The unit of a change: a difference of two rates in percent is in percentage points, not percent (a rise
    /// from 10% to 12% is 2 percentage points, or 20 percent).
    static func changeUnit(_ unit: String?, _ t: ReportText = .en) -> String? {
        guard let unit, !unit.isEmpty else { return nil }
        let u = unit.lowercased().trimmingCharacters(in: .whitespaces)
        let percent: Set<String> = [
            "percent", "per cent", "%", "pc", "pt", "percentage", "percentage (%)", "percent (%)", "pourcentage",
            "porcentaje",
        ]
        if percent.contains(u) || u.hasSuffix("(%)") || u.hasPrefix("percentage of") || u.hasPrefix("percent of") {
            return t("percentage_points")
        }
        return unit
    }

    func goalTiles() -> [ReportModel.GoalTile] {
        (1...17).map { goal in
            let records = plan.records.filter { $0.indicator.sdg.contains { $0.goal == goal } }
            let ids = Set(records.map(\.indicator.id))
            // Tiles are coloured by the Open SDG score: without that assessment chosen, a goal is not assessed.
            let status = Self.tileStatus(
                evaluation.treatedOutcomes(of: ids), hasIndicators: !records.isEmpty,
                assessed: plan.settings.progress.contains(.opensdg))
            return .init(goal: goal, name: SDGGoal.shortNames[goal]!, localIndicators: records.count, status: status)
        }
    }

    func gaps() -> [ReportModel.GoalGap] {
        let covered = Set(plan.records.flatMap { $0.indicator.sdg.compactMap(\.targetCode) })
        return (1...17).map { goal in
            let targets = SDGCatalogue.builtIn.targets(ofGoal: goal)
            let missing = targets.filter { !covered.contains($0.code) }
            return .init(
                goal: goal, name: SDGGoal.shortNames[goal]!, covered: targets.count - missing.count,
                total: targets.count,
                missing: missing.map { target in
                    if let title = labels.sdgTitle(target.code.description) {
                        return (target.code.description, title, labels.sdgLanguage ?? text.language.rawValue)
                    }
                    return (target.code.description, target.label, "en")
                })
        }
    }

    /// The accountability rows of the series the report draws (and those without a series), and how many rows of
    /// summarised series it leaves to `accountability.csv`.
    func accountabilityRows() -> (shown: [ReportModel.Responsibility], omitted: Int) {
        let table = LocalizationTables.accountability(plan, evaluation.summaries, labels: labels, text: text)
        func cell(_ row: [Table.Cell], _ column: String) -> String? {
            guard case .text(let t) = row[table.columns.firstIndex(of: column)!] else { return nil }
            return t
        }
        var shown: [ReportModel.Responsibility] = []
        var omitted = 0
        for row in table.rows {
            let indicator = cell(row, "indicator") ?? ""
            let area = cell(row, "area")
            if let area, !scope.shownKeys.contains("\(indicator)|\(area)|\(cell(row, "disaggregation") ?? "")") {
                omitted += 1
                continue
            }
            shown.append(
                .init(
                    name: cell(row, "name") ?? "", role: cell(row, "role") ?? "", indicator: indicator,
                    area: area.map { place($0) }, status: cell(row, "opensdg_status"),
                    results: cell(row, "results") ?? ""))
        }
        return (shown, omitted)
    }
}
