import SDGCore

/// How closely a local indicator measures the SDG indicator it is linked to.
package enum CrosswalkRelation: String, Sendable, Hashable, CaseIterable {
    case exact, proxy, partial, contextual, local
}

/// One record of the localization crosswalk: which observations make up a local indicator and which SDG indicators
/// or targets it speaks to.
package struct LocalIndicator: Sendable, Hashable {
    package let id: String
    /// The source entry the observations come from.
    package let source: String
    /// Dimension values every selected observation must have (`indicator`, `area`, or any other dimension id).
    package let selection: [String: String]
    package let sdg: [SDGCode]
    package let relation: CrosswalkRelation
    package let direction: DesiredDirection?
    package let unit: String?
    /// Applied to every value after `UNIT_MULT`.
    package let conversion: UnitConversion?
    /// Districts combined into one area.
    package let aggregation: AreaAggregation?
    /// Several values of a series in one period made one; `nil` keeps them all (and `validate` refuses them).
    package let perPeriod: PeriodCombination?

    package init(
        id: String, source: String, selection: [String: String], sdg: [SDGCode],
        relation: CrosswalkRelation = .exact, direction: DesiredDirection? = nil, unit: String? = nil,
        conversion: UnitConversion? = nil, aggregation: AreaAggregation? = nil, perPeriod: PeriodCombination? = nil
    ) {
        self.perPeriod = perPeriod
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
    package func selects(_ key: SeriesKey) -> Bool { attributeConditions(key) != nil }

    /// `nil` when the series is not selected; otherwise the attribute values each of its observations must have
    /// (`Selection`).
    package func attributeConditions(_ key: SeriesKey) -> [(Selection.Attribute, String)]? {
        guard key.source == source else { return nil }
        return Selection(selection).attributeConditions(key)
    }
}
