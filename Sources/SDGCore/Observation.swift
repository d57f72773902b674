/// One observed value of a series at a period, with the attributes statisticians need to read it correctly.
///
/// A missing value stays `nil`: it is a fact about the data (not collected, suppressed), not a zero.
///
/// A class, immutable: an observation is handed from reader to duplicate check to consumer, and each hand-over of a
/// struct retained its key, attributes, period label and file name one by one — a third of reading a CSV file went to
/// that reference counting (`perf` on bench/ingest). One reference is one retain.
public final class Observation: Sendable, Hashable {
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

    public static func == (lhs: Observation, rhs: Observation) -> Bool {
        lhs === rhs
            || (lhs.key == rhs.key && lhs.period == rhs.period && lhs.value == rhs.value
                && lhs.attributes == rhs.attributes && lhs.location == rhs.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(period)
        hasher.combine(value)
        hasher.combine(attributes)
        hasher.combine(location)
    }
}

/// SDMX-style attributes of an observation. `unitMultiplier` is the power of ten the value is expressed in
/// (`UNIT_MULT` = 3 means thousands); ingest keeps it as read, localization applies it.
///
/// Held in one shared storage object: the attributes of consecutive observations are nearly always the same, and a
/// single reference is cheaper to hand along millions of times than four optional strings.
public struct ObservationAttributes: Sendable, Hashable {
    private final class Storage: Sendable, Hashable {
        let unit: String?, unitMultiplier: Int?, status: String?, nature: String?, action: String?
        init(unit: String?, unitMultiplier: Int?, status: String?, nature: String?, action: String?) {
            self.unit = unit
            self.unitMultiplier = unitMultiplier
            self.status = status
            self.nature = nature
            self.action = action
        }
        static func == (a: Storage, b: Storage) -> Bool {
            a === b
                || (a.unit == b.unit && a.unitMultiplier == b.unitMultiplier && a.status == b.status
                    && a.nature == b.nature && a.action == b.action)
        }
        func hash(into hasher: inout Hasher) {
            hasher.combine(unit)
            hasher.combine(unitMultiplier)
            hasher.combine(status)
            hasher.combine(nature)
            hasher.combine(action)
        }
    }

    private let storage: Storage

    public var unit: String? { storage.unit }
    public var unitMultiplier: Int? { storage.unitMultiplier }
    public var status: String? { storage.status }
    /// SDMX `NATURE` (the SDG DSD's nature of the data: country data, estimated, modelled, ...).
    public var nature: String? { storage.nature }
    /// The SDMX data set's `action` (`Replace`, `Delete`, `Append`, `Information`), kept so that a consumer can tell
    /// a deletion message from data.
    public var action: String? { storage.action }

    public init(
        unit: String? = nil, unitMultiplier: Int? = nil, status: String? = nil, nature: String? = nil,
        action: String? = nil
    ) {
        storage = Storage(unit: unit, unitMultiplier: unitMultiplier, status: status, nature: nature, action: action)
    }
}
