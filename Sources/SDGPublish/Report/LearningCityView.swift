import SDGLocalize

/// The report's learning-city profile: the Key Features of Learning Cities drawn as the building UNESCO draws
/// them (the wider benefits as the pediment, the building blocks as columns, the fundamental conditions as the
/// foundation), each area of focus coloured by the progress of its indicators with the status written on it, then
/// every feature with its indicators, classes and actions, and the features nothing measures.
enum LearningCityView {
    static func e(_ s: String) -> String { TrendChart.escape(s) }

    static func section(
        _ profile: LearningCityProfile?, frameworks: [(framework: Framework, rows: [FrameworkProfile.Row])] = [],
        number: Int, text t: ReportText
    ) -> String {
        var h =
            "<section id=\"learning-city\" aria-labelledby=\"lc-h\"><h2 id=\"lc-h\">\(number). \(t("h.profile"))</h2>\n"
        let others = frameworks.map {
            otherFramework($0.framework, $0.rows, t)
        }.joined()
        guard let profile, profile.linked else { return h + "<p>\(t("profile.none"))</p>\n" + others + "</section>\n" }
        let features = profile.nodes.filter { $0.level == "feature" }
        let gaps = features.filter(\.indicators.isEmpty)
        h += "<p>\(t("profile.intro", "\(features.count - gaps.count)", "\(features.count)"))</p>\n"
        h += "<figure class=\"chart-wrap\">" + building(profile, t) + "</figure>\n"
        let heads = [
            "col.feature", "col.local_indicators", "col.on_track", "col.moderate", "col.off_track", "col.actions",
        ]
        h +=
            "<div class=\"scroll\"><table><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\((2...4).contains($0.offset) ? " class=\"num\"" : "")>\(t($0.element))</th>"
            }.joined() + "</tr></thead><tbody>\n"
        for n in profile.nodes where n.level != "tier" {
            let label = t.kflc(n.id, n.label)
            let name = n.level == "area" ? "<strong>\(e(label))</strong>" : "&nbsp;&nbsp;" + e(label)
            let indicators =
                n.indicators.isEmpty ? "<em>\(t("profile.gap"))</em>" : e(n.indicators.joined(separator: ", "))
            h +=
                "<tr><td>\(name)</td><td>\(indicators)</td><td class=\"num\">\(n.counts.onTrack)</td><td class=\"num\">\(n.counts.moderate)</td><td class=\"num\">\(n.counts.offTrack)</td><td>\(e(n.actions.joined(separator: ", ")))</td></tr>\n"
        }
        return h + "</tbody></table></div>\n" + others + "</section>\n"
    }

    /// Another framework the indicators link to (`frameworks:`): every node, indented by level, with its indicators
    /// (directly or below it), their classes and the actions; the nodes nothing measures marked as gaps.
    static func otherFramework(_ framework: Framework, _ rows: [FrameworkProfile.Row], _ t: ReportText) -> String {
        let leaves = rows.filter { r in !rows.contains { $0.node.parent == r.node.id } }
        let covered = leaves.filter { !$0.indicators.isEmpty }.count
        var h = "<h3>\(e(framework.name))</h3>\n<p>\(e(t("profile.framework.intro", "\(covered)", "\(leaves.count)")))"
        if !framework.source.isEmpty { h += " " + e(t("profile.framework.source", framework.source)) }
        h += "</p>\n"
        let building = frameworkBuilding(framework, rows, t)
        if !building.isEmpty { h += "<figure class=\"chart-wrap\">" + building + "</figure>\n" }
        let heads =
            [e(framework.levels.joined(separator: " / "))]
            + [
                "col.local_indicators", "col.on_track", "col.moderate", "col.off_track", "col.actions",
            ].map { t($0) }
        h +=
            "<div class=\"scroll\"><table class=\"framework\" data-framework=\"\(e(framework.id))\"><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\((2...4).contains($0.offset) ? " class=\"num\"" : "")>\($0.element)</th>"
            }.joined() + "</tr></thead><tbody>\n"
        for r in rows {
            let indent = String(repeating: "&nbsp;&nbsp;", count: r.node.level)
            let name = r.node.level == 0 ? "<strong>\(e(r.node.label))</strong>" : indent + e(r.node.label)
            let indicators =
                r.indicators.isEmpty ? "<em>\(t("profile.gap"))</em>" : e(r.indicators.joined(separator: ", "))
            h +=
                "<tr data-node=\"\(e(r.node.id))\"><td>\(name)</td><td>\(indicators)</td><td class=\"num\">\(r.counts.onTrack)</td><td class=\"num\">\(r.counts.moderate)</td><td class=\"num\">\(r.counts.offTrack)</td><td>\(e(r.actions.joined(separator: ", ")))</td></tr>\n"
        }
        return h + "</tbody></table></div>\n"
    }

    /// Words into lines of at most `width` characters.
    static func lines(_ text: String, width: Int) -> [String] { TrendChart.wrap(text, width: width) }

    /// A box of the building: its colour by status, its name and status written in it, the full name on hover.
    static func box(_ n: LearningCityProfile.Node, x: Double, y: Double, w: Double, h: Double, _ t: ReportText)
        -> String
    {
        box(label: t.kflc(n.id, n.label), status: n.status, x: x, y: y, w: w, h: h, t)
    }

    static func box(
        label: String, status: String, x: Double, y: Double, w: Double, h: Double, _ t: ReportText,
        kind: String = "kflc-area"
    ) -> String {
        let n = (status: status, label: label)
        let style = ReportStyle.statuses[n.status] ?? ("#d5d8dc", "#222", n.status)
        let f = TrendChart.coordinate
        var out =
            "<g class=\"\(kind)\"><title>\(e(label)): \(e(t.status(n.status)))</title><rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" rx=\"4\" fill=\"\(style.background)\" stroke=\"#fff\" stroke-width=\"2\"/>"
        let width = max(8, Int(w / 6.2))
        let name = lines(label, width: width)
        let status = lines(t.status(n.status), width: max(8, Int(w / 6.8)))
        let text = name.map { ($0, false) } + status.map { ($0, true) }
        let top = y + h / 2 - Double(text.count - 1) * 6.5 + 4
        for (i, (line, bold)) in text.enumerated() {
            out +=
                "<text x=\"\(f(x + w / 2))\" y=\"\(f(top + Double(i) * 13))\" text-anchor=\"middle\" font-size=\"10.5\"\(bold ? " font-weight=\"700\"" : "") fill=\"\(style.text)\">\(e(line))</text>"
        }
        return out + "</g>\n"
    }

    static func building(_ profile: LearningCityProfile, _ t: ReportText) -> String {
        let width = 640.0
        let areas = profile.nodes.filter { $0.level == "area" }
        let tiers = profile.nodes.filter { $0.level == "tier" }
        guard tiers.count == 3 else { return "" }
        let (roof, columns, base) = (
            areas.filter { $0.tier == tiers[0].id }, areas.filter { $0.tier == tiers[1].id },
            areas.filter { $0.tier == tiers[2].id }
        )
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart kflc\" viewBox=\"0 0 640 430\" width=\"640\" height=\"430\" role=\"img\" aria-labelledby=\"kflc-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"><title id=\"kflc-title\">\(e(t("profile.figure")))</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        // Pediment: the tier's name in the gable, its areas on the entablature beneath.
        out +=
            "<polygon points=\"20,60 320,8 620,60\" fill=\"#eef1f5\" stroke=\"#a3a9b0\"/><text x=\"320\" y=\"48\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"#222\">\(e(t.kflc(tiers[0].id, tiers[0].label)))</text>\n"
        for (i, n) in roof.enumerated() {
            let w = (width - 40) / Double(max(roof.count, 1))
            out += box(n, x: 20 + Double(i) * w, y: 62, w: w, h: 70, t)
        }
        // Columns: one per building block.
        let gap = 10.0
        let cw = (width - 40 - gap * Double(max(columns.count - 1, 0))) / Double(max(columns.count, 1))
        for (i, n) in columns.enumerated() {
            out += box(n, x: 20 + Double(i) * (cw + gap), y: 140, w: cw, h: 190, t)
        }
        // Foundation.
        for (i, n) in base.enumerated() {
            let w = (width - 40) / Double(max(base.count, 1))
            out += box(n, x: 20 + Double(i) * w, y: 338, w: w, h: 64, t)
        }
        out +=
            "<text x=\"20\" y=\"420\" font-size=\"10\" fill=\"#5b6576\">\(e(t("profile.legend", t.kflc(tiers[1].id, tiers[1].label), t.kflc(tiers[2].id, tiers[2].label))))</text>\n"
        return out + "</svg>\n"
    }
}
