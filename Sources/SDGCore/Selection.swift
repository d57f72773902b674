/// What a `where:` selects: dimension values, the indicator and area under their own names or their source's
/// (`SERIES`, `REF_AREA`), and observation attributes where the key has no such dimension (`unit`, `UNIT_MEASURE`,
/// `status`). One rule for the crosswalk's `from.where` and the `--where` of `inspect` and `evaluate`.
public struct Selection: Sendable, Hashable {
    public let conditions: [String: String]

    public init(_ conditions: [String: String]) { self.conditions = conditions }

    public var isEmpty: Bool { conditions.isEmpty }

    /// An observation attribute a selection may name where the series key has no such dimension: `UNIT_MEASURE` is
    /// a dimension in the SDG DSD but an attribute in many messages, and `unit` a role of a CSV column.
    public enum Attribute: Sendable, Hashable {
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

    /// `nil` when the series is not selected; otherwise the attribute values each of its observations must have
    /// (none when the key alone decides). Dimension ids compare case-insensitively, values exactly (SDMX codes are
    /// case-sensitive).
    public func attributeConditions(_ key: SeriesKey) -> [(Attribute, String)]? {
        var remaining: [(Attribute, String)] = []
        for (dimension, wanted) in conditions {
            let value =
                key.value(of: dimension)
                ?? key.dimensions.first(where: { $0.id.lowercased() == dimension.lowercased() })?.value
            if let value {
                if value != wanted { return nil }
            } else if let role = Self.role(named: dimension) {
                if (role == "indicator" ? key.indicator : key.area) != wanted { return nil }
            } else if let attribute = Attribute(name: dimension) {
                remaining.append((attribute, wanted))
            } else {
                return nil
            }
        }
        return remaining
    }

    /// Whether the observation attributes meet the conditions left by `attributeConditions`.
    public static func meets(_ conditions: [(Attribute, String)], _ attributes: ObservationAttributes) -> Bool {
        conditions.allSatisfy { $0.0.value(in: attributes) == $0.1 }
    }
}
