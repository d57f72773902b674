import Foundation
import SDGCore
import SDGEvaluate
import SDGIngest
import SDGLocalize

/// `outputs.sdmx`: the localized series as SDMX data against a data structure definition (a DSD in an SDMX-ML 2.1
/// structure file), for the national statistics office and the UN SDG Global Database: SDMX-CSV 2.0 (1.0 on request)
/// and SDMX-ML 2.1 structure-specific data. Each series' key is the DSD's dimensions in order, from the series'
/// own (mapped and recoded), then `defaults`, then `_T` (`FREQ` `A`, `REPORTING_TYPE` `N`); the city in `REF_AREA` or
/// in the dimension `area_dimension` names; the mandatory attributes always filled (`OBS_STATUS` `A`, `UNIT_MULT`
/// `0`, `UNIT_MEASURE` from the unit). Written series by series: memory stays flat in the number of observations.
package struct SDMXExport: Sendable {
    package enum Format: String, Sendable, CaseIterable {
        case sdmxCSV = "sdmx-csv"
        case sdmxCSV1 = "sdmx-csv-1.0"
        case sdmxML = "sdmx-ml"
    }

    package var structure: SDMXStructure
    /// `AGENCY:ID(VERSION)` of the dataflow the data is reported under.
    package var dataflow: String
    package var formats: [Format] = [.sdmxCSV, .sdmxML]
    /// Local indicator id → the DSD's `SERIES` code (`outputs.sdmx.series`, else `fromSelections`).
    package var series: [String: String] = [:]
    /// Local indicator id → the `SERIES` code its crosswalk selection names (`where: {SERIES: SE_ADT_EDUCTRN}`), when
    /// the DSD's codelist has it: an indicator read from SDG data needs no `series` entry.
    package var fromSelections: [String: String] = [:]

    /// Takes each indicator's `SERIES` code from its selection (`series`, `indicator` or `SERIES` key, any case) where
    /// the DSD's `SERIES` codelist holds it.
    package mutating func defaultSeries(from indicators: [LocalIndicator]) {
        guard let known = structure.codes(of: "SERIES") else { return }
        for indicator in indicators {
            let code = indicator.selection.first { ["series", "indicator"].contains($0.key.lowercased()) }?.value
            if let code, known[code] != nil { fromSelections[indicator.id] = code }
        }
    }
    /// A dimension of the pipeline's series (lower case: `sex`) → the DSD's (`SEX`); unlisted ones are upper-cased.
    package var map: [String: String] = [:]
    /// DSD component → the pipeline's code → the DSD's code (`SEX: {women: F}`, `UNIT_MEASURE: {percent: PT}`).
    package var codes: [String: [String: String]] = [:]
    /// DSD component → the code for series that do not say (a dimension the data lacks, an attribute).
    package var defaults: [String: String] = [:]
    /// The dimension the city (the series' area) goes into: `REF_AREA`, or `CUST_BREAKDOWN` in a national dataset.
    package var areaDimension = "REF_AREA"
    /// `observations: true`: the observations read are exported as well (`sdmx/observations.*`), each with its own
    /// unit, multiplier, status and nature.
    package var observations = false

    package init(structure: SDMXStructure, dataflow: String) {
        self.structure = structure
        self.dataflow = dataflow
    }

    /// One SDMX series: its key values in the DSD's order (time excluded), series attributes, observations.
    struct Row {
        var key: [String]
        var seriesAttributes: [(String, String)]
        /// Each observation's period and value; with its own attributes when exported from the observations read
        /// (`nil`: the run-wide ones, `observationAttributes`).
        var observations: [(time: String, value: Double, attributes: [(String, String)]?)]
    }

    var keyDimensions: [String] { structure.dimensions.filter { $0 != (structure.timeDimension ?? "TIME_PERIOD") } }
    var timeDimension: String { structure.timeDimension ?? "TIME_PERIOD" }

    /// The SDMX series of a localized series, or nil when its indicator has no `SERIES` code (left out, said once).
    func row(_ s: LocalizedSeries) -> Row? {
        guard let key = key(s) else { return nil }
        var attributes: [(String, String)] = []
        for a in structure.attributes where !structure.observationAttributes.contains(a) {
            if let v = attributeValue(a, unit: s.unit) { attributes.append((a, v)) }
        }
        var observations: [(String, Double, [(String, String)]?)] = []
        s.withValues { values in
            for (k, period) in s.periods.indices.map({ ($0, s.periods[$0]) }) where !values[k].isNaN {
                observations.append((Self.time(period), values[k], nil))
            }
        }
        return Row(key: key, seriesAttributes: attributes, observations: observations)
    }

    /// The SDMX series key of a localized series (the DSD's dimensions but time, in order), or nil when its
    /// indicator has no `SERIES` code.
    package func key(_ s: LocalizedSeries) -> [String]? {
        key(
            seriesCode: series[s.indicator] ?? fromSelections[s.indicator], area: s.area,
            disaggregation: s.disaggregation)
    }

    /// The key of a series of this `SERIES` code, area and disaggregation (`sex=F;age=Y15T24`); nil without a code
    /// when the DSD has a `SERIES` dimension.
    func key(seriesCode: String?, area: String, disaggregation: String) -> [String]? {
        var given: [String: String] = [:]
        if let seriesCode {
            given["SERIES"] = seriesCode
        } else if structure.dimensions.contains("SERIES") {
            return nil
        }
        given[areaDimension] = recode(areaDimension, area)
        for part in disaggregation.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            let dimension = map[kv[0].lowercased()] ?? kv[0].uppercased()
            given[dimension] = recode(dimension, kv[1])
        }
        return keyDimensions.map { d in
            given[d] ?? defaults[d] ?? (d == "FREQ" ? "A" : d == "REPORTING_TYPE" ? "N" : "_T")
        }
    }

    func recode(_ component: String, _ code: String) -> String { codes[component]?[code] ?? code }

    func attributeValue(_ a: String, unit: String?) -> String? {
        if let v = defaults[a] { return v }
        switch a {
        case "UNIT_MEASURE":
            return unit.map { recode(a, $0) } ?? (structure.mandatoryAttributes.contains(a) ? "_X" : nil)
        case "UNIT_MULT": return "0"
        case "OBS_STATUS": return "A"
        default: return structure.mandatoryAttributes.contains(a) ? "_X" : nil
        }
    }

    /// The observation attributes (the same for every observation of a run: defaults and the mandatory ones).
    var observationAttributes: [(String, String)] {
        structure.attributes.filter(structure.observationAttributes.contains).compactMap { a in
            attributeValue(a, unit: nil).map { (a, $0) }
        }
    }

    /// SDMX's time format for a period: `2019`, `2019-Q1`, `2019-S1`, `2019-03`, `2019-W05`, `2019-03-31`.
    static func time(_ p: Period) -> String {
        // A year as most feeds write it needs no new string.
        if p.frequency == .annual, p.label.utf8.count == 4, p.label.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return p.label
        }
        let year = Int(p.start.rounded(.down))
        let fraction = p.start - Double(year)
        switch p.frequency {
        case .annual, .schoolYear: return String(year)
        case .halfYear: return "\(year)-S\(Int((fraction * 2).rounded()) + 1)"
        case .quarterly: return "\(year)-Q\(Int((fraction * 4).rounded()) + 1)"
        case .monthly: return String(format: "%d-%02d", year, Int((fraction * 12).rounded()) + 1)
        case .weekly, .daily: return p.label
        }
    }
}
