import SDGCore
import SDGEvaluate
import SDGLocalize

/// The pages of the Voluntary Local Review pack (`vlr/`, beside its annex): `index.html` with the goals covered, the
/// headline table and the progress classes by goal, and one page per goal with data: its targets and their local
/// indicators (headline value and year, progress class, the chart with its target line, the breakdowns), the local
/// actions and their estimated effects, and the targets without local data. Every value names its source and
/// extraction date. Self-contained pages in the report's style and language, no JavaScript.
extension ReportAssembler {
    /// `edition`: the review's `report.edition`, whose changes since the previous one `vlr/changes.html` shows.
    package func vlrPages(sources: [VLRAnnex.Source], edition: String? = nil) -> [(name: String, html: String)] {
        let t = text
        let e = TrendChart.escape
        let byIndicator = OpenSDGRepository.outcomesByIndicator(evaluation)
        let records = plan.records.filter { byIndicator[$0.indicator.id] != nil }
        let bySource = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let goals = Set(records.flatMap { $0.indicator.sdg.map(\.goal) }).sorted()
        let catalogue = SDGCatalogue.builtIn
        let assessed = plan.settings.progress.contains(.opensdg)
        func goalName(_ goal: Int) -> String { "\(goal). " + t("goal.\(goal)") }
        func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + Format.short(x) }
        func headline(_ id: String) -> ImpactEvaluation.SeriesOutcome? {
            let outcomes = byIndicator[id] ?? []
            return outcomes.first { Labels.isTotal($0.series.disaggregation) } ?? outcomes.first
        }
        func latest(_ o: ImpactEvaluation.SeriesOutcome) -> LocalizedSeries.Point? {
            o.series.readPoints().last { $0.value?.isFinite == true }
        }
        func source(_ record: CrosswalkRecord) -> String {
            guard let s = bySource[record.indicator.source] else { return e(record.indicator.source) }
            return e(s.name) + (s.extracted.isEmpty ? "" : " (\(e(t("vlr.extracted", s.extracted))))")
        }
        let html = VLRHTML(text: t, front: front)

        // The index: goals covered with their classes, then the headline table.
        var goalRows = ""
        for goal in goals {
            let linked = records.filter { $0.indicator.sdg.contains { $0.goal == goal } }
            let outcomes = linked.flatMap { byIndicator[$0.indicator.id] ?? [] }
            let counts = ProgressCounts(outcomes, assessed: assessed)
            goalRows += html.row(
                [
                    "<a href=\"goal-\(goal).html\">\(e(goalName(goal)))</a>", "\(linked.count)", "\(counts.onTrack)",
                    "\(counts.moderate)", "\(counts.offTrack)", "\(counts.notAssessed)",
                ], numeric: [1, 2, 3, 4, 5])
        }
        var headlineRows = ""
        for record in records {
            guard let o = headline(record.indicator.id) else { continue }
            let point = latest(o)
            headlineRows += html.row([
                e(record.displayName), e(record.indicator.sdg.map(\.description).joined(separator: ", ")),
                point.flatMap { $0.value.map { e(Format.short($0)) + (o.series.unit.map { " " + e($0) } ?? "") } }
                    ?? "",
                e(point?.period.label ?? ""), e(t.status(o.overall.progress.openSDG.status)), source(record),
            ])
        }
        let annex = [
            "statistical-annex.csv", "indicators.csv", "progress.csv", "crosswalk.csv", "data-gaps.csv",
        ].map { "<li><a href=\"\($0)\">\($0)</a></li>" }.joined()
        var more = ""
        if edition != nil { more += "<li><a href=\"changes.html\">\(e(t("vlr.changes.link")))</a></li>" }
        if plan.records.contains(where: { !$0.kflc.isEmpty }) {
            more += "<li><a href=\"gnlc/index.html\">\(e(t("gnlc.link")))</a></li>"
        }
        if !more.isEmpty { more = "<ul>\(more)</ul>\n" }
        let index = html.page(
            t("vlr.title"),
            "<p>\(e(t("vlr.intro", "\(goals.count)", "\(records.count)")))</p>\n<h2>\(e(t("vlr.goals")))</h2>\n"
                + html.table(
                    [
                        t("col.goal"), t("col.local_indicators"), t("col.on_track"), t("col.moderate"),
                        t("col.off_track"),
                        t("col.not_assessed"),
                    ], goalRows, numeric: [1, 2, 3, 4, 5])
                + "<h2>\(e(t("vlr.headline")))</h2>\n"
                + html.table(
                    [t("col.indicator"), "SDG", t("col.latest"), t("vlr.year"), t("col.opensdg"), t("col.source")],
                    headlineRows)
                + "<h2>\(e(t("vlr.annex")))</h2>\n<ul>\(annex)</ul>\n" + more)
        var pages: [(String, String)] = [("vlr/index.html", index)]

