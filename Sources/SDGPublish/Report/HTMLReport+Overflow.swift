extension HTMLReport {
    /// After an action's cards: the series it does not draw, counted by indicator as "At a glance" counts them.
    static func overflowResults(_ m: ReportModel, action id: String) -> String {
        guard let o = m.overflow, let lines = o.actions.first(where: { $0.id == id })?.lines, !lines.isEmpty else {
            return ""
        }
        let t = m.text
        let heads = [
            "col.indicator", "col.series", "col.improved", "col.worsened", "col.unclear", "col.not_estimated",
            "col.better", "col.worse", "col.no_evidence", "col.not_compared",
        ]
        var h =
            "<div class=\"scroll\"><table class=\"overflow\"><caption>\(e(t("overflow.caption", "\(o.total - o.shown)")))</caption><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\($0.offset > 0 ? " class=\"num\"" : "")>\(t($0.element))</th>"
            }.joined() + "</tr></thead><tbody>\n"
        for line in lines {
            let r = line.results
            let cells = [
                r.results, r.improved, r.worsened, r.unclear, r.notEstimated, r.better, r.worse, r.noEvidence,
                r.notCompared,
            ]
            h +=
                "<tr><td>\(e(line.indicator))</td>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined()
                + "</tr>\n"
        }
        return h + "</tbody></table></div>\n"
    }

    /// Under the actions: how much the report draws, the areas it summarises and the command for one area's report.
    static func overflowAreas(_ m: ReportModel) -> String {
        guard let o = m.overflow else { return "" }
        let t = m.text
        var h = "<h3 id=\"summarised-areas\">\(e(t("overflow.areas", "\(o.areas.count + o.moreAreas)")))</h3>\n"
        if let command = o.areaCommand, let first = o.areas.first {
            h +=
                "<p>\(e(t("overflow.command")))</p>\n<pre><code>\(e(areaCommand(command, first.code)))</code></pre>\n"
        }
        h += "<details><summary>\(e(t("overflow.list")))</summary>\n<ul class=\"areas\">"
        for area in o.areas {
            let name = area.name.contains(area.code) ? e(area.name) : "\(e(area.name)) <code>\(e(area.code))</code>"
            h += "<li>\(name) (\(area.series))</li>"
        }
        h += "</ul>\n"
        if o.moreAreas > 0 { h += "<p>\(e(t("overflow.more_areas", "\(o.moreAreas)")))</p>\n" }
        return h + "</details>\n"
    }

    /// The command for one area: its code as one shell word, and as a file name in the output folder's name.
    static func areaCommand(_ template: String, _ code: String) -> String {
        template.replacingOccurrences(of: "{area_file}", with: ReportAssembler.fileName([code]))
            .replacingOccurrences(of: "{area}", with: shellWord(code))
    }

    /// Text as one POSIX shell word: as it is when it holds only safe characters, else in single quotes.
    package static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@,{}".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Before the action cards: the report draws some of the series; the tables have them all.
    static func overflowIntro(_ m: ReportModel) -> String {
        guard let o = m.overflow else { return "" }
        return
            "<p class=\"overflow-note\">\(e(m.text("overflow.intro", "\(o.shown)", "\(o.total)", "\(o.total - o.shown)")))</p>\n"
    }

    /// Under the progress table: the summarised series by progress class and indicator.
    static func overflowProgress(_ m: ReportModel) -> String {
        guard let o = m.overflow, !o.progress.isEmpty else { return "" }
        let t = m.text
        let heads = [
            "col.indicator", "col.on_track", "col.moderate", "col.off_track", "col.not_assessed", "col.trajectory",
        ]
        var h =
            "<div class=\"scroll\"><table class=\"overflow\"><caption>\(e(t("overflow.progress", "\(o.total - o.shown)")))</caption><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\($0.offset > 0 ? " class=\"num\"" : "")>\(t($0.element))</th>"
            }.joined() + "</tr></thead><tbody>\n"
        for (i, (indicator, c)) in o.progress.enumerated() {
            let spark = i < o.trajectories.count ? sparkline(o.trajectories[i], label: indicator, t) : "–"
            h +=
                "<tr><td>\(e(indicator))</td><td class=\"num\">\(c.onTrack)</td><td class=\"num\">\(c.moderate)</td><td class=\"num\">\(c.offTrack)</td><td class=\"num\">\(c.notAssessed)</td><td>\(spark)</td></tr>\n"
        }
        return h + "</tbody></table></div>\n"
    }

    /// The median of the summarised series as a line over their middle half as a band, 160 × 40, with the first and
    /// last median in words for screen readers.
    static func sparkline(_ points: [ReportModel.Overflow.Spread], label: String, _ t: ReportText) -> String {
        guard let first = points.first, let last = points.last, points.count >= 2 else { return "–" }
        let (width, height) = (160.0, 40.0)
        let low = points.map(\.lower).min()!
        let high = points.map(\.upper).max()!
        let span = max(high - low, 1e-9)
        let (t0, t1) = (first.time, max(last.time, first.time + 1e-9))
        func x(_ time: Double) -> String { TrendChart.coordinate(2 + (time - t0) / (t1 - t0) * (width - 4)) }
        func y(_ v: Double) -> String { TrendChart.coordinate(height - 2 - (v - low) / span * (height - 4)) }
        let band =
            points.map { "\(x($0.time)),\(y($0.upper))" } + points.reversed().map { "\(x($0.time)),\(y($0.lower))" }
        let median = points.map { "\(x($0.time)),\(y($0.median))" }
        let words = t("sparkline.desc", label, t.number(first.median), t.number(last.median))
        return
            "<svg class=\"sparkline\" viewBox=\"0 0 160 40\" width=\"160\" height=\"40\" role=\"img\" aria-label=\"\(e(words))\"><title>\(e(words))</title>"
            + "<polygon points=\"\(band.joined(separator: " "))\" fill=\"#a3a9b0\" opacity=\"0.35\"/>"
            + "<polyline points=\"\(median.joined(separator: " "))\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"/></svg>"
    }

    /// Under the accountability tables: the rows of the summarised series are in the table file.
    static func overflowAccountability(_ m: ReportModel) -> String {
        guard let o = m.overflow, o.accountabilityRows > 0 else { return "" }
        return "<p>\(e(m.text.count(o.accountabilityRows, "overflow.accountability")))</p>\n"
    }
}
