import CLibXML2
import SDGCore

/// Reads SDMX-ML structure-specific data (2.1 `StructureSpecificData` / `StructureSpecificTimeSeriesData`, and 3.0):
/// `Series`, `Obs` and `Group` elements in the DSD's own namespace (any URI, often not a URL) whose plain XML
/// attributes are the dimensions and attributes. Without the DSD, attribute ids are told from dimensions by the SDMX
/// cross-domain concepts (`SDMXObservationAssembler.knownAttributes`).
final class StructureSpecificMessageState: SDMXMessageState {
    private var dataSetValues: [(String, String)] = []
    @exclusivity(unchecked) private var seriesDimensions: [(String, String)] = []
    @exclusivity(unchecked) private var seriesAttributes: [String: String] = [:]
    @exclusivity(unchecked) private var inSeries = false
    /// How many `Obs` are open, and the line of the outermost: an `Obs` inside another is a reject.
    @exclusivity(unchecked) private var obsDepth = 0
    @exclusivity(unchecked) private var obsLine = 0
    private var action: String?
    private var groups: [[(String, String)]] = []
    @exclusivity(unchecked) private var inDataSet = false
    /// Bumped at each series (or observation outside one), so the assembler knows when it may reuse the last key.
    @exclusivity(unchecked) private var context = 0
    /// Bumped whenever `seriesAttributes` change, so the assembler knows when it may reuse the last attribute set.
    @exclusivity(unchecked) private var attributesContext = 0
    /// The last series' attributes as read (before its data set's `action`), or nil when a group or data set began.
    @exclusivity(unchecked) private var lastSeriesAttributes: [(String, String)]?
    /// Whether the period comes as the observation's own `TIME_PERIOD` (not also as a series value).
    @exclusivity(unchecked) private var timeApart = true
    @exclusivity(unchecked) private var attributeNames:
        [(pointer: UnsafePointer<xmlChar>, id: String, isAttribute: Bool)] = []

    /// `OBS_VALUE` and `TIME_PERIOD` as libxml2's dictionary holds them: attribute names are compared by pointer.
    private var obsValueName: UnsafePointer<xmlChar>?, timePeriodName: UnsafePointer<xmlChar>?
    /// SDMX-ML 2.0 `CompactData`, whose observations often carry their period as `TIME` (held in `timeName`).
    var compact = false
    private var timeName: UnsafePointer<xmlChar>?

    override func attach(_ parser: xmlParserCtxtPtr) {
        super.attach(parser)
        obsValueName = UnsafePointer(xmlDictLookup(parser.pointee.dict, "OBS_VALUE", -1))
        timePeriodName = UnsafePointer(xmlDictLookup(parser.pointee.dict, "TIME_PERIOD", -1))
        if compact { timeName = UnsafePointer(xmlDictLookup(parser.pointee.dict, "TIME", -1)) }
    }

