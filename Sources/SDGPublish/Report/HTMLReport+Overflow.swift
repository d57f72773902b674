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
        let heads = ["col.indicator", "col.on_track", "col.moderate", "col.off_track", "col.not_assessed"]
        var h =
            "<div class=\"scroll\"><table class=\"overflow\"><caption>\(e(t("overflow.progress", "\(o.total - o.shown)")))</caption><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\($0.offset > 0 ? " class=\"num\"" : "")>\(t($0.element))</th>"
            }.joined() + "</tr></thead><tbody>\n"
        for (indicator, c) in o.progress {
            h +=
                "<tr><td>\(e(indicator))</td><td class=\"num\">\(c.onTrack)</td><td class=\"num\">\(c.moderate)</td><td class=\"num\">\(c.offTrack)</td><td class=\"num\">\(c.notAssessed)</td></tr>\n"
        }
        return h + "</tbody></table></div>\n"
    }

    /// Under the accountability tables: the rows of the summarised series are in the table file.
    static func overflowAccountability(_ m: ReportModel) -> String {
        guard let o = m.overflow, o.accountabilityRows > 0 else { return "" }
        return "<p>\(e(m.text.count(o.accountabilityRows, "overflow.accountability")))</p>\n"
    }
}
