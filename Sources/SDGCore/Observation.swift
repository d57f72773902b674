/// One observed value of a series at a period, with the attributes statisticians need to read it correctly.
///
/// A missing value stays `nil`: it is a fact about the data (not collected, suppressed), not a zero.
public struct Observation: Sendable, Hashable {
    public let key: SeriesKey
    public let period: Period
    public let value: Double?
    public let attributes: ObservationAttributes
    /// Where the record was read, for rejects, duplicates and audit trails.
    public let location: SourceLocation

    public init(
        key: SeriesKey, period: Period, value: Double?, attributes: ObservationAttributes = .init(),
        location: SourceLocation
    ) {
        self.key = key
        self.period = period
        self.value = value
        self.attributes = attributes
        self.location = location
    }
}

/// SDMX-style attributes of an observation. `unitMultiplier` is the power of ten the value is expressed in
/// (`UNIT_MULT` = 3 means thousands); ingest keeps it as read, localization applies it.
public struct ObservationAttributes: Sendable, Hashable {
    public var unit: String?
    public var unitMultiplier: Int?
    public var status: String?
    /// SDMX `NATURE` (the SDG DSD's nature of the data: country data, estimated, modelled, ...).
    public var nature: String?
    /// The SDMX data set's `action` (`Replace`, `Delete`, `Append`, `Information`), kept so that a consumer can tell
    /// a deletion message from data.
    public var action: String?

    public init(unit: String? = nil, unitMultiplier: Int? = nil, status: String? = nil, nature: String? = nil, action: String? = nil) {
        self.unit = unit
        self.unitMultiplier = unitMultiplier
        self.status = status
        self.nature = nature
        self.action = action
    }
}