    override func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let n = names
        if isMessageNamespace(uri) {
            if localName == n.structure {
                if let dim = Self.attribute("dimensionAtObservation", count, attributes) {
                    assembler.dimensionAtObservation = dim
                }
                structureID = Self.attribute("structureID", count, attributes)
            }
            if localName == n.dataSet { startDataSet(count, attributes) }
            return
        }
        // Eurostat's dissemination API puts the DataSet in the structure's own namespace (`xsi:type` names its
        // type there), as the standard allows; outside a DataSet, a DataSet in any namespace opens one.
        if !inDataSet, localName == n.dataSet {
            startDataSet(count, attributes)
            return
        }
        guard inDataSet else { return }
        if localName == n.series {
            startSeries(count, attributes)
        } else if localName == n.group {
            groups.append(Self.plainAttributes(count, attributes).filter { $0.0 != "type" })
            lastSeriesAttributes = nil
        } else if localName == n.obs, obsDepth > 0 {
            obsDepth += 1
            rejectNestedObservation(element: "Obs", outerLine: obsLine)
        } else if localName == n.obs {
            (obsDepth, obsLine) = (1, line)
            if inSeries, timeApart, knownObservation(count, attributes) { return }
            if !inSeries {
                // Flat or observation-level layout: the data set's values are this observation's context.
                seriesDimensions = []
                seriesAttributes = [:]
                for (id, value) in dataSetValues {
                    if SDMXObservationAssembler.knownAttributes.contains(id) {
                        seriesAttributes[id] = value
                    } else {
                        seriesDimensions.append((id, value))
                    }
                }
                if let action { seriesAttributes[SDMXObservationAssembler.actionKey] = action }
                timeApart = !seriesDimensions.contains { $0.0 == "TIME_PERIOD" }
                context += 1
                attributesContext += 1
                lastSeriesAttributes = nil
            }
            var dimensions = seriesDimensions
            var observationLevel: [(String, String)] = []
            var value: String?
            var number: Double?
            var time: String?
            var timeSlot: Int?
            var ownDimensions = false
            var signature = true
            level.removeAll(keepingCapacity: true)
            if let attributes {
                for i in 0..<count {
                    let base = attributes + i * 5
                    guard base[2] == nil, let name = base[0], let begin = base[3], let end = base[4] else { continue }
                    if name == obsValueName {
                        (value, number) = observationValue(UnsafeBufferPointer(start: begin, count: end - begin))
                        continue
                    }
                    let (text, slot) = interner.interned(UnsafeBufferPointer(start: begin, count: end - begin))
                    if name == timePeriodName || (timeName != nil && name == timeName), timeApart {
                        (time, timeSlot) = (text, slot)
                        continue
                    }
                    let (id, isAttribute) = attributeName(name)
                    if isAttribute {
                        observationLevel.append((id, text))
                        if let slot { level.append((name, slot)) } else { signature = false }
                    } else if let j = dimensions.firstIndex(where: { $0.0 == id }) {
                        dimensions[j] = (id, text)
                        ownDimensions = true
                    } else {
                        dimensions.append((id, text))
                        ownDimensions = true
                    }
                }
            }
            // The series' key holds for every observation that brings no dimension of its own.
            let assembled = assembler.assemble(
                dimensions: dimensions, time: time, timeSlot: timeSlot, attributes: seriesAttributes,
                context: attributesContext, seriesContext: ownDimensions || time == nil ? nil : context,
                observationLevel: observationLevel,
                value: value, number: number, line: obsLine, element: "Obs")
            if assembled, inSeries, !ownDimensions, time != nil, signature {
                swap(&level, &lastLevel)
                lastLevelContext = attributesContext
            } else {
                lastLevelContext = -1
            }
        }
    }

    /// The observation-level attributes of the last observation assembled the long way, as attribute name and interner
    /// slot pairs, and its `attributesContext`: an observation with the same ones may take the short way.
    @exclusivity(unchecked) private var lastLevel: [(UnsafePointer<xmlChar>, Int)] = []
    @exclusivity(unchecked) private var lastLevelContext = -1
    @exclusivity(unchecked) private var level: [(UnsafePointer<xmlChar>, Int)] = []

    /// The short way for the common observation (`<Obs TIME_PERIOD="2015" OBS_VALUE="12.5" OBS_STATUS="A"/>` in a
    /// series): its period text and attributes seen before in this series, its value a plain decimal. The row then
    /// takes the numbers the assembler already gave the series' key, attribute set and period, and no `String` or
    /// array is made. Anything else (a dimension of its own, a value to judge, a new period) returns false and the
    /// observation goes the long way, which gives the same row.
    private func knownObservation(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> Bool {
        guard shortWay, let attributes, lastLevelContext == attributesContext, assembler.parsesBytes else {
            return false
        }
        var number: Double?
        var timeSlot: Int?
        var matched = 0
        for i in 0..<count {
            let base = attributes + i * 5
            guard base[2] == nil, let name = base[0], let begin = base[3], let end = base[4] else { continue }
            let bytes = UnsafeBufferPointer(start: begin, count: end - begin)
            if name == obsValueName {
                guard let value = DecimalParser.parse(bytes) else { return false }
                number = value
                continue
            }
            guard let slot = interner.slot(bytes) else { return false }
            if name == timePeriodName || (timeName != nil && name == timeName) {
                timeSlot = slot
                continue
            }
            // Every other attribute must be the last observation's, in the same order.
            guard matched < lastLevel.count, lastLevel[matched] == (name, slot) else { return false }
            matched += 1
        }
        guard matched == lastLevel.count, let timeSlot, let number else { return false }
        return assembler.appendKnown(
            seriesContext: context, attributesContext: attributesContext, timeSlot: timeSlot, value: number,
            line: obsLine, element: "Obs")
    }

    /// Splits a series' values into dimensions and attributes once, not for every observation. Ids and values are the
    /// interned ones, and a series whose attributes are the previous series' keeps its attribute set and
    /// `attributesContext`, so that the assembler reuses that set's number. With 25 observations a series, the work
    /// done once per series (this, the first observation the long way, its key) was a fifth of the samples of reading
    /// a structure-specific message (`perf`), the attribute set's merging and hashing a large part of it.
    private func startSeries(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var dimensions: [(String, String)] = []
        var attributeValues: [(String, String)] = []
        for (id, value) in dataSetValues {
            if SDMXObservationAssembler.knownAttributes.contains(id) {
                attributeValues.append((id, value))
            } else {
                dimensions.append((id, value))
            }
        }
        if let attributes {
            for i in 0..<count {
                let base = attributes + i * 5
                guard base[2] == nil, let name = base[0], let begin = base[3], let end = base[4] else { continue }
                let (id, isAttribute) = attributeName(name)
                let value = interner.string(UnsafeBufferPointer(start: begin, count: end - begin))
                if isAttribute {
                    attributeValues.append((id, value))
                } else {
                    dimensions.append((id, value))
                }
            }
        }
        if !groups.isEmpty {
            GroupKeys.fill(
                &dimensions, from: groups.map { $0.filter { !SDMXObservationAssembler.knownAttributes.contains($0.0) } }
            )
            for group in groups {
                let groupDimensions = group.filter { !SDMXObservationAssembler.knownAttributes.contains($0.0) }
                guard groupDimensions.allSatisfy({ g in dimensions.contains { $0.0 == g.0 && $0.1 == g.1 } }) else {
                    continue
                }
                // The series' own attributes win over its groups'.
                for (id, value) in group
                where SDMXObservationAssembler.knownAttributes.contains(id)
                    && !attributeValues.contains(where: { $0.0 == id })
                {
                    attributeValues.append((id, value))
                }
            }
        }
        seriesDimensions = dimensions
        if let last = lastSeriesAttributes, last.count == attributeValues.count,
            zip(last, attributeValues).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 })
        {
            // The same attributes as the previous series: the same set.
        } else {
            var merged: [String: String] = [:]
            for (id, value) in attributeValues { merged[id] = value }
            if let action { merged[SDMXObservationAssembler.actionKey] = action }
            seriesAttributes = merged
            attributesContext += 1
            lastSeriesAttributes = attributeValues
        }
        timeApart = !seriesDimensions.contains { $0.0 == "TIME_PERIOD" }
        context += 1
        inSeries = true
    }

    /// An attribute's name as text, and whether it names an SDMX attribute (not a dimension), cached by the
    /// dictionary pointer libxml2 gives it.
    private func attributeName(_ name: UnsafePointer<xmlChar>) -> (String, Bool) {
        if let known = attributeNames.first(where: { $0.pointer == name }) { return (known.id, known.isAttribute) }
        let id = String(cString: name)
        let entry = (pointer: name, id: id, isAttribute: SDMXObservationAssembler.knownAttributes.contains(id))
        if attributeNames.count < 256 { attributeNames.append(entry) }
        return (id, entry.isAttribute)
    }

    override func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        if localName == names.obs, obsDepth > 0 { obsDepth -= 1 }
        if localName == names.series { inSeries = false }
        if localName == names.dataSet { inDataSet = false }
    }

    private func startDataSet(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        sawDataSet = true
        dataSets += 1
        inDataSet = true
        action = Self.attribute("action", count, attributes)
        dataSetValues = Self.plainAttributes(count, attributes).filter {
            ![
                "action", "setID", "dataScope", "structureRef", "reportingBeginDate", "reportingEndDate",
                "validFromDate", "validToDate", "publicationYear", "publicationPeriod",
                // SDMX-ML 2.0's bookkeeping on a compact DataSet
                "keyFamilyURI", "datasetID", "dataProviderSchemeAgencyId", "dataProviderSchemeId", "dataProviderID",
                "dataflowAgencyID", "dataflowID",
            ].contains($0.0)
        }
        groups = []
        lastSeriesAttributes = nil
    }
}
