import Foundation
import SDGEvaluate
import SDGLocalize

/// One edition of the city's review (`report.edition: 2025`): the headline of every series the review reports (the
/// series of the VLR annex: the treated areas', and an indicator's own areas when the treated areas have none of it),
/// as the table `editions`. The database keeps the rows of every edition, a run replacing only its own edition's, so
/// that the next review can say what changed since the previous one (`EditionChanges`) without the city keeping old
/// output folders.
package struct ReviewEdition: Sendable, Equatable {
    package let label: String
    /// When the run that recorded it started (ISO 8601).
    package let recorded: String
    package let entries: [Entry]

    package struct Entry: Sendable, Equatable {
        package var indicator: String
        package var indicatorLabel: String
        /// The SDG targets of the indicator, `;`-separated.
        package var sdgTargets: String
        package var area: String
        package var areaLabel: String
        package var disaggregation: String
        package var unit: String
        /// `increase`, `decrease`, or empty when the crosswalk gives none.
        package var direction: String
        /// The latest period with a value, and that value.
        package var period: String
        package var value: Double?
        /// The series' Open SDG progress status (the class the VLR pages show), empty when not assessed.
        package var progressClass: String

        package init(
            indicator: String, indicatorLabel: String = "", sdgTargets: String = "", area: String,
            areaLabel: String = "", disaggregation: String = "", unit: String = "", direction: String = "",
            period: String, value: Double?, progressClass: String = ""
        ) {
            self.indicator = indicator
            self.indicatorLabel = indicatorLabel
            self.sdgTargets = sdgTargets
            self.area = area
            self.areaLabel = areaLabel
            self.disaggregation = disaggregation
            self.unit = unit
            self.direction = direction
            self.period = period
            self.value = value
            self.progressClass = progressClass
        }

        /// The series' identity across editions.
        package var key: SeriesID { SeriesID(indicator: indicator, area: area, disaggregation: disaggregation) }
    }

    package struct SeriesID: Sendable, Hashable, Comparable {
        package let indicator: String
        package let area: String
        package let disaggregation: String

        /// By bytes, as the database keys compare (without copying them: a national edition sorts 600,000).
        package static func < (a: Self, b: Self) -> Bool {
            if a.indicator != b.indicator { return a.indicator.utf8.lexicographicallyPrecedes(b.indicator.utf8) }
            if a.area != b.area { return a.area.utf8.lexicographicallyPrecedes(b.area.utf8) }
            return a.disaggregation.utf8.lexicographicallyPrecedes(b.disaggregation.utf8)
        }
    }

    package init(label: String, recorded: String, entries: [Entry]) {
        self.label = label
        self.recorded = recorded
        self.entries = entries.sorted { $0.key < $1.key }
    }

    /// This run's edition, from its evaluation.
    package init(label: String, recorded: String, evaluation: ImpactEvaluation, labels: Labels) {
        let records = Dictionary(
            evaluation.plan.records.map { ($0.indicator.id, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = []
        for (indicator, outcomes) in OpenSDGRepository.outcomesByIndicator(evaluation) {
            guard let record = records[indicator] else { continue }
            let targets = Set(record.indicator.sdg.compactMap { $0.targetCode?.description }).sorted()
            let assessed = evaluation.plan.settings.progress.contains(.opensdg)
            for o in outcomes {
                let s = o.series
                let latest = s.readPoints().last { $0.value?.isFinite == true }
                entries.append(
                    Entry(
                        indicator: indicator, indicatorLabel: record.displayName,
                        sdgTargets: targets.joined(separator: ";"), area: s.area, areaLabel: labels.area(s.area) ?? "",
                        disaggregation: s.disaggregation, unit: s.unit ?? "",
                        direction: record.indicator.direction?.rawValue ?? "", period: latest?.period.label ?? "",
                        value: latest?.value, progressClass: assessed ? o.overall.progress.openSDG.status : ""))
            }
        }
        self.init(label: label, recorded: recorded, entries: entries)
    }

    /// The edition recorded before `label`: the greatest of `labels` below it, editions that are whole numbers (years)
    /// compared as numbers, others by text (`2025` after `2023`, `2025-b` after `2025-a`). A run that records an
    /// edition again compares with the one before it, not with its own previous rows.
    package static func previous(of label: String, among labels: [String]) -> String? {
        labels.filter { precedes($0, label) }.max { precedes($0, $1) }
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b) { return x < y }
        return a.compare(b, options: .numeric) == .orderedAscending
    }

    /// The `editions` table of this edition (in key order).
    package func table(pipeline: String) -> Table {
        let d = TableDefinition.editions
        let entries = entries
        let (label, recorded) = (label, recorded)
        var table = d.table().made(count: entries.count) { i in
            let e = entries[i]
            return [
                ("pipeline", .init(pipeline)), ("edition", .init(label)), ("recorded", .init(recorded)),
                ("indicator", .init(e.indicator)), ("indicator_label", .init(e.indicatorLabel)),
                ("sdg_targets", .init(e.sdgTargets)), ("area", .init(e.area)), ("area_label", .init(e.areaLabel)),
                ("disaggregation", .init(e.disaggregation)), ("unit", .init(e.unit)),
                ("direction", .init(e.direction)), ("last_period", .init(e.period)),
                ("latest_value", .init(e.value)), ("opensdg_status", .init(e.progressClass)),
            ]
        }
        table.scope = ["edition": label]
        return table
    }

    /// An edition read back from the database: rows of `editions` as text and numbers by column name.
    package init(label: String, rows: [[String: Table.Cell]]) {
        func text(_ row: [String: Table.Cell], _ column: String) -> String {
            switch row[column] ?? .missing {
            case .text(let s): s
            case .integer(let n): String(n)
            case .number(let x): String(x)
            case .missing: ""
            }
        }
        let entries = rows.map { r -> Entry in
            var value: Double?
            switch r["latest_value"] ?? .missing {
            case .number(let x): value = x
            case .integer(let n): value = Double(n)
            case .text(let s): value = Double(s)
            case .missing: value = nil
            }
            return Entry(
                indicator: text(r, "indicator"), indicatorLabel: text(r, "indicator_label"),
                sdgTargets: text(r, "sdg_targets"), area: text(r, "area"), areaLabel: text(r, "area_label"),
                disaggregation: text(r, "disaggregation"), unit: text(r, "unit"), direction: text(r, "direction"),
                period: text(r, "last_period"), value: value, progressClass: text(r, "opensdg_status"))
        }
        self.init(label: label, recorded: rows.first.map { text($0, "recorded") } ?? "", entries: entries)
    }
}
