import SDGCore
import SDGEvaluate
import SDGLocalize

/// The input files of an Open SDG data repository (the contract of open-sdg/open-sdg-data-starter: `data/`,
/// `indicator-config/`, `meta/`, `config_data.yml`) for the pipeline's local indicators in its treated areas (an
/// indicator they have no series of, such as a national benchmark, with its own areas), so
/// that a city's Open SDG site shows what the pipeline computed without re-keying. Not the built JSON, which is
/// sdg-build's own and changes between its releases.
///
/// Ids (`ids`): `exact` records claim their SDG indicator's id (`4-3-1`) first, then `proxy` ones (`proxy: proxy`
/// marks them); any other record linked to a goal gets a local id under it (`11-x-1`, `11-x-2`, ...), and a record
/// linked to no goal a standalone id (`local-1`). Data files follow the starter's rules: `Year` first,
/// the disaggregation columns (a blank cell is the total, a code written as its label), `Units` where an
/// indicator has several, `GeoCode` and `Area` where there are several treated areas, `Value` last; rows without a
/// value are left out, as Open SDG expects.
package enum OpenSDGRepository {
    package struct File: Sendable {
        package let path: String
        package let contents: String
    }

    /// The id each crosswalk record gets, in the crosswalk's order: `exact` records claim their SDG indicator's id
    /// first, then `proxy` ones; the rest, and those that found their id taken, get local or standalone ids.
    package static func ids(_ records: [CrosswalkRecord]) -> [(record: CrosswalkRecord, id: String, number: String)] {
        var taken = Set<String>()
        var claimed: [Int: (String, String)] = [:]
        for relation in [CrosswalkRelation.exact, .proxy] {
            for (k, record) in records.enumerated() where record.indicator.relation == relation {
                guard let global = record.indicator.sdg.first(where: { $0.level == .indicator && !$0.isLocal })
                else { continue }
                let id = global.description.replacingOccurrences(of: ".", with: "-")
                if taken.insert(id).inserted { claimed[k] = (id, global.description) }
            }
        }
        var localCount: [Int: Int] = [:]
        var standalone = 0
        return records.enumerated().map { k, record in
            if let (id, number) = claimed[k] { return (record, id, number) }
            guard let goal = record.indicator.sdg.first?.goal else {
                standalone += 1
                return (record, "local-\(standalone)", "local.\(standalone)")
            }
            var n = localCount[goal, default: 0]
            var id: String
            repeat {
                n += 1
                id = "\(goal)-x-\(n)"
            } while taken.contains(id)
            localCount[goal] = n
            taken.insert(id)
            return (record, id, "\(goal).x.\(n)")
        }
    }

    package static func files(_ evaluation: ImpactEvaluation, labels: Labels) -> [File] {
        let byIndicator = outcomesByIndicator(evaluation)
        let breaks = Breaks(evaluation)
        var files: [File] = []
        for (record, id, number) in ids(evaluation.plan.records) {
            files += indicatorFiles(
                record, id: id, number: number, outcomes: byIndicator[record.indicator.id] ?? [], evaluation,
                labels: labels, breaks: breaks)
        }
        files.append(File(path: "config_data.yml", contents: configData))
        return files
    }

    /// The treated areas' series by local indicator; an indicator they do not have (a national benchmark) with its
    /// own areas.
    static func outcomesByIndicator(_ evaluation: ImpactEvaluation) -> [String: [ImpactEvaluation.SeriesOutcome]] {
        var byIndicator: [String: [ImpactEvaluation.SeriesOutcome]] = [:]
        for o in evaluation.outcomes { byIndicator[o.series.indicator, default: []].append(o) }
        for (id, outcomes) in byIndicator {
            let treated = outcomes.filter { evaluation.plan.isTreated($0.series.area) }
            if !treated.isEmpty || evaluation.treatedOutOfScope.contains(id) { byIndicator[id] = treated }
        }
        return byIndicator
    }

    /// Where the sources flag breaks in series: the periods of each series that has one, found once per series.
    struct Breaks: Sendable {
        private var periods: [String: Set<String>] = [:]

        init(_ evaluation: ImpactEvaluation) {
            for b in evaluation.breaks {
                periods[Self.key(b.indicator, b.area, b.disaggregation), default: []].insert(b.period.label)
            }
        }

        init() {}

        /// The labels of the periods where the series breaks, or nil when it has no break.
        func periods(of s: LocalizedSeries) -> Set<String>? {
            periods.isEmpty ? nil : periods[Self.key(s.indicator, s.area, s.disaggregation)]
        }

        static func key(_ indicator: String, _ area: String, _ disaggregation: String) -> String {
            [indicator, area, disaggregation].joined(separator: "\u{1F}")
        }
    }

    /// One indicator's data file (when it has values), configuration and metadata under the id `id`.
    static func indicatorFiles(
        _ record: CrosswalkRecord, id: String, number: String, outcomes: [ImpactEvaluation.SeriesOutcome],
        _ evaluation: ImpactEvaluation, labels: Labels, breaks: Breaks, standalone: Bool? = nil
    ) -> [File] {
        var files: [File] = []
        let (csv, rows, decimals) = data(outcomes, labels: labels, breaks: breaks)
        if rows > 0 { files.append(File(path: "data/indicator_\(id).csv", contents: csv)) }
        let headline = outcomes.first { Labels.isTotal($0.series.disaggregation) } ?? outcomes.first
        files.append(
            File(
                path: "indicator-config/\(id).yml",
                contents: config(
                    record, number: number, hasData: rows > 0, decimals: decimals,
                    progress: headline?.overall.progress.openSDG.status,
                    areas: Set(outcomes.map(\.series.area)).sorted().map { labels.area($0) ?? $0 },
                    standalone: standalone ?? record.indicator.sdg.isEmpty)))
        files.append(File(path: "meta/\(id).yml", contents: meta(record, plan: evaluation.plan)))
        return files
    }

    /// `sex` → `Sex`, `geo_area` → `Geo area`: the column headers Open SDG sites show as disaggregation names.
    static func header(_ dimension: String) -> String {
        let words = dimension.lowercased().replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The indicator's data file, its number of rows and the most decimals a value has (for `precision`). A value
    /// where the source flags a break in series (`breaks`) carries the observation attributes Open SDG
    /// shows as footnotes: `OBS_STATUS` `B` and a `COMMENT_OBS`; the two columns exist only when a value has them.
    static func data(
        _ outcomes: [ImpactEvaluation.SeriesOutcome], labels: Labels, breaks: Breaks = Breaks()
    ) -> (String, Int, Int) {
        // A dimension is a column when it breaks the indicator down: one with a single code in every series
        // (`FREQ=A`, an age group the selection fixed) says nothing a reader could choose between.
        var dimensions: [String] = []
        var codesSeen: [String: Set<String>] = [:]
        for o in outcomes {
            for part in o.series.disaggregation.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                if !dimensions.contains(pair[0]) { dimensions.append(pair[0]) }
                codesSeen[pair[0], default: []].insert(pair.count > 1 ? pair[1] : "")
            }
        }
        dimensions = dimensions.filter { d in
            (codesSeen[d]?.count ?? 0) > 1 || outcomes.contains { !$0.series.disaggregation.contains("\(d)=") }
        }
        let areas = Set(outcomes.map(\.series.area))
        let units = Set(outcomes.compactMap(\.series.unit))
        var header = ["Year"] + dimensions.map(header)
        if units.count > 1 { header.append("Units") }
        if areas.count > 1 { header += ["Area", "GeoCode"] }
        let marksBreaks = outcomes.contains { breaks.periods(of: $0.series) != nil }
        if marksBreaks { header += ["OBS_STATUS", "COMMENT_OBS"] }
        header.append("Value")
        var rows: [(key: [String], year: String, start: Double, line: String)] = []
        var decimals = 0
        for o in outcomes {
            let s = o.series
            var codes: [String: String] = [:]
            for part in s.disaggregation.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { codes[pair[0]] = pair[1] }
            }
            var cells = dimensions.map { d -> String in
                guard let code = codes[d], code != "_T", code != "_Z" else { return "" }
                return labels.label(d, code) ?? ReportText.en.sdmxCode(d, code) ?? code
            }
            if units.count > 1 { cells.append(s.unit ?? "") }
            if areas.count > 1 { cells += [labels.area(s.area) ?? s.area, s.area] }
            let broken = breaks.periods(of: s) ?? []
            for p in s.readPoints() {
                guard let v = p.value, v.isFinite else { continue }
                let value = plain(v)
                if let dot = value.firstIndex(of: ".") {
                    decimals = max(decimals, value.distance(from: dot, to: value.endIndex) - 1)
                }
                var attributes: [String] = []
                if marksBreaks {
                    attributes =
                        broken.contains(p.period.label)
                        ? ["B", "Break in series: measured differently from this period on"] : ["", ""]
                }
                let line = ([p.period.label] + cells + attributes + [value]).map(CSVTableWriter.quoted).joined(
                    separator: ",")
                rows.append((cells, p.period.label, p.period.start, line))
            }
        }
        // The headline (every disaggregation blank) first, then each breakdown, each by year.
        rows.sort { a, b in
            let (ta, tb) = (a.key.allSatisfy(\.isEmpty), b.key.allSatisfy(\.isEmpty))
            if ta != tb { return ta }
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            return a.start < b.start
        }
        let text = ([header.map(CSVTableWriter.quoted).joined(separator: ",")] + rows.map(\.line)).joined(
            separator: "\n")
        return (text + "\n", rows.count, min(decimals, 6))
    }

    /// A number as data files write it: no exponent for the values indicators take, no trailing `.0`.
    static func plain(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func q(_ s: String) -> String { JSONTableWriter.quote(s) }

    static func config(
        _ record: CrosswalkRecord, number: String, hasData: Bool, decimals: Int, progress: String?, areas: [String],
        standalone: Bool
    ) -> String {
        let name = record.displayName
        var lines = [
            "# Written by sdgpipe from the pipeline's crosswalk and results; edit the pipeline, not this file.",
            "indicator_number: \(q(number))", "indicator_name: \(q(name))", "graph_title: \(q(name))",
            "graph_type: line", "reporting_status: \(hasData ? "complete" : "notstarted")", "published: true",
            "data_non_statistical: false", "standalone: \(standalone)",
            "computation_units: \(q(record.indicator.unit ?? ""))",
            "national_geographical_coverage: \(q(areas.joined(separator: ", ")))",
        ]
        if record.indicator.relation == .proxy { lines.append("proxy: proxy") }
        if let target = record.targetValue {
            lines += [
                "graph_target_lines:", "  - value: \(plain(target))",
                "    label: \(q("\(record.targetYear ?? 2030) target"))",
            ]
        }
        if hasData { lines += ["precision:", "  - decimals: \(decimals)"] }
        if let progress, progress != "not_available" {
            lines += ["auto_progress_calculation: false", "progress_status: \(progress)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func meta(_ record: CrosswalkRecord, plan: EvaluationPlan) -> String {
        let i = record.indicator
        var lines = [
            "# The indicator's metadata as the pipeline has it (sdgpipe).",
            "local_indicator_id: \(q(i.id))", "SDG_INDICATOR: \(q(i.sdg.map(\.description).joined(separator: ", ")))",
            "relation: \(i.relation.rawValue)", "sdgpipe_source: \(q(i.source))",
        ]
        let md = record.metadata
        if let d = md.definition { lines.append("definition: \(q(d))") }
        if let s = md.source { lines.append("data_source: \(q(s))") }
        if let u = md.lastUpdated { lines.append("last_updated: \(q(u))") }
        if let l = md.link { lines.append("link: \(q(l))") }
        if let d = i.direction { lines.append("direction: \(d.rawValue)") }
        if let u = i.unit { lines.append("unit: \(q(u))") }
        if !record.kflc.isEmpty { lines.append("kflc: [\(record.kflc.map(q).joined(separator: ", "))]") }
        if let y = record.baselineYear { lines.append("baseline_year: \(y)") }
        if let v = record.baselineValue { lines.append("baseline_value: \(plain(v))") }
        if let v = record.targetValue {
            lines += ["target_value: \(plain(v))", "target_year: \(record.targetYear ?? 2030)"]
            if let s = record.targetSource { lines.append("target_source: \(q(s))") }
        }
        if let o = record.owner { lines.append("owner: \(q(o))") }
        if !record.partners.isEmpty { lines.append("partners: [\(record.partners.map(q).joined(separator: ", "))]") }
        let actions = plan.actions.filter { $0.indicators.contains(i.id) }
        if !actions.isEmpty {
            lines.append(
                "local_actions: [\(actions.map { q("\($0.title) (\($0.start.label))") }.joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `config_data.yml` as the starter has it, reading these files (the metadata not from Git: they are generated).
    static let configData = """
        # Written by sdgpipe: sdg-build reads the data and metadata of this folder (open-sdg-data-starter's layout).
        languages:
          - en
        site_dir: _site
        src_dir: ''
        inputs:
          - class: InputCsvData
            path_pattern: data/*-*.csv
          - class: InputYamlMeta
            path_pattern: indicator-config/*-*.yml
            git: false
          - class: InputYamlMeta
            path_pattern: meta/*-*.yml
            git: false
        translations:
          - class: TranslationInputSdgTranslations
            source: https://github.com/open-sdg/sdg-translations.git
            tag: 2.1.0
        reporting_status_extra_fields: []

        """

    /// `config_data.yml` of a framework repository: the same, with its own goal, target and indicator labels
    /// (`translations/`) over the SDG ones.
    static var frameworkConfigData: String {
        configData.replacingOccurrences(
            of: "reporting_status_extra_fields: []",
            with: "  - class: TranslationInputYaml\n    source: translations\nreporting_status_extra_fields: []")
    }
}
