import SDGLocalize

/// `vlr/changes.html`, "progress since the previous review": how many series improved, worsened or have no new data
/// since the edition recorded before this one, the series of each kind (at most 100 a table on the page; every one in
/// `changes.csv`), and the SDG targets newly covered or no longer covered.
extension ReportAssembler {
    package func vlrChangesPage(_ changes: EditionChanges) -> (name: String, html: String) {
        let t = text
        let e = TrendChart.escape
        let html = VLRHTML(text: t, front: front)
        var body = "<p><a href=\"index.html\">\(e(t("vlr.back")))</a></p>\n"
        guard let previous = changes.previous else {
            body += "<p>\(e(t("vlr.changes.first", changes.current.label)))</p>\n"
            return ("vlr/changes.html", html.page(t("vlr.changes.title"), body))
        }
        body +=
            "<p>\(e(t("vlr.changes.compared", changes.current.label, previous.label, String(previous.recorded.prefix(10)))))</p>\n"
        let kinds: [(String, (EditionChanges.SeriesChange) -> Bool)] =
            EditionChanges.Movement.allCases.map { m in (m.rawValue, { $0.movement == m }) } + [
                ("newly_covered", { $0.coverage == .newlyCovered }),
                ("no_longer_covered", { $0.coverage == .noLongerCovered }),
            ]
        let newTargets = changes.targets.filter { $0.coverage == .newlyCovered }
        let lostTargets = changes.targets.filter { $0.coverage == .noLongerCovered }
        var summary = ""
        for (kind, matches) in kinds {
            summary += html.row(
                [e(t("vlr.changes.\(kind)")), "\(changes.series.filter(matches).count)"], numeric: [1])
        }
        summary += html.row([e(t("vlr.changes.targets_new")), "\(newTargets.count)"], numeric: [1])
        summary += html.row([e(t("vlr.changes.targets_lost")), "\(lostTargets.count)"], numeric: [1])
        body +=
            "<h2>\(e(t("vlr.changes.summary")))</h2>\n"
            + html.table([t("vlr.changes.kind"), t("vlr.changes.count")], summary, numeric: [1])

        func value(_ entry: ReviewEdition.Entry?) -> String {
            guard let entry, let v = entry.value else { return "" }
            return e(Format.short(v) + (entry.unit.isEmpty ? "" : " " + entry.unit) + " (\(entry.period))")
        }
        func classes(_ s: EditionChanges.SeriesChange) -> String {
            let before = s.before.map { t.status($0.progressClass) } ?? ""
            let after = s.after.map { t.status($0.progressClass) } ?? ""
            return e(before == after ? after : [before, after].filter { !$0.isEmpty }.joined(separator: " → "))
        }
        for kind in ["worsened", "improved", "changed", "newly_covered", "no_longer_covered"] {
            guard let matches = kinds.first(where: { $0.0 == kind })?.1 else { continue }
            let listed = changes.series.filter(matches)
            guard !listed.isEmpty else { continue }
            let rows = listed.prefix(100).map { s -> String in
                let entry = s.entry
                return html.row(
                    [
                        e(entry.indicatorLabel.isEmpty ? entry.indicator : entry.indicatorLabel),
                        e(entry.areaLabel.isEmpty ? entry.area : entry.areaLabel), e(breakdown(entry.disaggregation)),
                        value(s.before), value(s.after),
                        s.difference.map { e(($0 > 0 ? "+" : "") + Format.short($0)) } ?? "", classes(s),
                    ], numeric: [3, 4, 5])
            }.joined()
            body +=
                "<h2>\(e(t("vlr.changes.\(kind)")))</h2>\n"
                + html.table(
                    [
                        t("col.indicator"), t("col.area"), t("col.series"), t("vlr.changes.previous", previous.label),
                        t("vlr.changes.current", changes.current.label), t("vlr.changes.difference"),
                        t("col.opensdg"),
                    ], rows, numeric: [3, 4, 5])
            if listed.count > 100 { body += "<p>\(e(t("vlr.changes.more", "\(listed.count - 100)")))</p>\n" }
        }
        let catalogue = SDGCatalogue.builtIn
        for (key, targets) in [("targets_new", newTargets), ("targets_lost", lostTargets)] where !targets.isEmpty {
            body +=
                "<h2>\(e(t("vlr.changes.\(key)")))</h2>\n<ul>"
                + targets.map { target -> String in
                    let label = SDGCode(target.target).flatMap { catalogue.label($0) } ?? ""
                    return "<li>\(e(target.target)) \(e(label)) (\(e(target.indicators.joined(separator: ", "))))</li>"
                }.joined() + "</ul>\n"
        }
        body += "<p><a href=\"changes.csv\">changes.csv</a></p>\n"
        return ("vlr/changes.html", html.page(t("vlr.changes.title"), body))
    }
}
