extension HTMLReport {
    /// "At a glance": each action's results, the goals on and off track, the data gaps.
    static func summary(_ m: ReportModel) -> String {
        let s = m.summary
        let t = m.text
        var h =
            "<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">\(t("h.summary"))</h2>\n<ul class=\"glance\">\n"
        for a in s.actions {
            let head = "<li>" + t("glance.action", "<strong>\(e(a.title))</strong>", e(t("from", a.start)))
            guard a.results > 0 else {
                h += head + t("glance.no_results") + "</li>\n"
                continue
            }
            var text =
                head
                + t.count(
                    a.results, "glance.results", "\(a.improved)", "\(a.worsened)", "\(a.unclear)")
            if a.notEstimated > 0 { text += t("glance.not_estimated", "\(a.notEstimated)") }
            text += ". "
            let compared = a.better + a.worse + a.noEvidence + a.differed
            if compared + a.notCompared > 0 {
                text += t("glance.compared", "\(a.better)", "\(a.worse)", "\(a.noEvidence)")
                if a.differed > 0 { text += t("glance.differed", "\(a.differed)") }
                if a.notCompared > 0 { text += t("glance.not_compared", "\(a.notCompared)") }
                text += "."
            }
            h += text + "</li>\n"
        }
        h += "<li>" + t("glance.targets", "\(s.targetsCovered)", "\(s.targetsTotal)")
        if s.seriesWithoutTrend > 0 {
            h += t("glance.no_trend", "\(s.seriesWithoutTrend)", "\(s.treatedSeries)")
        }
        h += t.count(s.rejected, "glance.rejected", "\(s.records)")
        h += (s.rejected > 0 ? " (<a href=\"rejects.csv\">rejects.csv</a>)" : "") + ".</li>\n</ul>\n"
        if !s.goals.isEmpty {
            let heads = ["col.goal", "col.on_track", "col.moderate", "col.off_track", "col.not_assessed"]
            h +=
                "<div class=\"scroll\"><table><caption>\(t("glance.goals_caption"))</caption><thead><tr>"
                + heads.enumerated().map {
                    "<th scope=\"col\"\($0.offset > 0 ? " class=\"num\"" : "")>\(t($0.element))</th>"
                }.joined() + "</tr></thead><tbody>\n"
            for g in s.goals {
                h +=
                    "<tr><td>\(g.goal). \(e(t("goal.\(g.goal)")))</td><td class=\"num\">\(g.counts.onTrack)</td><td class=\"num\">\(g.counts.moderate)</td><td class=\"num\">\(g.counts.offTrack)</td><td class=\"num\">\(g.counts.notAssessed)</td></tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        return h + "</section>\n"
    }

    static func gaps(_ m: ReportModel) -> String {
        let t = m.text
        var h = "<section id=\"gap\" aria-labelledby=\"gap-h\"><h2 id=\"gap-h\">4. \(t("h.gap"))</h2>\n"
        let covered = m.gaps.reduce(0) { $0 + $1.covered }
        let total = m.gaps.reduce(0) { $0 + $1.total }
        h +=
            "<p>\(t("gap.intro", "\(covered)", "\(total)"))</p>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">\(t("col.goal"))</th><th scope=\"col\">\(t("col.covered"))</th><th scope=\"col\">\(t("col.targets_without"))</th></tr></thead><tbody>\n"
        for g in m.gaps {
            h +=
                "<tr><td>\(g.goal). \(e(t("goal.\(g.goal)")))</td><td class=\"num\">\(t("of", "\(g.covered)", "\(g.total)"))</td><td>"
            // The targets' titles on hover: the built-in English ones, or those of `labels.sdg` in its language.
            h +=
                g.missing.map { "<abbr title=\"\(e($0.label))\" lang=\"\(e($0.language))\">\(e($0.code))</abbr>" }
                .joined(separator: ", ")
                + "</td></tr>\n"
        }
        return h + "</tbody></table></div></section>\n"
    }

    static func accountability(_ m: ReportModel) -> String {
        let t = m.text
        var h =
            "<section id=\"accountability\" aria-labelledby=\"acc-h\"><h2 id=\"acc-h\">6. \(t("h.accountability"))</h2>\n"
        if m.accountability.isEmpty { h += "<p>\(t("accountability.none"))</p>\n" }
        let heads = ["col.role", "col.indicator", "col.area", "col.status", "col.results"]
        for name in uniqueNames(m.accountability) {
            h +=
                "<h3>\(e(name))</h3>\n<div class=\"scroll\"><table><thead><tr>"
                + heads.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for r in m.accountability where r.name == name {
                h +=
                    "<tr><td>\(e(t("role.\(r.role)")))</td><td>\(e(r.indicator))</td><td>\(e(r.area ?? "–"))</td><td>\(badge(r.status, t))</td><td>\(e(r.results))</td></tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        return h + overflowAccountability(m) + "</section>\n"
    }

    static func uniqueNames(_ rows: [ReportModel.Responsibility]) -> [String] {
        var seen = Set<String>()
        return rows.map(\.name).filter { seen.insert($0).inserted }
    }

    static func methods(_ m: ReportModel) -> String {
        let t = m.text
        var h =
            "<section id=\"methods\" aria-labelledby=\"methods-h\"><h2 id=\"methods-h\">7. \(t("h.methods"))</h2>\n<div class=\"scroll\"><table><caption>\(t("methods.sources_caption"))</caption>"
        let heads = ["col.source", "col.file", "col.records", "col.rejected", "col.sha"]
        h += "<thead><tr>" + heads.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for s in m.sources {
            var place = e(s.path)
            if let f = s.fetched {
                let status = f.httpStatus.map(String.init) ?? "–"
                place +=
                    "<br><small>" + e(t("methods.fetched.\(f.origin)", f.downloaded, f.checked ?? "", status))
                    + "</small>"
            }
            h +=
                "<tr><td>\(e(s.name))</td><td>\(place)</td><td class=\"num\">\(s.records)</td><td class=\"num\">\(s.rejected)</td><td><code>\(e(s.sha256))</code></td></tr>\n"
        }
        let rejected = m.sources.reduce(0) { $0 + $1.rejected }
        h += "</tbody></table></div>\n<p>\(t.count(rejected, "methods.rejected"))</p>\n<ul>\n"
        for key in ["methods.before_after", "methods.trends", "methods.its", "methods.did", "methods.progress"] {
            h += "<li>\(t(key))</li>\n"
        }
        h += "</ul>\n"
        if !m.metadata.isEmpty {
            let heads = ["col.indicator", "col.definition", "col.source", "col.last_updated", "col.link"]
            h +=
                "<div class=\"scroll\"><table><caption>\(t("methods.metadata_caption"))</caption><thead><tr>"
                + heads.map { "<th scope=\"col\">\(t($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for (indicator, md) in m.metadata {
                let link = md.link.map { "<a href=\"\(e($0))\">\(e($0))</a>" } ?? "–"
                h +=
                    "<tr><td>\(e(indicator))</td><td>\(e(md.definition ?? "–"))</td><td>\(e(md.source ?? "–"))</td><td>\(e(md.lastUpdated ?? "–"))</td><td>\(link)</td></tr>\n"
            }
            h += "</tbody></table></div>\n"
        }
        return h + "</section>\n"
    }
}
