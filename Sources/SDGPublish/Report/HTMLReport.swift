/// `report.html`: one self-contained page a city officer can read — overview by SDG goal, each action's results with
/// its chart and a plain sentence, progress to 2030, the localization gap, accountability, and methods and data.
/// Semantic headings and tables, status names printed next to every colour, a print stylesheet, phone widths.
package enum HTMLReport {
    package static func render(_ m: ReportModel) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en">
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
            \(frontLine(m))<p class="meta">Generated \(e(m.generated)) by sdgpipe \(e(m.version)).</p>
            <nav aria-label="Sections"><ul>
            <li><a href="#summary">At a glance</a></li><li><a href="#overview">Overview by goal</a></li><li><a href="#actions">Actions</a></li>
            <li><a href="#progress">Progress to 2030</a></li><li><a href="#gap">Coverage gap</a></li>
            <li><a href="#learning-city">Learning-city profile</a></li><li><a href="#accountability">Accountability</a></li><li><a href="#methods">Methods and data</a></li>
            </ul></nav>
            </header>
            <main>

            """
        h +=
            summary(m) + overview(m) + actions(m) + progress(m) + gaps(m)
            + LearningCityView.section(m.profile, number: 5) + accountability(m)
            + methods(m)
        h +=
            "</main>\n<footer>sdgpipe \(e(m.version)) · tables next to this file: \(m.tables.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: ", "))</footer>\n</body>\n</html>\n"
        return h
    }

    static func e(_ s: String) -> String { TrendChart.escape(s) }

    static func title(_ m: ReportModel) -> String {
        m.front.title ?? "\(m.front.city ?? m.pipeline): SDG localization and impact report"
    }

    /// "Riverton · 2010–2023" under the title, when the pipeline names them.
    static func frontLine(_ m: ReportModel) -> String {
        let parts = [m.front.title == nil ? nil : m.front.city, m.front.period].compactMap { $0 }
        return parts.isEmpty ? "" : "<p class=\"front\">\(parts.map(e).joined(separator: " · "))</p>\n"
    }

    /// "At a glance": each action's results, the goals on and off track, the data gaps.
    static func summary(_ m: ReportModel) -> String {
        let s = m.summary
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var h =
            "<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">At a glance</h2>\n<ul class=\"glance\">\n"
        for a in s.actions {
            var text = "<li><strong>\(e(a.title))</strong> (from \(e(a.start))): "
            guard a.results > 0 else {
                h += text + "no evaluated indicator in the treated areas.</li>\n"
                continue
            }
            text +=
                "of \(count(a.results, "result", "results")) in the treated areas, \(a.improved) improved clearly, "
                + "\(a.worsened) worsened clearly, \(a.unclear) showed no clear change"
                + (a.notEstimated > 0 ? ", \(a.notEstimated) had too few values to compare" : "") + ". "
            let compared = a.better + a.worse + a.noEvidence + a.differed
            if compared + a.notCompared > 0 {
                text +=
                    "Against the comparison areas: \(a.better) better, \(a.worse) worse, "
                    + "\(a.noEvidence) no evidence of a difference"
                    + (a.differed > 0 ? ", \(a.differed) different (no desired direction)" : "")
                    + (a.notCompared > 0 ? ", \(a.notCompared) not possible" : "") + "."
            }
            h += text + "</li>\n"
        }
        h +=
            "<li>\(s.targetsCovered) of \(s.targetsTotal) SDG targets have a local indicator"
            + (s.seriesWithoutTrend > 0
                ? "; \(s.seriesWithoutTrend) of \(count(s.treatedSeries, "series", "series")) in the treated areas had too few values for a trend"
                : "")
            + "; \(count(s.rejected, "record", "records")) of \(s.records) rejected"
            + (s.rejected > 0 ? " (<a href=\"rejects.csv\">rejects.csv</a>)" : "") + ".</li>\n</ul>\n"
        if !s.goals.isEmpty {
            h +=
                "<div class=\"scroll\"><table><caption>Series of the treated areas by goal and progress class (Open SDG)</caption><thead><tr><th scope=\"col\">Goal</th><th scope=\"col\" class=\"num\">On track</th><th scope=\"col\" class=\"num\">Moderate</th><th scope=\"col\" class=\"num\">Off track</th><th scope=\"col\" class=\"num\">Not assessed</th></tr></thead><tbody>\n"
            for g in s.goals {
                h +=
                    "<tr><td>\(g.goal). \(e(g.name))</td><td class=\"num\">\(g.onTrack)</td><td class=\"num\">\(g.moderate)</td><td class=\"num\">\(g.offTrack)</td><td class=\"num\">\(g.notAssessed)</td></tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        return h + "</section>\n"
    }

    /// An area by its name, with the data's code on hover when the two differ.
    static func place(_ name: String, _ code: String) -> String {
        name == code ? e(name) : "<span title=\"\(e(code))\">\(e(name))</span>"
    }

    static func badge(_ status: String?) -> String {
        guard let status else { return "–" }
        let style = ReportStyle.statuses[status] ?? ("#d5d8dc", "#222", status)
        return
            "<span class=\"badge\" style=\"background:\(style.background);color:\(style.text)\">\(e(ReportStyle.label(status)))</span>"
    }

    static func number(_ x: Double?, unit: String? = nil) -> String {
        guard let x else { return "–" }
        return Format.short(x) + (unit.map { " " + e($0) } ?? "")
    }

    /// An estimate with what to print beside it; without an estimate, only that (the reason there is none).
    static func withDetail(_ x: Double?, _ detail: String?) -> String {
        let note = detail.flatMap { $0.isEmpty ? nil : $0 }
        guard let x else { return note ?? "–" }
        return Format.short(x) + (note.map { " (\($0))" } ?? "")
    }

    static func overview(_ m: ReportModel) -> String {
        var h =
            "<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">1. Overview by SDG goal</h2>\n"
        h +=
            "<p>Each tile is a goal, coloured by the progress of the city's local indicators linked to it (the mean Open SDG score of the treated areas); the status is written on the tile.</p>\n<ul class=\"tiles\">\n"
        for g in m.goals {
            let style = ReportStyle.statuses[g.status] ?? ("#d5d8dc", "#222", g.status)
            h +=
                "<li class=\"tile\" data-goal=\"\(g.goal)\" style=\"background:\(style.background);color:\(style.text)\"><span class=\"goal\">\(g.goal)</span>"
            let count =
                g.localIndicators == 0
                ? "" : "<br>\(g.localIndicators) local indicator\(g.localIndicators == 1 ? "" : "s")"
            h +=
                "<span class=\"name\">\(e(g.name))</span><span class=\"status\">\(e(style.label))\(count)</span></li>\n"
        }
        return h + "</ul></section>\n"
    }

    static func actions(_ m: ReportModel) -> String {
        var h =
            "<section id=\"actions\" aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">2. What changed after each action</h2>\n"
        for action in m.actions {
            h += "<h3 id=\"action-\(e(action.id))\">\(e(action.title)) (from \(e(action.start)))</h3>\n"
            if action.results.isEmpty { h += "<p>No evaluated series for this action.</p>\n" }
            for r in action.results {
                h +=
                    "<article class=\"card\"><p class=\"sentence\">\(e(r.sentence))</p>\n<div class=\"scroll\"><table><caption>\(e(r.indicator)), \(place(r.area, r.areaCode))</caption>"
                h +=
                    "<thead><tr><th scope=\"col\">Before → after</th><th scope=\"col\">95% CI</th><th scope=\"col\">p</th><th scope=\"col\">ITS level change</th><th scope=\"col\">ITS slope change / yr</th><th scope=\"col\">DiD vs comparison areas</th><th scope=\"col\">Synthetic control</th></tr></thead>"
                h +=
                    "<tbody><tr><td class=\"num\">\(number(r.difference, unit: ReportAssembler.changeUnit(r.unit)))</td><td class=\"num\">\(r.ciLow.map { "\(Format.short($0)) to \(Format.short(r.ciHigh!))" } ?? "–")</td>"
                h +=
                    "<td class=\"num\">\(e(r.pValue.map(Format.p) ?? "–"))</td><td class=\"num\">\(number(r.levelChange))</td><td class=\"num\">\(number(r.slopeChange))</td>"
                h +=
                    "<td class=\"num\">\(e(r.did.map { Format.short($0) + (r.didDetail.map { $0.isEmpty ? "" : " (\($0))" } ?? "") } ?? "–"))</td>"
                h +=
                    "<td class=\"num\">\(e(Self.withDetail(r.synthetic, r.syntheticDetail)))</td></tr></tbody></table></div>\n"
                if let chart = r.chart { h += "<figure class=\"chart-wrap\">\(chart)</figure>\n" }
                h += "</article>\n"
            }
        }
        return h + "</section>\n"
    }

    static func progress(_ m: ReportModel) -> String {
        var h =
            "<section id=\"progress\" aria-labelledby=\"progress-h\"><h2 id=\"progress-h\">3. Progress towards 2030</h2>\n<div class=\"scroll\"><table>"
        h +=
            "<caption>Latest value against the target; growth per year actually achieved (last five years) and required from then to reach the target.</caption>"
        h +=
            "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Area</th><th scope=\"col\">Latest</th><th scope=\"col\">Target</th><th scope=\"col\">Actual growth / yr</th><th scope=\"col\">Required growth / yr</th><th scope=\"col\">Eurostat</th><th scope=\"col\">Open SDG</th></tr></thead><tbody>\n"
        for r in m.progress {
            h +=
                "<tr><td>\(e(r.indicator))</td><td>\(place(r.area, r.areaCode))</td><td class=\"num\">\(number(r.latest, unit: r.unit))\(r.latestPeriod.map { " (\(e($0)))" } ?? "")</td>"
            h +=
                "<td class=\"num\">\(r.target.map { "\(Format.short($0)) by \(r.targetYear ?? 2030)" } ?? "none set")</td>"
            h +=
                "<td class=\"num\">\(r.actualGrowth.map(Format.percent) ?? "–")</td><td class=\"num\">\(r.requiredGrowth.map(Format.percent) ?? "–")</td>"
            h +=
                "<td>\(e(r.eurostat?.replacingOccurrences(of: "_", with: " ") ?? "–"))</td><td>\(badge(r.openSDG))</td></tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    static func gaps(_ m: ReportModel) -> String {
        var h = "<section id=\"gap\" aria-labelledby=\"gap-h\"><h2 id=\"gap-h\">4. The localization gap</h2>\n"
        let covered = m.gaps.reduce(0) { $0 + $1.covered }
        let total = m.gaps.reduce(0) { $0 + $1.total }
        h +=
            "<p>\(covered) of \(total) SDG targets have at least one local indicator. The targets without one, by goal:</p>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Goal</th><th scope=\"col\">Covered</th><th scope=\"col\">Targets without a local indicator</th></tr></thead><tbody>\n"
        for g in m.gaps {
            h += "<tr><td>\(g.goal). \(e(g.name))</td><td class=\"num\">\(g.covered) of \(g.total)</td><td>"
            h +=
                g.missing.map { "<abbr title=\"\(e($0.label))\">\(e($0.code))</abbr>" }.joined(separator: ", ")
                + "</td></tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    static func accountability(_ m: ReportModel) -> String {
        var h = "<section id=\"accountability\" aria-labelledby=\"acc-h\"><h2 id=\"acc-h\">6. Accountability</h2>\n"
        for name in uniqueNames(m.accountability) {
            h +=
                "<h3>\(e(name))</h3>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">Indicator</th><th scope=\"col\">Area</th><th scope=\"col\">Status</th><th scope=\"col\">Results</th></tr></thead><tbody>\n"
            for r in m.accountability where r.name == name {
                h +=
                    "<tr><td>\(e(r.role))</td><td>\(e(r.indicator))</td><td>\(e(r.area ?? "–"))</td><td>\(badge(r.status))</td><td>\(e(r.results))</td></tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        return h + "</section>\n"
    }

    static func uniqueNames(_ rows: [ReportModel.Responsibility]) -> [String] {
        var seen = Set<String>()
        return rows.map(\.name).filter { seen.insert($0).inserted }
    }

    static func methods(_ m: ReportModel) -> String {
        var h =
            "<section id=\"methods\" aria-labelledby=\"methods-h\"><h2 id=\"methods-h\">7. Methods and data</h2>\n<div class=\"scroll\"><table><caption>Sources read in this run</caption>"
        h +=
            "<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">File</th><th scope=\"col\">Records</th><th scope=\"col\">Rejected</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n"
        for s in m.sources {
            h +=
                "<tr><td>\(e(s.name))</td><td>\(e(s.path))</td><td class=\"num\">\(s.records)</td><td class=\"num\">\(s.rejected)</td><td><code>\(e(s.sha256))</code></td></tr>\n"
        }
        let rejected = m.sources.reduce(0) { $0 + $1.rejected }
        h +=
            "</tbody></table></div>\n<p>\(rejected) record\(rejected == 1 ? " was" : "s were") rejected; each is listed with its file, line and reason in <a href=\"rejects.csv\">rejects.csv</a>.</p>\n"
        h += """
            <ul>
            <li>Before/after: difference of means around the action's start, Welch's t-test with Welch–Satterthwaite degrees of freedom and its 95% confidence interval (Welch 1947); Hedges' g (Hedges 1981).</li>
            <li>Trends: ordinary least squares on real time; Mann–Kendall test (Mann 1945; Kendall 1975); Sen's slope with its confidence interval (Sen 1968).</li>
            <li>Interrupted time series: segmented regression with level and slope change at the start (Wagner et al. 2002), Newey–West standard errors (Newey &amp; West 1987).</li>
            <li>Difference-in-differences against the comparison areas: 2×2 of cell means and two-way fixed effects with area-clustered standard errors, and a placebo start before the action. With fewer than 10 areas the clustered p-value is unreliable: the table prints instead the exact randomization p-value, the action moved to each area in turn (its smallest value is 1 ÷ the number of areas).</li>
            <li>Progress: compound annual growth; Eurostat's classes (Sustainable development in the EU, methodological annex); the Open SDG / Statistics Canada progress measure; an SDSN-style 0–100 score and trend arrow; the OECD distance to the 2030 value.</li>
            </ul>
            </section>

            """
        return h
    }
}

/// Numbers as a report shows them, one rule for every sentence, table and caption: three significant digits below
/// 1,000 ("0.315", "6.92", "43.2", "0.00123"), whole numbers with thousands separators up to a million ("12,345"),
/// then millions and billions ("1.23 million"); no exponent below 10¹², never "-0"; no number for NaN or infinity.
package enum Format {
    package static func short(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let magnitude = abs(x)
        let sign = x < 0 ? "-" : ""
        if magnitude >= 1e12 { return "\(x)" }  // beyond any indicator's scale: as Swift writes it, never a trap
        if magnitude >= 1e9 { return sign + significant(magnitude / 1e9) + " billion" }
        if magnitude >= 1e6 { return sign + significant(magnitude / 1e6) + " million" }
        if magnitude >= 1000 {
            let whole = Int(magnitude.rounded())
            if whole >= 1_000_000 { return sign + "1 million" }
            var digits = String(whole)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return sign + digits + grouped
        }
        let text = significant(magnitude)
        return text == "0" ? "0" : sign + text
    }

    /// A non-negative number below 1,000 to three significant digits, written out in decimals (at most 9, below
    /// which it is 0).
    static func significant(_ magnitude: Double) -> String {
        guard magnitude > 0 else { return "0" }
        var decimals = 0
        var bound = 100.0
        while magnitude < bound, decimals < 9 {
            decimals += 1
            bound /= 10
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var rounded = (magnitude * scale).rounded() / scale
        // 9.996 → 10.0: the rounding reached the next power of ten, which needs one decimal fewer.
        if rounded >= bound * 10, decimals > 0 {
            scale /= 10
            decimals -= 1
            rounded = (magnitude * scale).rounded() / scale
        }
        if rounded == 0 { return "0" }
        if decimals == 0 { return String(Int(rounded)) }
        var text = String(Int(rounded))
        let fraction = Int(((rounded - rounded.rounded(.down)) * scale).rounded())
        var tail = String(fraction)
        tail = String(repeating: "0", count: max(0, decimals - tail.count)) + tail
        while tail.hasSuffix("0") { tail.removeLast() }
        if !tail.isEmpty { text += "." + tail }
        return text
    }

    package static func percent(_ x: Double) -> String { short(x * 100) + "%" }

    package static func p(_ x: Double) -> String { x < 0.001 ? "< 0.001" : short(x) }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
