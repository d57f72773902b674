import SDGEvaluate
import SDGLocalize

/// How the city stands on UNESCO's Key Features of Learning Cities: for each tier, area of focus and feature, the
/// local indicators linked to it, the progress classes of their series in the treated areas, the actions that touch
/// them, and whether anything measures it at all (the gap). A record linked to an area counts for the area and its
/// tier, not for each of the area's features; one linked to a feature counts for the feature, its area and tier.
package struct LearningCityProfile: Sendable {
    package struct Node: Sendable {
        package let level: String
        package let id: String
        package let label: String
        package let tier: String
        package let area: String?
        package let indicators: [String]
        /// Series of the treated areas by Open SDG class (as the summary counts them).
        package let counts: ProgressCounts
        package let actions: [String]
        /// The colour class of the node, by the goal tiles' rule (`ReportAssembler.tileStatus`).
        package let status: String
    }

    package let nodes: [Node]
    /// Whether any crosswalk record links to the framework (no profile is shown otherwise).
    package let linked: Bool

    package init(_ evaluation: ImpactEvaluation) {
        let plan = evaluation.plan
        let kflc = LearningCityFramework.builtIn
        let areaOf = Dictionary(kflc.features.map { ($0.id, $0.area) }, uniquingKeysWith: { a, _ in a })
        let tierOf = Dictionary(kflc.areas.map { ($0.id, $0.tier) }, uniquingKeysWith: { a, _ in a })
        // Every node a record's links reach upwards: a feature, its area and its tier.
        var reached: [String: [String]] = [:]
        for record in plan.records {
            var ids = Set<String>()
            for link in record.kflc {
                ids.insert(link)
                if let area = areaOf[link] { ids.insert(area) }
                if let tier = tierOf[areaOf[link] ?? link] { ids.insert(tier) }
            }
            for id in ids { reached[id, default: []].append(record.indicator.id) }
        }
        linked = !reached.isEmpty
        let assessed = plan.settings.progress.contains(.opensdg)
        func node(_ level: String, _ id: String, _ label: String, tier: String, area: String?) -> Node {
            let indicators = reached[id] ?? []
            let outcomes = evaluation.treatedOutcomes(of: Set(indicators))
            let actions = plan.actions.filter { a in a.indicators.contains { indicators.contains($0) } }.map(\.id)
            return Node(
                level: level, id: id, label: label, tier: tier, area: area, indicators: indicators,
                counts: ProgressCounts(outcomes, assessed: assessed), actions: actions,
                status: ReportAssembler.tileStatus(outcomes, hasIndicators: !indicators.isEmpty, assessed: assessed))
        }
        var nodes: [Node] = []
        for tier in kflc.tiers {
            nodes.append(node("tier", tier.id, tier.label, tier: tier.id, area: nil))
            for area in kflc.areas where area.tier == tier.id {
                nodes.append(node("area", area.id, area.label, tier: tier.id, area: area.id))
                for feature in kflc.features where feature.area == area.id {
                    nodes.append(node("feature", feature.id, feature.label, tier: tier.id, area: area.id))
                }
            }
        }
        self.nodes = nodes
    }

    /// The `learning_city_profile` table; empty when no record links to the framework.
    package func table(pipeline: String) -> Table {
        var table = TableDefinition.learningCityProfile.table()
        guard linked else { return table }
        for n in nodes {
            table.append(named: [
                ("pipeline", .init(pipeline)), ("level", .init(n.level)), ("id", .init(n.id)),
                ("label", .init(n.label)), ("tier", .init(n.tier)), ("focus_area", .init(n.area)),
                ("covered", .init(n.indicators.isEmpty ? "no" : "yes")),
                ("local_indicators", .init(LocalizationTables.joined(n.indicators))),
                ("series_on_track", .init(n.counts.onTrack)), ("series_moderate", .init(n.counts.moderate)),
                ("series_off_track", .init(n.counts.offTrack)), ("series_not_assessed", .init(n.counts.notAssessed)),
                ("actions", .init(LocalizationTables.joined(n.actions))), ("status", .init(n.status)),
            ])
        }
        return table
    }
}

extension ReportAssembler {
    /// A tile's colour class: `no_indicator`; `target_achieved` when every assessed series has; otherwise the
    /// class of the mean Open SDG score of the treated areas' series; `not_assessed` without scores.
    static func tileStatus(
        _ outcomes: some Collection<ImpactEvaluation.SeriesOutcome>, hasIndicators: Bool, assessed: Bool
    ) -> String {
        guard hasIndicators else { return "no_indicator" }
        guard assessed, !outcomes.isEmpty else { return "not_assessed" }
        if outcomes.allSatisfy({ $0.overall.progress.openSDG.status == "target_achieved" }) { return "target_achieved" }
        let scores = Array(outcomes.lazy.compactMap { $0.overall.progress.openSDG.score })
        guard !scores.isEmpty else { return "not_assessed" }
        let mean = scores.reduce(0, +) / Double(scores.count)
        return mean >= 2.5
            ? "substantial_progress"
            : mean >= 0 ? "moderate_progress" : mean >= -2.5 ? "limited_progress" : "deterioration"
    }
}
