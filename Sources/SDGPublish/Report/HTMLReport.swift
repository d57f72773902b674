import SDGLocalize

/// `report.html`: one self-contained page a city officer can read — at a glance, overview by SDG goal, each action's
/// results with its chart and a plain sentence, progress to 2030, the localization gap, the learning-city profile,
/// accountability, and methods and data. Every fixed string comes from the report's language catalogue
/// (`ReportText`). Semantic headings and tables, status names printed next to every colour, a print stylesheet,
/// phone widths.
package enum HTMLReport {
    package static func render(_ m: ReportModel) -> String {
        let t = m.text
        var h = """
            <!DOCTYPE html>
            <html lang="\(t.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title(m)))</title>
            <style>\(ReportStyle.css)</style>
            </head>
            <body>
            <header>
            \(m.front.logo.map { "<img class=\"logo\" src=\"\(e($0))\" alt=\"\(e(m.front.city ?? ""))\">" } ?? "")
            <h1>\(e(title(m)))</h1>
            \(frontLine(m))<p class="meta">\(t("meta.generated", "<time datetime=\"\(e(m.generated))\">\(e(t.date(m.generated)))</time>", e(m.version)))</p>
            <nav aria-label="\(e(t("nav.label")))"><ul>
            <li><a href="#summary">\(t("nav.summary"))</a></li><li><a href="#overview">\(t("nav.overview"))</a></li><li><a href="#actions">\(t("nav.actions"))</a></li>
            <li><a href="#progress">\(t("nav.progress"))</a></li><li><a href="#gap">\(t("nav.gap"))</a></li>
            <li><a href="#learning-city">\(t("nav.profile"))</a></li><li><a href="#accountability">\(t("nav.accountability"))</a></li><li><a href="#methods">\(t("nav.methods"))</a></li>
            </ul></nav>
            </header>
            <main>

            """
        h +=
            summary(m) + overview(m) + actions(m) + progress(m) + gaps(m)
            + LearningCityView.section(m.profile, frameworks: m.frameworkProfiles, number: 5, text: t)
            + accountability(m) + methods(m)
        h +=
            "</main>\n<footer>\(t("footer", e(m.version), m.tables.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: ", ")))</footer>\n</body>\n</html>\n"
        return h
    }

    static func e(_ s: String) -> String { TrendChart.escape(s) }

    static func title(_ m: ReportModel) -> String {
        m.front.title ?? m.text("title.default", m.front.city ?? m.pipeline)
    }

    /// "Riverton · 2010–2023" under the title, when the pipeline names them.
    static func frontLine(_ m: ReportModel) -> String {
        let parts = [m.front.title == nil ? nil : m.front.city, m.front.period].compactMap { $0 }
        return parts.isEmpty ? "" : "<p class=\"front\">\(parts.map(e).joined(separator: " · "))</p>\n"
    }

    /// An area by its name, with the data's code on hover when the two differ.
    static func place(_ name: String, _ code: String) -> String {
        name == code ? e(name) : "<span title=\"\(e(code))\">\(e(name))</span>"
    }

    static func badge(_ status: String?, _ t: ReportText) -> String {
        guard let status else { return "–" }
        let style = ReportStyle.statuses[status] ?? ("#d5d8dc", "#222", status)
        return
            "<span class=\"badge\" style=\"background:\(style.background);color:\(style.text)\">\(e(t.status(status)))</span>"
    }

    static func number(_ x: Double?, unit: String? = nil, _ t: ReportText) -> String {
        guard let x else { return "–" }
        return t.number(x) + (unit.map { " " + e($0) } ?? "")
    }

    /// An estimate with what to print beside it; without an estimate, only that (the reason there is none).
    static func withDetail(_ x: Double?, _ detail: String?, _ t: ReportText) -> String {
        let note = detail.flatMap { $0.isEmpty ? nil : $0 }
        guard let x else { return note ?? "–" }
        return t.number(x) + (note.map { " (\($0))" } ?? "")
    }

    static func overview(_ m: ReportModel) -> String {
        let t = m.text
        var h =
            "<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">1. \(t("h.overview"))</h2>\n"
        h += "<p>\(t("overview.intro"))</p>\n<ul class=\"tiles\">\n"
        for g in m.goals {
            let style = ReportStyle.statuses[g.status] ?? ("#d5d8dc", "#222", g.status)
            h +=
                "<li class=\"tile\" data-goal=\"\(g.goal)\" style=\"background:\(style.background);color:\(style.text)\"><span class=\"goal\">\(g.goal)</span>"
            let count = g.localIndicators == 0 ? "" : "<br>" + t.count(g.localIndicators, "n.local_indicators")
            h +=
                "<span class=\"name\">\(e(t("goal.\(g.goal)")))</span><span class=\"status\">\(e(t.status(g.status)))\(count)</span></li>\n"
        }
        return h + "</ul></section>\n"
    }

    static func actions(_ m: ReportModel) -> String {
        let t = m.text
        var h =
            "<section id=\"actions\" aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">2. \(t("h.actions"))</h2>\n"
        h += overflowIntro(m)
        for action in m.actions {
            h += "<h3 id=\"action-\(e(action.id))\">\(e(t("action.heading", action.title, action.start)))</h3>\n"
            if action.results.isEmpty { h += "<p>\(t("action.none"))</p>\n" }
            for r in action.results {
                h +=
                    "<article class=\"card\"><p class=\"sentence\">\(e(r.sentence))</p>\n<div class=\"scroll\"><table><caption>\(e(r.indicator)), \(place(r.area, r.areaCode))</caption>"
                let heads = [
                    "col.before_after", "col.relative", "col.ci", "col.p", "col.its_level", "col.its_slope", "col.did",
                    "col.synthetic",
                ]
                h +=
                    "<thead><tr>" + heads.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead>"
                let interval = r.ciLow.map { t("range", t.number($0), t.number(r.ciHigh!)) } ?? "–"
                h +=
                    "<tbody><tr><td class=\"num\">\(number(r.difference, unit: ReportAssembler.changeUnit(r.unit, t), t))</td><td class=\"num\">\(r.relativeChange.map { ($0 >= 0 ? "+" : "") + t.percent($0) } ?? "–")</td><td class=\"num\">\(e(interval))</td>"
                h +=
                    "<td class=\"num\">\(e(r.pValue.map(t.p) ?? "–"))</td><td class=\"num\">\(number(r.levelChange, t))</td><td class=\"num\">\(number(r.slopeChange, t))</td>"
                h +=
                    "<td class=\"num\">\(e(r.did.map { t.number($0) + (r.didDetail.map { $0.isEmpty ? "" : " (\($0))" } ?? "") } ?? "–"))\(r.placebo.map { "<br><small>\(e(t("did.placebo", t.number($0.estimate), "\(Int($0.start))")))</small>" } ?? "")</td>"
                h +=
                    "<td class=\"num\">\(e(Self.withDetail(r.synthetic, r.syntheticDetail, t)))</td></tr></tbody></table></div>\n"
                if let chart = r.chart { h += "<figure class=\"chart-wrap\">\(chart)</figure>\n" }
                h += metadataNote(r.metadata, t)
                h += "</article>\n"
            }
            h += overflowResults(m, action: action.id)
        }
        return h + overflowAreas(m) + "</section>\n"
    }

    /// "Definition: … · Source: … · Last updated: … · More about this indicator", under a card's chart.
    static func metadataNote(_ md: IndicatorMetadata, _ t: ReportText) -> String {
        var parts: [String] = []
        if let d = md.definition { parts.append("<strong>\(t("meta.definition"))</strong> \(e(d))") }
        if let s = md.source { parts.append("<strong>\(t("meta.source"))</strong> \(e(s))") }
        if let u = md.lastUpdated { parts.append("<strong>\(t("meta.last_updated"))</strong> \(e(u))") }
        if let l = md.link { parts.append("<a href=\"\(e(l))\">\(t("meta.link"))</a>") }
        return parts.isEmpty ? "" : "<p class=\"meta-note\">\(parts.joined(separator: " · "))</p>\n"
    }

    static func progress(_ m: ReportModel) -> String {
        let t = m.text
        var h =
            "<section id=\"progress\" aria-labelledby=\"progress-h\"><h2 id=\"progress-h\">3. \(t("h.progress"))</h2>\n<div class=\"scroll\"><table>"
        h += "<caption>\(t("progress.caption"))</caption>"
        let heads = [
            "col.indicator", "col.area", "col.latest", "col.target", "col.actual_growth", "col.required_growth",
            "col.eurostat", "col.opensdg",
        ]
        h += "<thead><tr>" + heads.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for r in m.progress {
            h +=
                "<tr><td>\(e(r.indicator))</td><td>\(place(r.area, r.areaCode))</td><td class=\"num\">\(number(r.latest, unit: r.unit, t))\(r.latestPeriod.map { " (\(e($0)))" } ?? "")</td>"
            h +=
                "<td class=\"num\">\(e(r.target.map { t("target.by", t.number($0), "\(r.targetYear ?? 2030)") } ?? t("target.none")))</td>"
            h +=
                "<td class=\"num\">\(r.actualGrowth.map(t.percent) ?? "–")</td><td class=\"num\">\(r.requiredGrowth.map(t.percent) ?? "–")</td>"
            h += "<td>\(e(r.eurostat.map(t.eurostat) ?? "–"))</td><td>\(badge(r.openSDG, t))</td></tr>\n"
        }
        return h + "</tbody></table></div>\n" + overflowProgress(m) + maps(m) + "</section>\n"
    }
}
