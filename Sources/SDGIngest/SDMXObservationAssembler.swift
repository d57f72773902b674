import SDGCore

/// Turns what an SDMX message says about one observation — its dimension values, attributes and value — into an
/// observation or a reject. Shared by every SDMX reader, so that generic and structure-specific messages give the
/// same observations for the same data.
final class SDMXObservationAssembler {
    /// The last series' dimension values and the key made from them: observations of one series share their key, and
    /// building a key (role lookups, sorting, allocation) per observation was most of the reading time.
    final class KeyCache {
        @exclusivity(unchecked) var dimensions: [(String, String)] = []
        @exclusivity(unchecked) var key: SeriesKey?
        /// Likewise the last attribute set, and the periods met so far.
        @exclusivity(unchecked) var attributeInput: [String: String]?
        @exclusivity(unchecked) var attributeContext = -1
        @exclusivity(unchecked) var attributeLevel: [(String, String)] = []
        @exclusivity(unchecked) var attributes: ObservationAttributes?
        @exclusivity(unchecked) var periods: [String: Period] = [:]
        /// The periods of the last few observations, searched before hashing: a series cycles through the same few.
        @exclusivity(unchecked) var recentPeriods: [(String, Period)] = []
        @exclusivity(unchecked) var nextRecent = 0
        /// The series context the key was last made or matched for (`assemble`'s `seriesContext`).
        @exclusivity(unchecked) var keyContext = -1
        /// Periods by the interner slot of their text (`assemble`'s `timeSlot`), direct-mapped on the slot's low bits:
        /// a dictionary looked up and written for every observation hashed twice per observation (`perf`, the
        /// structure-specific path).
        @exclusivity(unchecked) var slotOfPeriod = [Int](repeating: -1, count: KeyCache.periodSlots)
        @exclusivity(unchecked) var periodOfSlot = [Period?](repeating: nil, count: KeyCache.periodSlots)
        static let periodSlots = 256

        func period(slot: Int) -> Period? {
            let i = slot & (Self.periodSlots - 1)
            return slotOfPeriod[i] == slot ? periodOfSlot[i] : nil
        }

        func remember(_ period: Period, slot: Int) {
            let i = slot & (Self.periodSlots - 1)
            (slotOfPeriod[i], periodOfSlot[i]) = (slot, period)
        }
    }
    let cache = KeyCache()

    static let areaDimensions = ["REF_AREA", "GEO", "GEO_AREA", "COUNTRY", "AREA"]
    static let indicatorDimensions = ["SERIES", "INDICATOR", "INDIC", "MEASURE"]

    let path: String
    let options: SourceOptions
    var dimensionAtObservation = "TIME_PERIOD"
    /// Whether a reader may hand over `OBS_VALUE` already read from its bytes (`DecimalParser`): not when a
    /// missing-value marker is itself a number, which must be seen as text first.
    let parsesBytes: Bool

