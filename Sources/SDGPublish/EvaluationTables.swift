import SDGCore
import SDGEvaluate
import SDGLocalize

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
    package func trendsTable(labels: LabelCells) -> Table {
        let (pipeline, outcomes, sdg) = (plan.pipeline, outcomes, sdgCodes)
        return ResultTables.trends().made(count: trendRows.count) { [trendRows] i in
            let row = trendRows[i]
            let outcome = outcomes[Int(row.outcome)]
            let action = row.action < 0 ? nil : outcome.perAction[Int(row.action)]
            let segments = action?.evaluation.trends.filter { $0.segment != "overall" } ?? outcome.overall.trends
            let t = segments[Int(row.segment)]
            let base =
                ResultTables.seriesKey(pipeline, outcome.series, sdg: sdg[outcome.series.indicator], labels: labels) + [
                    ("action", .init(action?.action.id)), ("segment", .init(t.segment)),
                ]
            switch row.method {
            case 0: return base + [("method", .init("ols")), ("n", .init(t.ols.n))] + EstimateFields.ols(t.ols)
            case 1:
                return base + [("method", .init("mann_kendall")), ("n", .init(t.mannKendall.n))]
                    + EstimateFields.mannKendall(t.mannKendall)
            default: return base + [("method", .init("sen")), ("n", .init(t.ols.n))] + EstimateFields.sen(t.sen)
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
