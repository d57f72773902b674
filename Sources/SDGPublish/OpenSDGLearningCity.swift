import SDGEvaluate
import SDGLocalize

/// The Key Features of Learning Cities as an Open SDG "non-SDG framework" (open-sdg's docs/non-sdg.md): a second data
/// repository whose goals are the KFLC's twelve areas of focus, its targets their features, and its indicators the
/// local indicators linked to each feature (`kflc:` in the crosswalk), numbered `area.feature.n` in the framework's
/// and the crosswalk's order. Its own `translations/en` give the labels (`global_goals`, `global_targets`,
/// `global_indicators`) and rename Goal and Target (`general.yml`); the data, configuration and metadata of each
/// indicator are those of the SDG repository. A local indicator linked to several features appears under each.
extension OpenSDGRepository {
    package static func learningCityFiles(
        _ evaluation: ImpactEvaluation, labels: Labels, framework: LearningCityFramework = .builtIn
    ) -> [File] {
        let records = evaluation.plan.records
        guard
            records.contains(where: { $0.kflc.contains(where: { id in framework.features.contains { $0.id == id } }) })
        else { return [] }
        let byIndicator = outcomesByIndicator(evaluation)
        let breaks = Breaks(evaluation)
        var files: [File] = []
        var goals = ["# The KFLC's areas of focus as the goals of an Open SDG site (written by sdgpipe)."]
        var targets = ["# The KFLC's features as targets (written by sdgpipe)."]
        var indicators = ["# The local indicators linked to each feature (written by sdgpipe)."]
        for (a, area) in framework.areas.enumerated() {
            let goal = a + 1
            goals += ["\(goal)-title: \(q(area.label))", "\(goal)-short: \(q(area.label))"]
            for (f, feature) in framework.features.filter({ $0.area == area.id }).enumerated() {
                let target = "\(goal)-\(f + 1)"
                targets.append("\(target)-title: \(q(feature.label))")
                for (k, record) in records.filter({ $0.kflc.contains(feature.id) }).enumerated() {
                    let id = "\(target)-\(k + 1)"
                    indicators.append("\(id)-title: \(q(record.displayName))")
                    files += indicatorFiles(
                        record, id: id, number: id.replacingOccurrences(of: "-", with: "."),
                        outcomes: byIndicator[record.indicator.id] ?? [], evaluation, labels: labels, breaks: breaks,
                        standalone: false)
                }
            }
        }
        let general = [
            "# The KFLC's levels as Open SDG names them (written by sdgpipe).", "goal: Area of focus",
            "goals: Areas of focus", "target: Feature", "targets: Features",
        ]
        for (name, lines) in [
            ("global_goals", goals), ("global_targets", targets), ("global_indicators", indicators),
            ("general", general),
        ] {
            files.append(File(path: "translations/en/\(name).yml", contents: lines.joined(separator: "\n") + "\n"))
        }
        files.append(File(path: "config_data.yml", contents: frameworkConfigData))
        return files
    }
}
