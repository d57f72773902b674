/// The identity of a time series: where it comes from, what it measures, for which area, and for which
/// disaggregation (sex, age, urbanisation, ...). Named as in the SDMX information model.
///
/// Dimensions are kept sorted by id so that two keys read from differently ordered columns compare equal.
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The source entry's name in the pipeline file (`city_stats`), not the file path.
    public let source: String
    /// The indicator or SDMX series code as the source spells it (`ADULT_LEARN`, `SE_ADT_EDUCTRN`).
    public let indicator: String
    /// The reference area (`Riverton`, `REF_AREA` code).
    public let area: String
    /// Every other dimension, sorted by id.
    public let dimensions: [Dimension]

    public struct Dimension: Sendable, Hashable, Comparable {
        public let id: String
        public let value: String
        public init(id: String, value: String) {
            self.id = id
            self.value = value
        }
        public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
            (lhs.id, lhs.value) < (rhs.id, rhs.value)
        }
    }

    public init(source: String, indicator: String, area: String, dimensions: [Dimension] = []) {
        self.source = source
        self.indicator = indicator
        self.area = area
        self.dimensions = dimensions.sorted()
    }

    /// The value of a dimension, including the three named ones (`indicator`, `area`, `source`).
    public func value(of dimension: String) -> String? {
        switch dimension {
        case "indicator": return indicator
        case "area": return area
        case "source": return source
        default: return dimensions.first(where: { $0.id == dimension })?.value
        }
    }

    /// `sex=F;age=Y25T64`, or empty for a series without further dimensions.
    public var disaggregation: String {
        dimensions.map { "\($0.id)=\($0.value)" }.joined(separator: ";")
    }

    public var description: String {
        let d = disaggregation
        return "\(source):\(indicator)@\(area)" + (d.isEmpty ? "" : "[\(d)]")
    }

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        if lhs.source != rhs.source { return lhs.source < rhs.source }
        if lhs.indicator != rhs.indicator { return lhs.indicator < rhs.indicator }
        if lhs.area != rhs.area { return lhs.area < rhs.area }
        return lhs.dimensions.lexicographicallyPrecedes(rhs.dimensions)
    }
}
