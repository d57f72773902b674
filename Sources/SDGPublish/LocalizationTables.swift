import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize

/// The localization tables: `localized_series`, `coverage` (every SDG target, the localization gap, a
/// per-goal summary) and `accountability` (per owner and partner: their indicators, targets and results).
package enum LocalizationTables {

    /// One row per localized series. Made when written, with what depends on the indicator alone (SDG codes, titles,
    /// owner, …) worked out once per indicator: held as named cells, the table took a tenth of a second and 23 cells
    /// a series of memory at 60,000 series.
    /// `names` are the series' label cells, worked out once for all the series tables (`LabelCells`).
    package static func localizedSeries(
        _ plan: EvaluationPlan, labels: Labels, names: LabelCells, _ series: [LocalizedSeries]
    ) -> Table {
        let structure = labels.structure
        let records = Dictionary(plan.records.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = series.indices.filter { records[series[$0].indicator] != nil }
        // Cells 5…19 but for the series' own unit and baseline value, by indicator.
        var perIndicator: [String: [Table.Cell]] = [:]
        for (id, r) in records {
            perIndicator[id] = [
                .init(r.indicator.conversion?.description), .init(joined(r.indicator.sdg.map(\.description))),
                .init(joined(Array(Set(r.indicator.sdg.compactMap { $0.targetCode?.description })).sorted())),
                .init(
                    r.indicator.sdg.lazy.compactMap {
                        structure?.indicatorTitles[$0.description] ?? labels.sdgTitle($0.description)
                            ?? SDGCatalogue.builtIn.label($0)
                    }.first),
                .init(joined(r.kflc)), .init(r.indicator.relation.rawValue), .init(r.indicator.direction?.rawValue),
                .init(r.baselineYear), .missing, .init(r.targetValue), .init(r.targetValue == nil ? nil : r.targetYear),
                .init(r.targetSource), .init(r.owner), .init(joined(r.partners)),
            ]
        }
        let (pipeline, fixed) = (Table.Cell(plan.pipeline), perIndicator)
        let table = TableDefinition.localizedSeries
        let at = (
            pipeline: table.position("pipeline"), indicator: table.position("indicator"), area: table.position("area"),
            disaggregation: table.position("disaggregation"), label: table.position("disaggregation_label"),
            indicatorLabel: table.position("indicator_label"), areaLabel: table.position("area_label"),
            unit: table.position("unit"), fixedFrom: table.position("conversion"),
            baselineValue: table.position("baseline_value"), n: table.position("n"),
            first: table.position("first_period"), last: table.position("last_period")
        )
        // The indicator's own cells (`perIndicator`) run from `conversion` to `partners`, in the declared order.
        precondition(table.position("partners") - at.fixedFrom + 1 == perIndicator.first?.value.count ?? 14)
        return Table(name: table.name, columns: table.columnNames, count: rows.count) { i, cells in
            let s = series[rows[i]]
            let r = records[s.indicator]!
            // One look at the values (a read of the temporary file when they are kept there): the count, the first and
            // last observed points and the first value in the baseline year.
            var observed = 0
            var first: Int?
            var last: Int?
            var inBaselineYear: Double?
            s.withValues { values in
                for i in values.indices where !values[i].isNaN {
                    observed += 1
                    if first == nil { first = i }
                    last = i
                    if inBaselineYear == nil, let y = r.baselineYear, Int(s.periods.start(at: i).rounded(.down)) == y {
                        inBaselineYear = values[i]
                    }
                }
            }
            let baseline = r.baselineValue ?? inBaselineYear
            cells[at.pipeline] = pipeline
            cells[at.indicator] = .init(s.indicator)
            cells[at.area] = .init(s.area)
            cells[at.disaggregation] = .init(s.disaggregation)
            cells[at.label] = names.disaggregation(s.disaggregation)
            cells[at.indicatorLabel] = names.indicator(s.indicator)
            cells[at.areaLabel] = names.area(s.area)
            cells[at.unit] = .init(s.unit)
            for (k, cell) in fixed[s.indicator]!.enumerated() { cells[at.fixedFrom + k] = cell }
            cells[at.baselineValue] = .init(baseline)
            cells[at.n] = .init(observed)
            cells[at.first] = .init(first.map { s.periods[$0].label })
            cells[at.last] = .init(last.map { s.periods[$0].label })
        }
    }

    /// `labels.sdgTitle` (an Open SDG translations folder) titles the goals and targets where it has them.
    package static func coverage(_ plan: EvaluationPlan, labels: Labels = Labels()) -> Table {
        var table = TableDefinition.coverage.table()
        let catalogue = SDGCatalogue.builtIn
        var byTarget: [SDGCode: [CrosswalkRecord]] = [:]
        for record in plan.records {
            for code in Set(record.indicator.sdg.compactMap(\.targetCode)) {
                byTarget[code, default: []].append(record)
            }
        }
        let localTargets = byTarget.keys.filter { $0.isLocal }
        let targets =
            catalogue.targets.map { ($0.code, labels.sdgTitle($0.code.description) ?? $0.label) }
            + localTargets.sorted().map { ($0, "local target") }
        for goal in 1...17 {
            let goalTargets = targets.filter { $0.0.goal == goal }
            let covered = goalTargets.filter { byTarget[$0.0] != nil }.count
            table.append(named: [
                ("pipeline", .init(plan.pipeline)), ("level", .init("goal")), ("goal", .init(goal)),
                ("goal_name", .init(labels.sdgTitle("\(goal)") ?? catalogue.goalName(goal))),
                ("covered", .init(covered > 0 ? "yes" : "no")),
                ("targets_total", .init(goalTargets.count)), ("targets_covered", .init(covered)),
            ])
            for (code, label) in goalTargets {
                let records = byTarget[code] ?? []
                let indicators = records.flatMap { r in
                    r.indicator.sdg.filter { $0.targetCode == code && $0.level == .indicator }
                }
                table.append(named: [
                    ("pipeline", .init(plan.pipeline)), ("level", .init("target")), ("goal", .init(goal)),
                    ("goal_name", .init(labels.sdgTitle("\(goal)") ?? catalogue.goalName(goal))),
                    ("target", .init(code.description)),
                    ("target_label", .init(label)), ("covered", .init(records.isEmpty ? "no" : "yes")),
                    ("local_indicators", .init(joined(records.map(\.indicator.id)))),
                    ("sdg_indicators", .init(joined(Array(Set(indicators.map(\.description))).sorted()))),
                    ("relations", .init(joined(records.map(\.indicator.relation.rawValue)))),
                    ("owners", .init(joined(Array(Set(records.compactMap(\.owner))).sorted()))),
                ])
            }
        }
        return table
    }

    /// `text` is the language of the `results` sentences: English in the table, the report's in the report.
    package static func accountability(
        _ plan: EvaluationPlan, _ summaries: [SeriesSummary], labels: Labels = Labels(), text: ReportText = .en
    ) -> Table {
        var table = TableDefinition.accountability.table()
        var people: [(name: String, role: String, record: CrosswalkRecord)] = []
        for record in plan.records {
            if let owner = record.owner { people.append((owner, "owner", record)) }
            for partner in record.partners { people.append((partner, "partner", record)) }
        }
        // The treated series by indicator, grouped once: a filter per person was people × series.
        var treated: [String: [SeriesSummary]] = [:]
        if !people.isEmpty {
            for s in summaries where plan.isTreated(s.area) { treated[s.indicator, default: []].append(s) }
        }
        for (name, role, record) in people.sorted(by: {
            ($0.name, $0.role, $0.record.indicator.id) < ($1.name, $1.role, $1.record.indicator.id)
        }) {
            let rows = treated[record.indicator.id] ?? []
            for s in rows.isEmpty ? [nil] : rows.map(Optional.some) {
                table.append(named: [
                    ("pipeline", .init(plan.pipeline)), ("name", .init(name)), ("role", .init(role)),
                    ("indicator", .init(record.indicator.id)), ("indicator_label", .init(record.label)),
                    ("sdg", .init(joined(record.indicator.sdg.map(\.description)))),
                    ("area", .init(s?.area)), ("area_label", .init(s.flatMap { labels.area($0.area) })),
                    ("disaggregation", .init(s?.disaggregation)),
                    ("disaggregation_label", .init(s.flatMap { labels.disaggregation($0.disaggregation) })),
                    ("latest_value", .init(s?.latestValue)),
                    ("target_value", .init(record.targetValue)),
                    ("target_year", .init(record.targetValue == nil ? nil : record.targetYear)),
                    ("eurostat_class", .init(s?.eurostatClass)), ("opensdg_status", .init(s?.openSDGStatus)),
                    (
                        "results",
                        .init(
                            s.map { $0.results.map { Self.sentence($0, text) }.joined(separator: "; ") }
                                ?? text("accountability.no_data"))
                    ),
                ])
            }
        }
        return table
    }

    /// "learning-festival: +6.92 (95% CI 4.89 to 8.95, p < 0.001)", or the status code where there is no interval.
    static func sentence(_ r: SeriesSummary.ActionResult, _ t: ReportText = .en) -> String {
        let ba = r.beforeAfter
        let d = ba.difference ?? .nan
        let interval =
            ba.ciLow.map {
                " (\(t("ci", t.number($0), t.number(ba.ciHigh!))), p \(ba.pValue.map { $0 < 0.001 ? t.p($0) : "= " + t.number($0) } ?? "–"))"
            }
            ?? " (\(ba.status.code))"
        return "\(r.action): \(d >= 0 ? "+" : "")\(t.number(d))" + interval
    }

    package static func joined(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: ";") }
}
