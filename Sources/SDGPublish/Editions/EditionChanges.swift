import Foundation
import SDGCore

/// "Progress since the previous review": this edition's series and SDG targets against the edition recorded before
/// it (`ReviewEdition.previous`). A series' latest value moves for better or worse by its indicator's desired
/// direction; its progress class moves by the order of the Open SDG classes; a series or target present in one
/// edition only is newly covered or no longer covered. Written as `vlr/changes.csv` and `vlr/changes.html`.
package struct EditionChanges: Sendable {
    package let current: ReviewEdition
    /// `nil` for a first review: nothing to compare with yet.
    package let previous: ReviewEdition?
    package let series: [SeriesChange]
    package let targets: [TargetChange]

    package enum Coverage: String, Sendable {
        case compared
        case newlyCovered = "newly_covered"
        case noLongerCovered = "no_longer_covered"
    }

    /// How the latest value moved between the editions.
    package enum Movement: String, Sendable, CaseIterable {
        case improved, worsened, unchanged
        /// The same latest period and value: the source has published nothing newer.
        case noNewData = "no_new_data"
        /// Changed, but the crosswalk gives no `direction` to say whether for better.
        case changed
        /// A value missing in one edition, or units that differ.
        case notComparable = "not_comparable"
    }

    package struct SeriesChange: Sendable {
        package let before: ReviewEdition.Entry?
        package let after: ReviewEdition.Entry?
        package let coverage: Coverage
        package let movement: Movement?
        /// After minus before, when comparable.
        package let difference: Double?
        /// `better`, `worse`, `same`, or empty when a class is missing in either edition.
        package let classChange: String
        package var entry: ReviewEdition.Entry { (after ?? before)! }
    }

    package struct TargetChange: Sendable {
        package let target: String
        package let coverage: Coverage
        /// The local indicators with a value for the target in this edition (or, no longer covered, in the previous).
        package let indicators: [String]
    }

    /// The Open SDG classes from worst to best; the others (not assessed) have no rank.
    static let classRank: [String: Int] = [
        "deterioration": 0, "limited_progress": 1, "moderate_progress": 2, "substantial_progress": 3,
        "target_achieved": 4,
    ]

    /// `areas`, for a run of some areas (`--only-areas`): the previous edition's series of other areas are not
    /// compared (this run did not look at them).
    package init(current: ReviewEdition, previous: ReviewEdition?, areas: Set<String>? = nil) {
        self.current = current
        self.previous = previous
        guard let previous else {
            series = []
            targets = []
            return
        }
        let earlier = previous.entries.filter { areas?.contains($0.area) ?? true }
        let before = Dictionary(earlier.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(current.entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        series = Set(before.keys).union(after.keys).sorted().map { key in
            Self.compare(before[key], after[key])
        }
        func covered(_ entries: [ReviewEdition.Entry]) -> [String: Set<String>] {
            var targets: [String: Set<String>] = [:]
            for e in entries where e.value != nil {
                for t in e.sdgTargets.split(separator: ";") { targets[String(t), default: []].insert(e.indicator) }
            }
            return targets
        }
        let was = covered(earlier)
        let now = covered(current.entries)
        targets = Set(was.keys).union(now.keys).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            .map { target in
                let coverage: Coverage =
                    was[target] == nil ? .newlyCovered : now[target] == nil ? .noLongerCovered : .compared
                return TargetChange(
                    target: target, coverage: coverage, indicators: (now[target] ?? was[target] ?? []).sorted())
            }
    }

    static func compare(_ before: ReviewEdition.Entry?, _ after: ReviewEdition.Entry?) -> SeriesChange {
        guard let before, let after else {
            return SeriesChange(
                before: before, after: after, coverage: before == nil ? .newlyCovered : .noLongerCovered,
                movement: nil, difference: nil, classChange: "")
        }
        let classChange: String
        if let a = classRank[before.progressClass], let b = classRank[after.progressClass] {
            classChange = b > a ? "better" : b < a ? "worse" : "same"
        } else {
            classChange = ""
        }
        guard let x = before.value, let y = after.value, before.unit == after.unit else {
            return SeriesChange(
                before: before, after: after, coverage: .compared, movement: .notComparable, difference: nil,
                classChange: classChange)
        }
        let difference = Self.difference(y, x)
        let movement: Movement
        if before.period == after.period && x == y {
            movement = .noNewData
        } else if abs(difference) <= 1e-12 * max(abs(x), abs(y)) {
            movement = .unchanged
        } else if let direction = DesiredDirection(rawValue: after.direction) {
            movement = direction.sign * difference > 0 ? .improved : .worsened
        } else {
            movement = .changed
        }
        return SeriesChange(
            before: before, after: after, coverage: .compared, movement: movement, difference: difference,
            classChange: classChange)
    }

    /// `after − before` to 12 significant digits: values published with a few decimals (46.7 → 48.1) differ by
    /// 1.4, not by the binary remainder 1.3999999999999986.
    package static func difference(_ after: Double, _ before: Double) -> Double {
        let d = after - before
        return Double(String(format: "%.12g", d)) ?? d
    }

    /// `vlr/changes.csv`: a row per series of either edition, then a row per SDG target either covers.
    package func writeCSV(to out: TextOutput) throws(PublishError) {
        func row(_ cells: [String]) -> String {
            cells.map { CSVTableWriter.quoted($0) }.joined(separator: ",") + "\n"
        }
        func number(_ x: Double?) -> String { x.map(OpenSDGRepository.plain) ?? "" }
        try out.write(
            row([
                "level", "target", "indicator", "indicator_label", "area", "area_label", "disaggregation", "unit",
                "direction", "previous_edition", "previous_period", "previous_value", "current_edition",
                "current_period",
                "current_value", "difference", "change", "previous_class", "current_class", "class_change", "coverage",
            ]))
        let (old, new) = (previous?.label ?? "", current.label)
        for s in series {
            let e = s.entry
            try out.write(
                row([
                    "series", e.sdgTargets, e.indicator, e.indicatorLabel, e.area, e.areaLabel, e.disaggregation,
                    e.unit,
                    e.direction, s.before == nil ? "" : old, s.before?.period ?? "", number(s.before?.value),
                    s.after == nil ? "" : new, s.after?.period ?? "", number(s.after?.value), number(s.difference),
                    s.movement?.rawValue ?? "", s.before?.progressClass ?? "", s.after?.progressClass ?? "",
                    s.classChange, s.coverage.rawValue,
                ]))
        }
        for t in targets {
            try out.write(
                row(
                    ["target", t.target, t.indicators.joined(separator: ";")] + Array(repeating: "", count: 17)
                        + [t.coverage.rawValue]))
        }
        try out.finish()
    }
}
