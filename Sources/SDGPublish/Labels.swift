import SDGCore
import SDGIngest
import SDGLocalize

/// Names for the codes a run's series carry (areas, source indicators and series, disaggregation codes, units), so
/// that tables and the report can say "Utrecht" where the feed says `0344`.
///
/// Where a name comes from, first found wins: the pipeline's `labels:` (inline, or a `code,label[,lang]` file per
/// dimension), then the codelists of the pipeline's SDMX structure (`catalogue:`), then the names a source keeps
/// beside its data (DDF entity and concept files, `DDFNames`). A code without a name has no label: tables leave the
/// `*_label` cell empty; the report and the Open SDG files fall back on the names of the SDMX cross-domain codes
/// (`ReportText.sdmxCode`), then on the code.
package struct Labels: Sendable {
    /// Dimension (in lower case: `area`, `indicator`, `unit`, `sex`, ...) → code → name, from `labels:`.
    package private(set) var given: [String: [String: String]]
    package let structure: SDMXStructure?

    /// Names the sources carry beside their data (DDF entity and concept files), after the structure's.
    package let sourceNames: [String: [String: String]]

    package init(
        given: [String: [String: String]] = [:], structure: SDMXStructure? = nil,
        sourceNames: [String: [String: String]] = [:]
    ) {
        self.given = Dictionary(
            given.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, b in a.merging(b) { x, _ in x } })
        self.structure = structure
        self.sourceNames = Dictionary(
            sourceNames.map { ($0.key.lowercased(), $0.value) },
            uniquingKeysWith: { a, b in a.merging(b) { x, _ in x } })
    }

    /// The spellings a dimension goes by: the pipeline's names (`area`, `unit`) and SDMX's (`REF_AREA`,
    /// `UNIT_MEASURE`), matched in any case.
    static let aliases: [String: [String]] = [
        "area": ["area", "ref_area", "geocode", "geoareacode"],
        "indicator": ["indicator", "series"],
        "unit": ["unit", "unit_measure", "units"],
    ]

    /// The name of `code` in `dimension`, or nil.
    package func label(_ dimension: String, _ code: String) -> String? {
        let key = dimension.lowercased()
        let names = Self.aliases.values.first { $0.contains(key) } ?? [key]
        for name in names { if let l = given[name]?[code] { return l } }
        if let structure {
            for name in names {
                if let l = structure.codes(of: name.uppercased())?[code] ?? structure.codes(of: name)?[code] {
                    return l
                }
            }
        }
        for name in names { if let l = sourceNames[name]?[code] { return l } }
        return nil
    }

    package func area(_ code: String) -> String? { label("area", code) }

    /// `sex=F;age=Y25T64` → `female; 25 to 64 years`: each part by its name where one is known (or `fallback`
    /// gives one), the code otherwise (`age=Y25T64`); nil when no part has a name (the key itself says as much).
    package func disaggregation(
        _ key: String, separator: String = "; ", fallback: (String, String) -> String? = { _, _ in nil }
    ) -> String? {
        guard !key.isEmpty else { return nil }
        var named = false
        let parts = key.split(separator: ";").map { part -> String in
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, let name = label(pair[0], pair[1]) ?? fallback(pair[0], pair[1]) else {
                return String(part)
            }
            named = true
            return name
        }
        return named ? parts.joined(separator: separator) : nil
    }

    /// Whether a disaggregation key is the total: no dimension, or every code `_T` (total) or `_Z` (not applicable).
    package static func isTotal(_ disaggregation: String) -> Bool {
        disaggregation.isEmpty
            || disaggregation.split(separator: ";").allSatisfy { $0.hasSuffix("=_T") || $0.hasSuffix("=_Z") }
    }

    /// The language of the SDG titles `labels.sdg` gave (an Open SDG translations folder), when known.
    package var sdgLanguage: String?

    /// An SDG goal's short name (`4`), a target's or an indicator's title (`4.3`, `4.3.1`) from `labels.sdg`.
    package func sdgTitle(_ code: String) -> String? { given["sdg"]?[code] }

}

/// The label cells of a set of series, worked out once per distinct area, indicator and disaggregation (a table of
/// 600,000 series has a few thousand of each), so that a row costs three dictionary look-ups.
package struct LabelCells: Sendable {
    private var areas: [String: Table.Cell] = [:]
    private var indicators: [String: Table.Cell] = [:]
    private var disaggregations: [String: Table.Cell] = [:]

    /// `indicatorName` names an indicator code (a local indicator's label, or a source code's name).
    package init(
        _ labels: Labels, areas: some Sequence<String>, indicators: some Sequence<String>,
        disaggregations: some Sequence<String>, indicatorName: (String) -> String?
    ) {
        for a in areas where self.areas[a] == nil { self.areas[a] = .init(labels.area(a)) }
        for i in indicators where self.indicators[i] == nil { self.indicators[i] = .init(indicatorName(i)) }
        for d in disaggregations where self.disaggregations[d] == nil {
            self.disaggregations[d] = .init(labels.disaggregation(d))
        }
    }

    /// The labels of localized series: a local indicator's `label` from the crosswalk.
    package init(_ labels: Labels, records: [CrosswalkRecord], series: [LocalizedSeries]) {
        let names = Dictionary(records.map { ($0.indicator.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        self.init(
            labels, areas: series.lazy.map(\.area), indicators: series.lazy.map(\.indicator),
            disaggregations: series.lazy.map(\.disaggregation), indicatorName: { names[$0] ?? nil })
    }

    package func area(_ code: String) -> Table.Cell { areas[code] ?? .missing }

    /// Areas' names joined by `;` in the codes' order (a code without a name as itself); missing when none has one.
    package func areaNames(_ codes: [String]) -> Table.Cell {
        var any = false
        let names = codes.map { code -> String in
            if case .text(let name)? = areas[code] {
                any = true
                return name
            }
            return code
        }
        return any ? .text(names.joined(separator: ";")) : .missing
    }
    package func indicator(_ code: String) -> Table.Cell { indicators[code] ?? .missing }
    package func disaggregation(_ key: String) -> Table.Cell { disaggregations[key] ?? .missing }

    /// `indicator_label`, `area_label` and `disaggregation_label` of a series.
    package func fields(_ s: LocalizedSeries) -> [(String, Table.Cell)] {
        [
            ("indicator_label", indicator(s.indicator)), ("area_label", area(s.area)),
            ("disaggregation_label", disaggregation(s.disaggregation)),
        ]
    }
}
