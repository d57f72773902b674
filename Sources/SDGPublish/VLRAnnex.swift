import Foundation
import SDGCore
import SDGEvaluate
import SDGLocalize

/// The statistical annex of a Voluntary Local Review (`outputs.vlr: true`, `vlr/`): what the UN DESA guiding elements,
/// the JRC handbook and the UCLG/UN-Habitat guidelines agree a VLR publishes beside its text, so that every number
/// of the review can be traced. Every value is labelled with its source and the date it was extracted.
///
/// - `statistical-annex.csv`: every value the review uses (the localized series of the treated areas, and of its own
///   areas for an indicator they have none of, such as a national benchmark), with its
///   goals, targets and SDG indicators, local id, area, period, value, unit, status (`B` where the source flags a
///   break in series), source and extraction date; written series by series.
/// - `indicators.csv`: the metadata sheet, one row per local indicator.
/// - `progress.csv`: the progress classes of those series.
/// - `crosswalk.csv`: one row per link of a local indicator to the SDGs or another framework.
/// - `data-gaps.csv`: the SDG targets, learning-city features and nodes of the other frameworks without local data.
package enum VLRAnnex {
    /// Where each source's values come from and when they were extracted (a file's modification time, or the
    /// download's time for a source by URL).
    package struct Source: Sendable {
        package let name: String
        package let location: String
        package let extracted: String
        package init(name: String, location: String, extracted: String) {
            self.name = name
            self.location = location
            self.extracted = extracted
        }
    }

    package static func write(
        _ evaluation: ImpactEvaluation, sources: [Source], frameworks: [Framework], labels: Labels,
        open: (String) throws -> TextOutput
    ) throws {
        let plan = evaluation.plan
        let records = Dictionary(plan.records.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bySource = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let breaks = OpenSDGRepository.Breaks(evaluation)
        // The treated areas' series; an indicator they have none of (a national benchmark) with its own areas.
        let byIndicator = OpenSDGRepository.outcomesByIndicator(evaluation)
        let treated = plan.records.flatMap { byIndicator[$0.indicator.id] ?? [] }
        func row(_ cells: [String?]) -> String {
            cells.map { CSVTableWriter.quoted($0 ?? "") }.joined(separator: ",") + "\n"
        }
        func sdgColumns(_ codes: [SDGCode]) -> [String] {
            [
                Set(codes.map { String($0.goal) }).sorted { Int($0)! < Int($1)! }.joined(separator: ";"),
                Set(codes.compactMap { $0.targetCode?.description }).sorted().joined(separator: ";"),
                codes.filter { $0.level == .indicator }.map(\.description).joined(separator: ";"),
            ]
        }

        let annex = try open("vlr/statistical-annex.csv")
        try annex.write(
            row([
                "goal", "target", "sdg_indicator", "local_indicator", "area", "area_label", "disaggregation", "period",
                "value", "unit", "status", "source", "source_location", "extracted",
            ]))
        for o in treated {
            let s = o.series
            let record = records[s.indicator]
            let source = record.flatMap { bySource[$0.indicator.source] }
            let fixed = sdgColumns(s.sdg) + [s.indicator, s.area, labels.area(s.area), s.disaggregation]
            let breaksAt = breaks.periods(of: s) ?? []
            for p in s.readPoints() {
                guard let v = p.value, v.isFinite else { continue }
                let broken = breaksAt.contains(p.period.label)
                try annex.write(
                    row(
                        fixed + [
                            p.period.label, OpenSDGRepository.plain(v), s.unit, broken ? "B" : "", source?.name,
                            source?.location, source?.extracted,
                        ]))
            }
        }
        try annex.finish()

        let indicators = try open("vlr/indicators.csv")
        try indicators.write(
            row([
                "local_indicator", "label", "definition", "unit", "source", "source_location", "extracted",
                "periodicity", "relation", "sdg", "frameworks", "direction", "baseline_year", "baseline_value",
                "target_value", "target_year", "target_source", "owner", "metadata_source", "last_updated",
            ]))
        for record in plan.records {
            let i = record.indicator
            let source = bySource[i.source]
            let periods = byIndicator[i.id]?.first?.series.readPoints().first?.period
            var links = record.kflc.map { "kflc:\($0)" }
            for (name, ids) in record.links.sorted(by: { $0.key < $1.key }) { links += ids.map { "\(name):\($0)" } }
            try indicators.write(
                row([
                    i.id, record.displayName, record.metadata.definition, i.unit, i.source, source?.location,
                    source?.extracted, periods.map { "\($0.frequency)" }, i.relation.rawValue,
                    i.sdg.map(\.description).joined(separator: ";"), links.joined(separator: ";"),
                    i.direction?.rawValue, record.baselineYear.map(String.init),
                    record.baselineValue.map(OpenSDGRepository.plain), record.targetValue.map(OpenSDGRepository.plain),
                    record.targetValue == nil ? nil : String(record.targetYear ?? 2030), record.targetSource,
                    record.owner, record.metadata.source, record.metadata.lastUpdated,
                ]))
        }
        try indicators.finish()

        let progress = try open("vlr/progress.csv")
        try progress.write(
            row([
                "local_indicator", "sdg", "area", "disaggregation", "latest_period", "latest_value", "target_value",
                "target_year", "eurostat_class", "opensdg_status", "sdsn_arrow", "oecd_status",
            ]))
        for o in treated {
            let s = o.series
            let latest = s.readPoints().last { $0.value?.isFinite == true }
            let record = records[s.indicator]
            let p = o.overall.progress
            try progress.write(
                row([
                    s.indicator, s.sdg.map(\.description).joined(separator: ";"), s.area, s.disaggregation,
                    latest?.period.label, latest?.value.map(OpenSDGRepository.plain),
                    record?.targetValue.map(OpenSDGRepository.plain),
                    record?.targetValue == nil ? nil : String(record?.targetYear ?? 2030), p.eurostat.progressClass,
                    p.openSDG.status, p.sdsn.arrow, p.oecd.status.code,
                ]))
        }
        try progress.finish()

        let crosswalk = try open("vlr/crosswalk.csv")
        try crosswalk.write(row(["local_indicator", "framework", "code", "label", "relation"]))
        let catalogue = SDGCatalogue.builtIn
        for record in plan.records {
            let i = record.indicator
            for code in i.sdg {
                try crosswalk.write(row([i.id, "sdg", code.description, catalogue.label(code), i.relation.rawValue]))
            }
            for framework in frameworks {
                let ids = framework.id == "kflc" ? record.kflc : record.links[framework.id] ?? []
                for id in ids { try crosswalk.write(row([i.id, framework.id, id, framework.node(id)?.label, ""])) }
            }
        }
        try crosswalk.finish()

        let gaps = try open("vlr/data-gaps.csv")
        try gaps.write(row(["framework", "code", "label", "level", "goal"]))
        let measured = Set(evaluation.outcomes.map(\.series.indicator))
        let covered = plan.records.filter { measured.contains($0.indicator.id) }
        let coveredTargets = Set(covered.flatMap { $0.indicator.sdg.compactMap { $0.targetCode?.description } })
        let coveredGoals = Set(covered.flatMap { $0.indicator.sdg.map(\.goal) })
        // The targets of the goals the review covers: a VLR reports on the goals it chose, and names what it lacks.
        for goal in coveredGoals.sorted() {
            for target in catalogue.targets(ofGoal: goal) where !coveredTargets.contains(target.code.description) {
                try gaps.write(row(["sdg", target.code.description, target.label, "target", String(goal)]))
            }
        }
        for framework in frameworks {
            let rows = FrameworkProfile.rows(evaluation, framework)
            for r in rows where r.indicators.isEmpty && !rows.contains(where: { $0.node.parent == r.node.id }) {
                try gaps.write(row([framework.id, r.node.id, r.node.label, r.level, ""]))
            }
        }
        try gaps.finish()
    }
}
