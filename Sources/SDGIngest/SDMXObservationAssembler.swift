import SDGCore

/// Turns what an SDMX message says about one observation — its dimension values, attributes and value — into an
/// observation or a reject. Shared by every SDMX reader, so that generic and structure-specific messages give the
/// same observations for the same data.
struct SDMXObservationAssembler {
    /// The last series' dimension values and the key made from them: observations of one series share their key, and
    /// building a key (role lookups, sorting, allocation) per observation was most of the reading time.
    final class KeyCache {
        var dimensions: [(String, String)] = []
        var key: SeriesKey?
    }
    let cache = KeyCache()

    static let areaDimensions = ["REF_AREA", "GEO", "GEO_AREA", "COUNTRY", "AREA"]
    static let indicatorDimensions = ["SERIES", "INDICATOR", "INDIC", "MEASURE"]

    let path: String
    let options: SourceOptions
    var dimensionAtObservation = "TIME_PERIOD"

    func assemble(dimensions input: [(String, String)], attributes: [String: String], value obsValue: String?,
        line: Int, element: String) -> IngestRecord
    {
        let location = SourceLocation(file: path, line: line, element: element)
        var dimensions = input
        let raw = dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + ",OBS_VALUE=\(obsValue ?? "")"
        func reject(_ code: String, _ reason: String) -> IngestRecord {
            .reject(Reject(source: options.name, location: location, code: code, raw: raw, reason: reason))
        }
        // The time dimension is TIME_PERIOD in every SDMX 2.1 DSD; a series message may name another one at the
        // observation level. In a cross-sectional message the observation dimension is not time at all.
        let timeIndex = dimensions.firstIndex(where: { $0.0 == "TIME_PERIOD" })
            ?? dimensions.firstIndex(where: { $0.0 == dimensionAtObservation && dimensionAtObservation != "AllDimensions" })
        guard let timeIndex else { return reject("sdmx.no-period", "the observation has no TIME_PERIOD value") }
        let periodText = dimensions.remove(at: timeIndex).1
        guard let period = Period.parse(periodText) else {
            return reject("sdmx.period", "period '\(periodText)' cannot be read; expected an SDMX time period such as 2015, 2015-Q1 or 2015-03")
        }
        var value: Double?
        if let text = obsValue?.trimmingWhitespace(), !options.missingMarkers.contains(text) {
            guard let number = Double(text), number.isFinite else {
                return reject("sdmx.value-not-a-number", "OBS_VALUE '\(text)' is not a number")
            }
            value = number
        }
        if let key = cache.key, cache.dimensions.count == dimensions.count,
            zip(cache.dimensions, dimensions).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return .observation(Observation(key: key, period: period, value: value,
                attributes: Self.attributes(attributes), location: location))
        }
        let cacheInput = dimensions
        func take(_ role: SourceOptions.Role, _ candidates: [String]) -> String? {
            let wanted = options.columns[role].map { [$0] } ?? candidates
            for id in wanted {
                if let i = dimensions.firstIndex(where: { $0.0 == id }) { return dimensions.remove(at: i).1 }
            }
            return options.defaults[role]
        }
        let area = take(.area, Self.areaDimensions) ?? ""
        let indicator = take(.indicator, Self.indicatorDimensions) ?? options.name
        let key = SeriesKey(source: options.name, indicator: indicator, area: area,
            dimensions: dimensions.map { SeriesKey.Dimension(id: $0.0, value: SDGCodeConventions.dimension($0.1)) })
        cache.dimensions = cacheInput
        cache.key = key
        return .observation(Observation(key: key, period: period, value: value, attributes: Self.attributes(attributes), location: location))
    }

    static func attributes(_ attributes: [String: String]) -> ObservationAttributes {
        ObservationAttributes(
            unit: attributes["UNIT_MEASURE"].map(SDGCodeConventions.unit), unitMultiplier: attributes["UNIT_MULT"].flatMap { Int($0) },
            status: attributes["OBS_STATUS"], nature: attributes["NATURE"], action: attributes[Self.actionKey])
    }

    /// Where the readers pass the data set's `action` among the attributes (not an SDMX id, so it cannot clash).
    static let actionKey = "@action"

    /// Attribute ids of the SDMX cross-domain concepts and of the SDG DSD. Structure-specific messages carry
    /// dimensions and attributes alike as XML attributes; without the DSD, these names tell them apart.
    static let knownAttributes: Set<String> = [
        "OBS_STATUS", "OBS_CONF", "CONF_STATUS", "CONF_STATUS_OBS", "OBS_PRE_BREAK", "OBS_COM", "COMMENT_OBS",
        "COMMENT_TS", "COMMENT_DSET", "UNIT_MULT", "UNIT_MEASURE", "UNIT", "DECIMALS", "TITLE", "TITLE_COMPL",
        "COLL_METHOD", "COMPILATION", "SOURCE_AGENCY", "SOURCE_DETAIL", "SOURCE_TYPE", "NATURE", "TIME_FORMAT",
        "TIME_PER_COLLECT", "TIME_DETAIL", "TIME_COVERAGE", "BREAKS", "UNIT_INDEX_BASE", "BASE_PER", "EMBARGO_TIME",
        "DOM_SER_IDS", "PUBL_ECB", "PUBL_MU", "PUBL_PUBLIC", "GEO_INFO_URL", "GEO_INFO_TYPE", "FOOTNOTE", "OBS_NOTE",
        "REF_PERIOD_DETAIL", "COVERAGE", "UPPER_BOUND", "LOWER_BOUND", "DATA_LAST_UPDATE", "DATA_REF_PERIOD",
        "REPORTING_TYPE_DETAIL", "CUST_BREAKDOWN_LB", "DATA_COMP",
    ]
}
