import SDGCore

/// Turns what an SDMX message says about one observation — its dimension values, attributes and value — into a row of
/// an `ObservationBatch` or a reject. Shared by every SDMX reader, so that generic and structure-specific messages
/// give the same observations for the same data.
///
/// Rows go straight into columns (`output`), with the series' key, attribute set and period numbered once per batch
/// and remembered with the caches below: an `Observation` object per row, its `IngestRecord` and a builder hashing
/// it again on another thread were most of reading a structure-specific message (`perf`: reference counting,
/// `malloc` and copies of records).
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
        /// The period's number in the output batch of generation `generationOfSlot`, by the same slots.
        @exclusivity(unchecked) var numberOfSlot = [Int32](repeating: 0, count: KeyCache.periodSlots)
        @exclusivity(unchecked) var generationOfSlot = [Int](repeating: -1, count: KeyCache.periodSlots)
        /// `key`'s and `attributes`' numbers in the output batch of the generation beside them (-1: not numbered).
        @exclusivity(unchecked) var keyNumber: (number: Int32, generation: Int) = (0, -1)
        @exclusivity(unchecked) var attributesNumber: (number: Int32, generation: Int) = (0, -1)
        static let periodSlots = 256

        func period(slot: Int) -> Period? {
            let i = slot & (Self.periodSlots - 1)
            return slotOfPeriod[i] == slot ? periodOfSlot[i] : nil
        }

        func remember(_ period: Period, slot: Int) {
            let i = slot & (Self.periodSlots - 1)
            (slotOfPeriod[i], periodOfSlot[i], generationOfSlot[i]) = (slot, period, -1)
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
    /// The rows and rejects assembled so far, and the batches filled (`takeBatches`).
    @exclusivity(unchecked) var output: ObservationBatchBuilder
    @exclusivity(unchecked) private var full: [ObservationBatch] = []

    init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
        parsesBytes = !options.missingMarkers.contains { Double($0)?.isFinite == true }
        output = ObservationBatchBuilder(file: path)
    }

    /// A reject or notice, in its place among the rows.
    func emit(_ record: IngestRecord) {
        if let batch = output.add(record) { full.append(batch) }
    }

    /// The batches filled so far, and the partial one too when `all` (at the end of the message).
    func takeBatches(all: Bool = false) -> [ObservationBatch] {
        if all, let last = output.finish() { full.append(last) }
        defer { full.removeAll(keepingCapacity: true) }
        return full
    }

    /// One observation from its dimension values, attributes and value. `time` is the period when the reader has
    /// it apart (then `dimensions` holds only the others); `number` is `OBS_VALUE` already read, when it was a plain
    /// decimal. `context` numbers the reader's `attributes` (data set, group and series ones): while it stays the
    /// same, so do they, and only `observationLevel` (the observation's own attributes, which win) is compared.
    ///
    /// `seriesContext`, when given, numbers `input`: while it stays the same so do the dimensions, and the last key
    /// is reused without comparing them (a structure-specific series' observations; comparing every dimension's text
    /// for every observation showed in `perf`). `timeSlot` is the interner slot of `time`'s bytes: a period is then
    /// found by that number rather than by its text. Returns whether a row was added (not a reject).
    @discardableResult
    func assemble(
        dimensions input: [(String, String)], time: String? = nil, timeSlot: Int? = nil, attributes: [String: String],
        context: Int? = nil, seriesContext: Int? = nil, observationLevel: [(String, String)] = [],
        value obsValue: String?,
        number: Double? = nil, line: Int, element: String
    ) -> Bool {
        func reject(_ code: DiagnosticCode, _ reason: String) -> Bool {
            // The raw text is made only for a reject: joining it for every observation was a tenth of the reading time.
            let valueText = obsValue ?? number.map { "\($0)" } ?? ""
            let raw =
                input.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + (time.map { ",TIME_PERIOD=\($0)" } ?? "")
                + ",OBS_VALUE=\(valueText)"
            let location = SourceLocation(file: path, line: line, element: element)
            emit(.reject(Reject(source: options.name, location: location, code: code, raw: raw, reason: reason)))
            return false
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
        let generation = output.generation
        let a = attributesNumber(attributes, context: context, observationLevel: observationLevel, generation)
        let p = timeSlot.map { periodNumber(period, slot: $0, generation) } ?? output.number(period)
        let k = keyNumber(dimensions, seriesContext: seriesContext, generation)
        if let batch = output.append(
            key: k, attributes: a, period: p, value: value ?? .nan, line: line, element: element)
        {
            full.append(batch)
        }
        return true
    }

    /// A row for an observation of the series context and attribute context whose last rows `assemble` made, with the
    /// same observation-level attributes (the caller has compared them), a period whose text has interner slot
    /// `timeSlot`, and a value read: the key, attribute set and period are the ones already numbered. False, and
    /// nothing added, when one of them is not at hand; the caller then calls `assemble`.
    func appendKnown(
        seriesContext: Int, attributesContext: Int, timeSlot: Int, value: Double, line: Int, element: String
    ) -> Bool {
        guard cache.keyContext == seriesContext, cache.key != nil, cache.attributeContext == attributesContext,
            cache.attributes != nil, let period = cache.period(slot: timeSlot)
        else { return false }
        let generation = output.generation
        let a = lastAttributesNumber(generation)
        let p = periodNumber(period, slot: timeSlot, generation)
        let k = lastKeyNumber(generation)
        if let batch = output.append(key: k, attributes: a, period: p, value: value, line: line, element: element) {
            full.append(batch)
        }
        return true
    }

    /// The number in the output batch of `period`, whose text has interner slot `slot`.
    private func periodNumber(_ period: Period, slot: Int, _ generation: Int) -> Int32 {
        let i = slot & (KeyCache.periodSlots - 1)
        if cache.generationOfSlot[i] == generation, cache.slotOfPeriod[i] == slot { return cache.numberOfSlot[i] }
        let p = output.number(period)
        if cache.slotOfPeriod[i] == slot { (cache.numberOfSlot[i], cache.generationOfSlot[i]) = (p, generation) }
        return p
    }

    /// The series key's number in the output batch: the last key's while `seriesContext` stays or the dimensions are
    /// the same, numbered once per batch.
    private func keyNumber(_ dimensions: [(String, String)], seriesContext: Int?, _ generation: Int) -> Int32 {
        if let seriesContext, seriesContext == cache.keyContext, cache.key != nil {
            return lastKeyNumber(generation)
        }
        cache.keyContext = seriesContext ?? -1
        if cache.key != nil, cache.dimensions.count == dimensions.count,
            zip(cache.dimensions, dimensions).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return lastKeyNumber(generation)
        }
        cache.key = makeKey(dimensions)
        cache.dimensions = dimensions
        cache.keyNumber = (0, -1)
        return lastKeyNumber(generation)
    }

    private func lastAttributesNumber(_ generation: Int) -> Int32 {
        if cache.attributesNumber.generation == generation { return cache.attributesNumber.number }
        let n = output.number(cache.attributes!)
        cache.attributesNumber = (n, generation)
        return n
    }

    private func lastKeyNumber(_ generation: Int) -> Int32 {
        if cache.keyNumber.generation == generation { return cache.keyNumber.number }
        let n = output.number(cache.key!)
        cache.keyNumber = (n, generation)
        return n
    }

    private func makeKey(_ input: [(String, String)]) -> SeriesKey {
        var dimensions = input
        func take(_ role: SourceOptions.Role, _ candidates: [String]) -> String? {
            let wanted = options.columns[role].map { [$0] } ?? candidates
            for id in wanted {
                if let i = dimensions.firstIndex(where: { $0.0 == id }) { return dimensions.remove(at: i).1 }
            }
            return options.defaults[role]
        }
        let area = take(.area, Self.areaDimensions) ?? ""
        let indicator = take(.indicator, Self.indicatorDimensions) ?? options.name
        return SeriesKey(
            source: options.name, indicator: indicator, area: area,
            dimensions: dimensions.map { SeriesKey.Dimension(id: $0.0, value: SDGCodeConventions.dimension($0.1)) })
    }

    /// The observation's attribute set's number in the output batch, shared with the previous observation's when the
    /// attributes are the same.
    private func attributesNumber(
        _ attributes: [String: String], context: Int?, observationLevel: [(String, String)], _ generation: Int
    ) -> Int32 {
        if let context, cache.attributes != nil, cache.attributeContext == context,
            cache.attributeLevel.count == observationLevel.count,
            zip(cache.attributeLevel, observationLevel).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            return lastAttributesNumber(generation)
        }
        var merged = attributes
        for (id, value) in observationLevel { merged[id] = value }
        if context == nil, cache.attributes != nil, cache.attributeInput == merged {
            return lastAttributesNumber(generation)
        }
        cache.attributeInput = merged
        cache.attributeContext = context ?? -1
        cache.attributeLevel = observationLevel
        cache.attributes = Self.attributes(merged)
        cache.attributesNumber = (0, -1)
        return lastAttributesNumber(generation)
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
