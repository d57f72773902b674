import SDGLocalize

/// The Global Network of Learning Cities' biennial progress summary (`vlr/gnlc/`): for each of the twelve areas of
/// focus of the Key Features of Learning Cities, one CSV and one page with the local indicators linked to the area or
/// its features, their values at this edition and the previous one (`report.edition`), their progress class and the
/// actions that touch them, and the features nothing measures yet: what the network's report form asks, ready to
/// paste. Written when the pack is (`outputs.vlr`) and the crosswalk links any indicator to the KFLC.
extension ReportAssembler {
    package struct GNLCFile: Sendable {
        package let name: String
        package let contents: String
    }

    package func gnlcSummary(_ changes: EditionChanges) -> [GNLCFile] {
        let kflc = LearningCityFramework.builtIn
        guard plan.records.contains(where: { !$0.kflc.isEmpty }) else { return [] }
        let t = text
        let e = TrendChart.escape
        let html = VLRHTML(text: t, front: front)
        let previous = changes.previous.map {
            Dictionary($0.entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var entries: [String: [ReviewEdition.Entry]] = [:]
        for entry in changes.current.entries { entries[entry.indicator, default: []].append(entry) }
        let (now, before) = (changes.current.label, changes.previous?.label ?? "")
        let previousHead = before.isEmpty ? t("gnlc.previous") : t("vlr.changes.previous", before)
        let currentHead = now.isEmpty ? t("gnlc.current") : t("vlr.changes.current", now)
        let intro =
            now.isEmpty
            ? t("gnlc.unlabelled") : changes.previous == nil ? t("gnlc.one", now) : t("gnlc.two", now, before)
        func csvRow(_ cells: [String]) -> String { cells.map(CSVTableWriter.quoted).joined(separator: ",") + "\n" }
        func number(_ x: Double?) -> String { x.map(OpenSDGRepository.plain) ?? "" }
        func shown(_ entry: ReviewEdition.Entry?) -> String {
            guard let entry, let v = entry.value else { return "" }
            return e(Format.short(v) + (entry.unit.isEmpty ? "" : " " + entry.unit) + " (\(entry.period))")
        }

        var files: [GNLCFile] = []
        var indexRows = ""
        for area in kflc.areas {
            // The records linked to the area itself, then to each of its features.
            let groups: [(feature: LearningCityFramework.Feature?, records: [CrosswalkRecord])] =
                [(nil, plan.records.filter { $0.kflc.contains(area.id) })]
                + kflc.features.filter { $0.area == area.id }.map { f in
                    (f, plan.records.filter { $0.kflc.contains(f.id) })
                }
            var csv = csvRow([
                "focus_area", "focus_area_label", "feature", "feature_label", "indicator", "indicator_label", "area",
                "area_label", "disaggregation", "unit", "previous_edition", "previous_period", "previous_value",
                "current_edition", "current_period", "current_value", "difference", "opensdg_status", "actions",
            ])
            var body = "<p><a href=\"index.html\">\(e(t("gnlc.all")))</a></p>\n"
            body += "<p>\(e(intro))</p>\n"
            var measured = 0
            var gaps: [String] = []
            for (feature, records) in groups {
                guard !records.isEmpty else {
                    if let feature { gaps.append(t.kflc(feature.id, feature.label)) }
                    continue
                }
                if feature != nil { measured += 1 }
                body += "<h2>\(e(feature.map { t.kflc($0.id, $0.label) } ?? t("gnlc.area_level")))</h2>\n"
                var rows = ""
                for record in records {
                    let id = record.indicator.id
                    let actions = plan.actions.filter { $0.indicators.contains(id) }.map(\.title)
                    for entry in entries[id] ?? [] {
                        let old = previous?[entry.key]
                        let difference = old?.value.flatMap { o in entry.value.map { EditionChanges.difference($0, o) }
                        }
                        csv += csvRow([
                            area.id, area.label, feature?.id ?? "", feature?.label ?? "", id, entry.indicatorLabel,
                            entry.area, entry.areaLabel, entry.disaggregation, entry.unit, old == nil ? "" : before,
                            old?.period ?? "", number(old?.value), now, entry.period, number(entry.value),
                            number(difference), entry.progressClass, actions.joined(separator: "; "),
                        ])
                        rows += html.row(
                            [
                                e(entry.indicatorLabel), e(entry.areaLabel.isEmpty ? entry.area : entry.areaLabel),
                                e(breakdown(entry.disaggregation)), shown(old), shown(entry),
                                e(entry.progressClass.isEmpty ? "" : t.status(entry.progressClass)),
                                e(actions.joined(separator: "; ")),
                            ], numeric: [3, 4])
                    }
                }
                body += html.table(
                    [
                        t("col.indicator"), t("col.area"), t("col.series"), previousHead, currentHead, t("col.opensdg"),
                        t("col.actions"),
                    ], rows, numeric: [3, 4])
            }
            if !gaps.isEmpty {
                body +=
                    "<h2>\(e(t("gnlc.gaps")))</h2>\n<ul>" + gaps.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            }
            body += "<p><a href=\"\(area.id).csv\">\(e(area.id)).csv</a></p>\n"
            files.append(GNLCFile(name: "vlr/gnlc/\(area.id).csv", contents: csv))
            files.append(
                GNLCFile(
                    name: "vlr/gnlc/\(area.id).html",
                    contents: html.page(t("gnlc.title") + " — " + t.kflc(area.id, area.label), body)))
            let features = kflc.features.filter { $0.area == area.id }.count
            indexRows += html.row(
                [
                    "<a href=\"\(area.id).html\">\(e(t.kflc(area.id, area.label)))</a>",
                    e(t.kflc(area.tier, kflc.label(area.tier) ?? area.tier)),
                    "\(Set(groups.flatMap { $0.records.map(\.indicator.id) }).count)", "\(measured) / \(features)",
                ], numeric: [2, 3])
        }
        let index =
            "<p><a href=\"../index.html\">\(e(t("vlr.title")))</a></p>\n<p>\(e(t("gnlc.intro")))</p>\n"
            + html.table(
                [t("gnlc.focus_area"), t("gnlc.tier"), t("col.local_indicators"), t("gnlc.features_measured")],
                indexRows, numeric: [2, 3])
        files.append(GNLCFile(name: "vlr/gnlc/index.html", contents: html.page(t("gnlc.title"), index)))
        return files
    }
}