        // One page per goal with data.
        var chartNumber = 0
        for goal in goals {
            var body = "<p><a href=\"index.html\">\(e(t("vlr.back")))</a></p>\n<h2>\(e(t("vlr.targets")))</h2>\n"
            let linked = records.filter { $0.indicator.sdg.contains { $0.goal == goal } }
            let targets = Set(linked.flatMap { $0.indicator.sdg.filter { $0.goal == goal }.compactMap(\.targetCode) })
            for target in targets.sorted(by: { $0.description < $1.description }) {
                body += "<h3>\(e(target.description)) \(e(catalogue.label(target) ?? ""))</h3>\n"
                for record in linked where record.indicator.sdg.contains(where: { $0.targetCode == target }) {
                    let outcomes = byIndicator[record.indicator.id] ?? []
                    guard let o = headline(record.indicator.id) else { continue }
                    let point = latest(o)
                    chartNumber += 1
                    body += "<h4>\(e(record.displayName))</h4>\n<p>"
                    if let point, let v = point.value {
                        body +=
                            e(
                                t(
                                    "vlr.value", Format.short(v) + (o.series.unit.map { " " + $0 } ?? ""),
                                    point.period.label))
                            + " · "
                    }
                    body += e(t.status(o.overall.progress.openSDG.status)) + " · " + source(record) + "</p>\n"
                    body +=
                        "<figure class=\"chart-wrap\">" + chart(o, peers: []).svg(id: "vlr-chart-\(chartNumber)")
                        + "</figure>\n"
                    // The other series of the indicator (breakdowns, other treated areas), at most 50 on a page: a
                    // national file's indicator has thousands; the annex lists every value.
                    let breakdowns = outcomes.filter {
                        $0.series.disaggregation != o.series.disaggregation || $0.series.area != o.series.area
                    }
                    if !breakdowns.isEmpty {
                        let rows = breakdowns.prefix(50).map { b -> String in
                            let p = latest(b)
                            return html.row([
                                e(breakdown(b.series.disaggregation)), e(place(b.series.area)),
                                p.flatMap { $0.value.map { e(Format.short($0)) } } ?? "", e(p?.period.label ?? ""),
                            ])
                        }.joined()
                        body += html.table([t("col.series"), t("col.area"), t("col.latest"), t("vlr.year")], rows)
                        if breakdowns.count > 50 { body += "<p>\(e(t("vlr.more", "\(breakdowns.count - 50)")))</p>\n" }
                    }
                    let effects = outcomes.prefix(50).flatMap { oc in oc.perAction.map { (oc, $0) } }
                    if !effects.isEmpty {
                        let rows = effects.map { oc, item -> String in
                            let ba = item.evaluation.beforeAfter
                            let did = evaluation.differences.first {
                                $0.action.id == item.action.id && $0.series.indicator == oc.series.indicator
                                    && $0.series.area == oc.series.area
                                    && $0.series.disaggregation == oc.series.disaggregation
                            }
                            return html.row([
                                e(item.action.title), e(place(oc.series.area)),
                                ba?.difference.map { e(signed($0)) } ?? "",
                                did.flatMap { d in
                                    d.estimate.status.isOK ? d.estimate.estimateTWFE.map { e(signed($0)) } : nil
                                } ?? e(did?.estimate.status.code ?? ""),
                            ])
                        }.joined()
                        body +=
                            "<h5>\(e(t("vlr.actions")))</h5>\n"
                            + html.table([t("col.actions"), t("col.area"), t("col.before_after"), t("col.did")], rows)
                    }
                }
            }
            let gaps = catalogue.targets(ofGoal: goal).filter { !targets.contains($0.code) }
            body +=
                "<h2>\(e(t("vlr.gaps")))</h2>\n<ul>"
                + gaps.map { "<li>\(e($0.code.description)) \(e($0.label))</li>" }.joined() + "</ul>\n"
            pages.append(("vlr/goal-\(goal).html", html.page(t("vlr.title") + " — " + goalName(goal), body)))
        }
        return pages
    }
}
