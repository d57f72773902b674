import SDGEvaluate
import SDGLocalize

/// How the city stands on each framework it links to besides the SDGs (`frameworks:`): for every node, the local
/// indicators linked to it or to a node below it, the progress classes of their series in the treated areas, the
/// actions that touch them, and the gap where nothing measures it. The KFLC's rows repeat `learning_city_profile`
/// in the shape every framework shares, so that one query covers the KFLC, the UMF and a city's plan alike.
package enum FrameworkProfile {
    /// The `framework_profile` table: a framework's rows when at least one record links to it.
    package static func table(_ evaluation: ImpactEvaluation, frameworks: [Framework], pipeline: String) -> Table {
        var table = TableDefinition.frameworkProfile.table()
        let plan = evaluation.plan
        let treated = evaluation.outcomes.filter { plan.isTreated($0.series.area) }
        let assessed = plan.settings.progress.contains(.opensdg)
        for framework in frameworks {
            // Every node a record's links reach: the node linked and each node above it.
            var reached: [String: [String]] = [:]
            for record in plan.records {
                let links = framework.id == "kflc" ? record.kflc : record.links[framework.id] ?? []
                let ids = Set(links.flatMap { framework.path(to: $0).map(\.id) })
                for id in ids.sorted() { reached[id, default: []].append(record.indicator.id) }
            }
            guard !reached.isEmpty else { continue }
            for node in framework.nodes {
                let indicators = reached[node.id] ?? []
                let outcomes = treated.filter { indicators.contains($0.series.indicator) }
                let counts = ProgressCounts(outcomes, assessed: assessed)
                let actions = plan.actions.filter { a in a.indicators.contains { indicators.contains($0) } }.map(\.id)
                let level = node.level < framework.levels.count ? framework.levels[node.level] : "\(node.level + 1)"
                table.append(named: [
                    ("pipeline", .init(pipeline)), ("framework", .init(framework.id)), ("level", .init(level)),
                    ("id", .init(node.id)), ("label", .init(node.label)), ("parent", .init(node.parent)),
                    ("covered", .init(indicators.isEmpty ? "no" : "yes")),
                    ("local_indicators", .init(LocalizationTables.joined(indicators))),
                    ("series_on_track", .init(counts.onTrack)), ("series_moderate", .init(counts.moderate)),
                    ("series_off_track", .init(counts.offTrack)), ("series_not_assessed", .init(counts.notAssessed)),
                    ("actions", .init(LocalizationTables.joined(actions))),
                    (
                        "status",
                        .init(
                            ReportAssembler.tileStatus(outcomes, hasIndicators: !indicators.isEmpty, assessed: assessed)
                        )
                    ),
                ])
            }
        }
        return table
    }
}
