import SDGEvaluate
import SDGLocalize

/// How the city stands on each framework it links to besides the SDGs (`frameworks:`): for every node, the local
/// indicators linked to it or to a node below it, the progress classes of their series in the treated areas, the
/// actions that touch them, and the gap where nothing measures it. The KFLC's rows repeat `learning_city_profile`
/// in the shape every framework shares, so that one query covers the KFLC, the UMF and a city's plan alike.
package enum FrameworkProfile {
    package struct Row: Sendable {
        package let node: Framework.Node
        /// The level's name (`Domain`), or its number where the framework names fewer levels.
        package let level: String
        package let indicators: [String]
        package let counts: ProgressCounts
        package let actions: [String]
        /// The colour class, by the goal tiles' rule (`ReportAssembler.tileStatus`).
        package let status: String
    }

    /// A framework's rows, every node in the framework's order; empty when no record links to it.
    package static func rows(_ evaluation: ImpactEvaluation, _ framework: Framework) -> [Row] {
        let plan = evaluation.plan
        // Every node a record's links reach: the node linked and each node above it.
        var reached: [String: [String]] = [:]
        for record in plan.records {
            let links = framework.id == "kflc" ? record.kflc : record.links[framework.id] ?? []
            let ids = Set(links.flatMap { framework.path(to: $0).map(\.id) })
            for id in ids.sorted() { reached[id, default: []].append(record.indicator.id) }
        }
        guard !reached.isEmpty else { return [] }
        // The treated series by indicator, grouped once rather than searched for every node.
        var treated: [String: [ImpactEvaluation.SeriesOutcome]] = [:]
        for o in evaluation.outcomes where plan.isTreated(o.series.area) {
            treated[o.series.indicator, default: []].append(o)
        }
        let assessed = plan.settings.progress.contains(.opensdg)
        return framework.nodes.map { node in
            let indicators = reached[node.id] ?? []
            let outcomes = indicators.flatMap { treated[$0] ?? [] }
            return Row(
                node: node,
                level: node.level < framework.levels.count ? framework.levels[node.level] : "\(node.level + 1)",
                indicators: indicators, counts: ProgressCounts(outcomes, assessed: assessed),
                actions: plan.actions.filter { a in a.indicators.contains { indicators.contains($0) } }.map(\.id),
                status: ReportAssembler.tileStatus(outcomes, hasIndicators: !indicators.isEmpty, assessed: assessed))
        }
    }

    /// The `framework_profile` table: the rows of every framework at least one record links to.
    package static func table(_ evaluation: ImpactEvaluation, frameworks: [Framework], pipeline: String) -> Table {
        var table = TableDefinition.frameworkProfile.table()
        for framework in frameworks {
            for r in rows(evaluation, framework) {
                table.append(named: [
                    ("pipeline", .init(pipeline)), ("framework", .init(framework.id)), ("level", .init(r.level)),
                    ("id", .init(r.node.id)), ("label", .init(r.node.label)), ("parent", .init(r.node.parent)),
                    ("covered", .init(r.indicators.isEmpty ? "no" : "yes")),
                    ("local_indicators", .init(LocalizationTables.joined(r.indicators))),
                    ("series_on_track", .init(r.counts.onTrack)), ("series_moderate", .init(r.counts.moderate)),
                    ("series_off_track", .init(r.counts.offTrack)),
                    ("series_not_assessed", .init(r.counts.notAssessed)),
                    ("actions", .init(LocalizationTables.joined(r.actions))), ("status", .init(r.status)),
                ])
            }
        }
        return table
    }
}
