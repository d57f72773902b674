/// The identity of a time series: where it comes from, what it measures, for which area, and for which
/// disaggregation (sex, age, urbanisation, ...). Named as in the SDMX information model.
///
/// Dimensions are kept sorted by id so that two keys read from differently ordered columns compare equal.
///
/// The parts live in one shared, immutable storage object with its hash computed once: millions of observations
/// carry a key, and copying four strings (four reference counts) and hashing them again at every dictionary lookup
/// was a large part of reading and routing them (measured with `perf` on bench/ingest).
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    private final class Storage: Sendable {
        let source: String
        let indicator: String
        let area: String
        let dimensions: [Dimension]
        let hash: Int
        let fingerprint: SeriesFingerprint

        init(source: String, indicator: String, area: String, dimensions: [Dimension]) {
            self.source = source
            self.indicator = indicator
            self.area = area
            self.dimensions = dimensions
            func hash(_ salt: UInt8) -> Int {
                var hasher = Hasher()
                hasher.combine(salt)
                hasher.combine(source)
                hasher.combine(indicator)
                hasher.combine(area)
                hasher.combine(dimensions)
                return hasher.finalize()
            }
            // Two passes, not three: the key's own hash is the fingerprint's low half (a reader makes a key for every
            // series, and hashing its texts showed in `perf` of a structure-specific message).
            let low = hash(2)
            self.hash = low
            fingerprint = SeriesFingerprint(
                high: UInt64(bitPattern: Int64(hash(1))), low: UInt64(bitPattern: Int64(low)))
        }
    }

    private let storage: Storage

    /// 128 bits that stand for the key where only "have we seen this series?" is asked of millions of them (the
    /// duplicate check, the inspector's series count): 16 bytes instead of the key's strings. Two distinct keys share
    /// one with probability about n²/2¹²⁹ (10⁻²⁶ for a billion series). Stable within a process only.
    ///
    /// Computed with the key (where a reader makes it, on its own thread): asked for once per run of rows by the
    /// duplicate check, computing it there was a tenth of that thread's work (`perf`).
    public var fingerprint: SeriesFingerprint { storage.fingerprint }

    /// The source entry's name in the pipeline file (`city_stats`), not the file path.
    public var source: String { storage.source }
    /// The indicator or SDMX series code as the source spells it (`ADULT_LEARN`, `SE_ADT_EDUCTRN`).
    public var indicator: String { storage.indicator }
    /// The reference area (`Riverton`, `REF_AREA` code).
    public var area: String { storage.area }
    /// Every other dimension, sorted by id.
    public var dimensions: [Dimension] { storage.dimensions }

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
        storage = Storage(source: source, indicator: indicator, area: area, dimensions: dimensions.sorted())
    }

    public static func == (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.storage.hash == rhs.storage.hash && lhs.source == rhs.source && lhs.indicator == rhs.indicator
            && lhs.area == rhs.area && lhs.dimensions == rhs.dimensions
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.hash) }

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

/// See `SeriesKey.fingerprint`.
public struct SeriesFingerprint: Sendable, Hashable {
    public let high: UInt64
    public let low: UInt64

    /// Both halves are already uniformly random: one is a good enough hash.
    public func hash(into hasher: inout Hasher) { hasher.combine(low) }
}
