import SDGCore
import SDGEvaluate
import SDGLocalize
import Synchronization

/// The evaluate stage's tables: `impact`, `trends` and `progress`, made row by row from the kept outcomes when they
/// are written.
extension ImpactEvaluation {
    /// Each local indicator's SDG codes as the tables write them, joined once rather than for every row.
    private var sdgCodes: [String: String] {
        Dictionary(
            plan.records.map { ($0.indicator.id, $0.indicator.sdg.map(\.description).joined(separator: ";")) },
            uniquingKeysWith: { a, _ in a })
    }

    /// One row per action × indicator × area × method (`before_after`, `its`, `did`, `synthetic_control`).
    package func impactTable(labels: LabelCells) -> Table {
        let (pipeline, outcomes, differences, sdg) = (plan.pipeline, outcomes, differences, sdgCodes)
        let template = ResultTables.impact()
        return template.made(count: impactRows.count) { [impactRows] i in
            func key(_ s: LocalizedSeries, _ action: LocalAction, _ role: AreaRole, _ method: String)
                -> EstimateFields.Fields
            {
                ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator], labels: labels) + [
                    ("action", .init(action.id)), ("action_start", .init(action.start.label)),
                    ("role", .init(role.rawValue)), ("method", .init(method)),
                ]
            }
            switch impactRows[i] {
            case .beforeAfter(let o, let a):
                let outcome = outcomes[Int(o)]
                let item = outcome.perAction[Int(a)]
                return key(outcome.series, item.action, item.role, "before_after")
                    + EstimateFields.beforeAfter(item.evaluation.beforeAfter!)
            case .its(let o, let a):
                let outcome = outcomes[Int(o)]
                let item = outcome.perAction[Int(a)]
                return key(outcome.series, item.action, item.role, "its") + EstimateFields.its(item.evaluation.its!)
            case .did(let d):
                let did = differences[Int(d)]
                return key(did.series, did.action, .treated, "did")
                    + [
                        ("comparison_areas", .init(did.comparisonAreas.joined(separator: ";"))),
                        ("comparison_area_labels", labels.areaNames(did.comparisonAreas)),
                    ]
                    + EstimateFields.did(did.estimate)
            case .syntheticControl(let d):
                let did = differences[Int(d)]
                return key(did.series, did.action, .treated, "synthetic_control")
                    + [
                        ("comparison_areas", .init(did.comparisonAreas.joined(separator: ";"))),
                        ("comparison_area_labels", labels.areaNames(did.comparisonAreas)),
                    ]
                    + EstimateFields.syntheticControl(did.synthetic)
            }
        }
    }

    /// One row per series × segment (`overall`, or `pre`/`post` of an action) × method (`ols`, `mann_kendall`, `sen`).
    ///
    /// Its cells are placed by position (`CellPlacer`) and each series' evaluation unpacked once for its rows, not
    /// once a row: at 600,000 series the table has 5.4 million rows, and making them as named fields, unpacking the
    /// evaluation nine times a series, was a tenth of a national run's samples.
    package func trendsTable(labels: LabelCells) -> Table {
        let (pipeline, outcomes, sdg) = (plan.pipeline, outcomes, sdgCodes)
        let template = ResultTables.trends()
        let columns = template.columns
        func at(_ name: String) -> Int { columns.firstIndex(of: name)! }
        // The series key's columns, named by any series (every row names the same ones).
        let key = outcomes.first.map { ResultTables.seriesKey(pipeline, $0.series, labels: labels).map { at($0.0) } }
        let (action, segment, method, n) = (at("action"), at("segment"), at("method"), at("n"))
        let ols = CellPlacer.positions(of: TrendEstimate.self, in: columns)
        let mannKendall = CellPlacer.positions(of: MannKendallEstimate.self, in: columns)
        let sen = CellPlacer.positions(of: SenSlopeEstimate.self, in: columns)
        // The segments of the last series and action asked for: a series' rows follow one another.
        let last = Mutex<(outcome: Int32, action: Int16, segments: [TrendSegment])?>(nil)
        return Table(name: template.name, columns: columns, count: trendRows.count) { [trendRows] i, cells in
            let row = trendRows[i]
            let outcome = outcomes[Int(row.outcome)]
            let item = row.action < 0 ? nil : outcome.perAction[Int(row.action)]
            let known = last.withLock { last in
                last.flatMap { $0.outcome == row.outcome && $0.action == row.action ? $0.segments : nil }
            }
            let segments =
                known ?? item?.evaluation.trends.filter { $0.segment != "overall" } ?? outcome.overall.trends
            if known == nil { last.withLock { $0 = (row.outcome, row.action, segments) } }
            let t = segments[Int(row.segment)]
            cells.withUnsafeMutableBufferPointer { cells in
                for c in cells.indices { cells[c] = .missing }
                let s = outcome.series
                for (p, field) in zip(key!, ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator], labels: labels))
                {
                    cells[p] = field.1
                }
                cells[action] = .init(item?.action.id)
                cells[segment] = .text(t.segment)
                func place<R: EstimateRecord>(_ name: String, n count: Int, _ estimate: R, at positions: [Int]) {
                    cells[method] = .text(name)
                    cells[n] = .integer(count)
                    var placer = CellPlacer(positions: positions, cells: cells)
                    var e = estimate
                    e.visitFields(&placer)
                }
                switch row.method {
                case 0: place("ols", n: t.ols.n, t.ols, at: ols)
                case 1: place("mann_kendall", n: t.mannKendall.n, t.mannKendall, at: mannKendall)
                default: place("sen", n: t.ols.n, t.sen, at: sen)
                }
            }
        }
    }

    /// One row per series: latest value, target, growth rates and the four progress assessments.
    package func progressTable(labels: LabelCells) -> Table {
        let (pipeline, outcomes, sdg, methods) = (plan.pipeline, outcomes, sdgCodes, plan.settings.progress)
        return ResultTables.progress().made(count: outcomes.count) { i in
            let outcome = outcomes[i]
            let s = outcome.series
            let record = outcome.record
            let e = outcome.overall
            let (first, last, latest) = s.observedEnds
            var row =
                ResultTables.seriesKey(pipeline, s, sdg: sdg[s.indicator], labels: labels) + [
                    ("direction", .init(s.direction?.rawValue)),
                    ("first_period", .init(first.map { s.periods[$0].label })),
                    ("last_period", .init(last.map { s.periods[$0].label })), ("latest_value", .init(latest)),
                    ("baseline_year", .init(record?.baselineYear)), ("target_value", .init(record?.targetValue)),
                    ("target_year", .init(record?.targetValue == nil ? nil : record?.targetYear)),
                ]
            for g in e.growth { row.append(("cagr_" + g.window, .init(g.cagr))) }
            return row + EstimateFields.progressColumns(e.progress, methods: methods)
        }
    }
}