    init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
        parsesBytes = !options.missingMarkers.contains { Double($0)?.isFinite == true }
    }

    /// One observation from its dimension values, attributes and value. `time` is the period when the reader has
    /// it apart (then `dimensions` holds only the others); `number` is `OBS_VALUE` already read, when it was a plain
    /// decimal. `context` numbers the reader's `attributes` (data set, group and series ones): while it stays the
    /// same, so do they, and only `observationLevel` (the observation's own attributes, which win) is compared.
    ///
    /// `seriesContext`, when given, numbers `input`: while it stays the same so do the dimensions, and the last key
    /// is reused without comparing them (a structure-specific series' observations; comparing every dimension's text
    /// for every observation showed in `perf`). `timeSlot` is the interner slot of `time`'s bytes: a period is then
    /// found by that number rather than by its text.
    func assemble(
        dimensions input: [(String, String)], time: String? = nil, timeSlot: Int? = nil, attributes: [String: String],
        context: Int? = nil, seriesContext: Int? = nil, observationLevel: [(String, String)] = [],
        value obsValue: String?,
        number: Double? = nil, line: Int, element: String
    ) -> IngestRecord {
        let location = SourceLocation(file: path, line: line, element: element)
        func reject(_ code: DiagnosticCode, _ reason: String) -> IngestRecord {
            // The raw text is made only for a reject: joining it for every observation was a tenth of the reading time.
            let valueText = obsValue ?? number.map { "\($0)" } ?? ""
            let raw =
                input.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + (time.map { ",TIME_PERIOD=\($0)" } ?? "")
                + ",OBS_VALUE=\(valueText)"
            return .reject(Reject(source: options.name, location: location, code: code, raw: raw, reason: reason))
        }
        var dimensions = options.ignore.isEmpty ? input : input.filter { !options.ignore.contains($0.0) }
        let periodText: String
        if let time {
            periodText = time
        } else {
            // The time dimension is TIME_PERIOD in every SDMX 2.1 DSD; a series message may name another one at the
            // observation level. In a cross-sectional message the observation dimension is not time at all.
            let timeIndex =
                dimensions.firstIndex(where: { $0.0 == "TIME_PERIOD" })
                ?? dimensions.firstIndex(where: {
                    $0.0 == dimensionAtObservation && dimensionAtObservation != "AllDimensions"
                })
            guard let timeIndex else { return reject(.sdmxNoPeriod, "the observation has no TIME_PERIOD value") }
            periodText = dimensions.remove(at: timeIndex).1
        }
        let period: Period
        var foundBySlot = false
        if let timeSlot, let known = cache.period(slot: timeSlot) {
            period = known
            foundBySlot = true
        } else if let recent = cache.recentPeriods.first(where: { $0.0 == periodText }) {
            period = recent.1
        } else if let known = cache.periods[periodText] {
            period = known
            remember(periodText, known)
        } else {
            guard let parsed = Period.parse(periodText) else {
                return reject(
                    .sdmxPeriod,
                    "period \(CellText.quoted(periodText)) cannot be read; expected an SDMX time period such as 2015, 2015-Q1 or 2015-03"
                )
            }
            if cache.periods.count < 4096 { cache.periods[periodText] = parsed }
            remember(periodText, parsed)
            period = parsed
        }
        if let timeSlot, !foundBySlot { cache.remember(period, slot: timeSlot) }
        var value: Double?
        if let number {
            value = number
        } else if let text = obsValue?.trimmingWhitespace(), !options.missingMarkers.contains(text) {
            guard let number = CellText.number(text), number.isFinite else {
                return reject(.sdmxValueNotANumber, "OBS_VALUE \(CellText.quoted(text)) is not a number")
            }
            value = number
        }
        let observationAttributes = resolve(attributes, context: context, observationLevel: observationLevel)
        if let seriesContext, seriesContext == cache.keyContext, let key = cache.key {
            return .observation(
                Observation(
                    key: key, period: period, value: value, attributes: observationAttributes, location: location))
        }
        cache.keyContext = seriesContext ?? -1
        if let key = cache.key, cache.dimensions.count == dimensions.count,
            zip(cache.dimensions, dimensions).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return .observation(
                Observation(
                    key: key, period: period, value: value, attributes: observationAttributes, location: location))
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
        let key = SeriesKey(
            source: options.name, indicator: indicator, area: area,
            dimensions: dimensions.map { SeriesKey.Dimension(id: $0.0, value: SDGCodeConventions.dimension($0.1)) })
        cache.dimensions = cacheInput
        cache.key = key
        return .observation(
            Observation(key: key, period: period, value: value, attributes: observationAttributes, location: location))
    }

    /// The observation's attributes, shared with the previous observation's when they are the same.
    private func resolve(_ attributes: [String: String], context: Int?, observationLevel: [(String, String)])
        -> ObservationAttributes
    {
        if let context, let cached = cache.attributes, cache.attributeContext == context,
            cache.attributeLevel.count == observationLevel.count,
            zip(cache.attributeLevel, observationLevel).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return cached
        }
        var merged = attributes
        for (id, value) in observationLevel { merged[id] = value }
        if context == nil, let cached = cache.attributes, cache.attributeInput == merged { return cached }
        let result = Self.attributes(merged)
        cache.attributeInput = merged
        cache.attributeContext = context ?? -1
        cache.attributeLevel = observationLevel
        cache.attributes = result
        return result
    }

    private func remember(_ text: String, _ period: Period) {
        if cache.recentPeriods.count < 64 {
            cache.recentPeriods.append((text, period))
        } else {
            cache.recentPeriods[cache.nextRecent] = (text, period)
            cache.nextRecent = (cache.nextRecent + 1) % 64
        }
    }

    static func attributes(_ attributes: [String: String]) -> ObservationAttributes {
        ObservationAttributes(
            unit: attributes["UNIT_MEASURE"].map(SDGCodeConventions.unit),
            unitMultiplier: attributes["UNIT_MULT"].flatMap { Int($0) },
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

/// Dimensions a series leaves to its group: a cross-sectional message may give a dimension (the time period, say)
/// in a group's key rather than in each series. A series takes the values of the first group whose other
/// dimensions all equal its own, for the dimensions it lacks.
enum GroupKeys {
    static func fill(_ series: inout [(String, String)], from groups: [[(String, String)]]) {
        for group in groups {
            let missing = group.filter { g in !series.contains { $0.0 == g.0 } }
            guard !missing.isEmpty,
                group.allSatisfy({ g in missing.contains { $0.0 == g.0 } || series.contains { $0 == g } })
            else { continue }
            series += missing
        }
    }
}
