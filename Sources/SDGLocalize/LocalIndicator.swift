import SDGCore

/// How closely a local indicator measures the SDG indicator it is linked to.
public enum CrosswalkRelation: String, Sendable, Hashable, CaseIterable {
    case exact, proxy, partial, contextual, local
}

/// One record of the localization crosswalk: which observations make up a local indicator and which SDG indicators
/// or targets it speaks to.
public struct LocalIndicator: Sendable, Hashable {
    public let id: String
    /// The source entry the observations come from.
    public let source: String
    /// Dimension values every selected observation must have (`indicator`, `area`, or any other dimension id).
    public let selection: [String: String]
    public let sdg: [SDGCode]
    public let relation: CrosswalkRelation
    public let direction: DesiredDirection?
    public let unit: String?
    /// Applied to every value after `UNIT_MULT`.
    public let conversion: UnitConversion?
    /// Districts combined into one area.
    public let aggregation: AreaAggregation?

    public init(
        id: String, source: String, selection: [String: String], sdg: [SDGCode],
        relation: CrosswalkRelation = .exact, direction: DesiredDirection? = nil, unit: String? = nil,
        conversion: UnitConversion? = nil, aggregation: AreaAggregation? = nil
    ) {
        self.conversion = conversion
        self.aggregation = aggregation
        self.id = id
        self.source = source
        self.selection = selection
        self.sdg = sdg
        self.relation = relation
        self.direction = direction
        self.unit = unit
    }

    /// Whether an observation of this series belongs to the indicator. Dimension ids compare case-insensitively
    /// (`sex` selects a `Sex` column); values compare exactly, since codes are case-sensitive in SDMX.
    public func selects(_ key: SeriesKey) -> Bool { attributeConditions(key) != nil }

    /// An observation attribute a selection may name where the series key has no such dimension: `UNIT_MEASURE` is
    /// a dimension in the SDG DSD but an attribute in many messages, and `unit` a role of a CSV column.
    public enum SelectedAttribute: Sendable, Hashable {
        case unit, unitMultiplier, status, nature

        /// By the names SDMX, Open SDG and the source roles give it, in any case, `_` and spaces ignored.
        public init?(name: String) {
            switch name.lowercased().filter({ $0 != "_" && $0 != " " }) {
            case "unit", "units", "unitmeasure": self = .unit
            case "unitmult", "unitmultiplier": self = .unitMultiplier
            case "status", "obsstatus", "observationstatus": self = .status
            case "nature": self = .nature
            default: return nil
            }
        }

        public func value(in attributes: ObservationAttributes) -> String? {
            switch self {
            case .unit: attributes.unit
            case .unitMultiplier: attributes.unitMultiplier.map { String($0) }
            case .status: attributes.status
            case .nature: attributes.nature
            }
        }
    }

    /// `indicator` or `area` for the names their source column or SDMX dimension goes by, in any case.
    static func role(named name: String) -> String? {
        switch name.lowercased().filter({ $0 != "_" && $0 != " " }) {
        case "series", "seriescode", "indic", "indicatorcode", "measure": "indicator"
        case "refarea", "geo", "geoarea", "geoareacode", "geoareaname", "country", "geography", "geocode": "area"
        default: nil
        }
    }

    /// `nil` when the series is not selected; otherwise the attribute values each of its observations must have (none
    /// when the key alone decides).
    public func attributeConditions(_ key: SeriesKey) -> [(SelectedAttribute, String)]? {
        guard key.source == source else { return nil }
        var conditions: [(SelectedAttribute, String)] = []
        for (dimension, wanted) in selection {
            let value =
                key.value(of: dimension)
                ?? key.dimensions.first(where: { $0.id.lowercased() == dimension.lowercased() })?.value
            if let value {
                if value != wanted { return nil }
            } else if let role = Self.role(named: dimension) {
                // The column or SDMX dimension that became the series' indicator or area (`SERIES`, `REF_AREA`).
                if (role == "indicator" ? key.indicator : key.area) != wanted { return nil }
            } else if let attribute = SelectedAttribute(name: dimension) {
                conditions.append((attribute, wanted))
            } else {
                return nil
            }
        }
        return conditions
    }
}
