import CLibXML2
import SDGCore

/// Reads SDMX-ML generic data — 2.1 `GenericData` / `GenericTimeSeriesData` (series, flat `ObsKey` and
/// cross-sectional layouts, groups, attributes at every level, several data sets) and the 2.0 generic data the SDMX
/// Converter still produces (`concept` instead of `id`, the period in a `Time` element). Namespaces are matched by URI.
final class GenericMessageState: SDMXMessageState {
    static let genericNamespaces: Set<String> = [
        "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
        "http://www.SDMX.org/resources/SDMXML/schemas/v2_0/generic",
    ]
    static let footerNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message/footer"

    enum AttributeLevel { case dataSet, series, observation, group }

    let version: String
    @exclusivity(unchecked) private var inSeriesKey = false, inObsKey = false, inGroupKey = false, inGroup = false
    @exclusivity(unchecked) private var attributeLevel: AttributeLevel?
    @exclusivity(unchecked) private var dataSetAttributes: [String: String] = [:]
    @exclusivity(unchecked) private var seriesDimensions: [(String, String)] = []
    @exclusivity(unchecked) private var seriesAttributes: [String: String] = [:]
    @exclusivity(unchecked) private var groups: [(key: [(String, String)], attributes: [String: String])] = []
    @exclusivity(unchecked) private var groupKey: [(String, String)] = []
    @exclusivity(unchecked) private var groupAttributes: [String: String] = [:]
    @exclusivity(unchecked) private var obsDimensions: [(String, String)] = []
    /// The observation's own attributes, in document order (a later one with the same id wins).
    @exclusivity(unchecked) private var obsAttributes: [(String, String)] = []
    @exclusivity(unchecked) private var obsValue: String?
    @exclusivity(unchecked) private var obsNumber: Double?
    /// The interner slot of the last `ObsDimension` value (the period, in a series message).
    @exclusivity(unchecked) private var obsDimensionSlot: Int?
    /// Whether the observation dimension is also a series or group dimension, per series (`timeApartContext`).
    @exclusivity(unchecked) private var timeApart = (context: -1, dimension: "", apart: false)
    /// The data set's, matching groups' and series' attributes merged, kept until one of them changes.
    private var seriesContext: [String: String]? { didSet { if seriesContext == nil { context += 1 } } }
    /// Numbers `seriesContext`: while it stays, the assembler may reuse the last observation's attribute set.
    @exclusivity(unchecked) private var context = 0
    @exclusivity(unchecked) private var obsLine = 0
    /// How many `Obs` are open: above 1 inside a nested one, whose content is skipped.
    @exclusivity(unchecked) private var obsDepth = 0
    @exclusivity(unchecked) private var capturing: String?
    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var inFooterMessage = false
    /// The observation-level attributes of the last observation assembled the long way, and its `context`.
    @exclusivity(unchecked) private var lastLevel: [(String, String)] = []
    @exclusivity(unchecked) private var lastLevelContext = -1

    init(path: String, options: SourceOptions, version: String, internerCapacity: Int = 8192) {
        self.version = version
        super.init(path: path, options: options, internerCapacity: internerCapacity)
    }

    @inline(__always) private func isGeneric(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri else { return false }
        return names.genericNamespaces.contains(uri)
    }

    override func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let n = names
        if isGeneric(uri) {
            if obsDepth > 1 || (obsDepth == 1 && localName == n.obs) {
                // Inside a nested Obs: nothing of it is read.
                if localName == n.obs {
                    obsDepth += 1
                    if obsDepth == 2 { rejectNestedObservation(element: "generic:Obs", outerLine: obsLine) }
                }
                return
            }
            if localName == n.value {
                guard
                    let id =
                        (internedAttribute(n.idAttribute, count, attributes)
                        ?? internedAttribute(n.conceptAttribute, count, attributes))?.text,
                    let value = internedAttribute(n.valueAttribute, count, attributes)?.text
                else { return }
                if inSeriesKey {
                    seriesDimensions.append((id, value))
                    seriesContext = nil
                } else if inObsKey {
                    obsDimensions.append((id, value))
                } else if inGroupKey {
                    groupKey.append((id, value))
                } else if let level = attributeLevel {
                    switch level {
                    case .dataSet:
                        dataSetAttributes[id] = value
                        seriesContext = nil
                    case .series:
                        seriesAttributes[id] = value
                        seriesContext = nil
                    case .observation: obsAttributes.append((id, value))
                    case .group: groupAttributes[id] = value
                    }
                }
            } else if localName == n.obs {
                obsDepth = 1
                obsDimensionSlot = nil
                obsDimensions.removeAll(keepingCapacity: true)
                obsAttributes.removeAll(keepingCapacity: true)
                obsValue = nil
                obsNumber = nil
                obsLine = line
            } else if localName == n.obsDimension {
                if let (value, slot) = internedAttribute(n.valueAttribute, count, attributes) {
                    obsDimensions.append(
                        (
                            internedAttribute(n.idAttribute, count, attributes)?.text
                                ?? assembler.dimensionAtObservation, value
                        ))
                    obsDimensionSlot = slot
                }
            } else if localName == n.obsValue {
                (obsValue, obsNumber) =
                    Self.attributeBytes(n.valueAttribute, count, attributes).map(observationValue) ?? (nil, nil)
            } else if localName == n.attributes {
                attributeLevel =
                    inGroup ? .group : (obsLine > 0 ? .observation : (seriesDimensions.isEmpty ? .dataSet : .series))
            } else if localName == n.series {
                seriesDimensions.removeAll(keepingCapacity: true)
                seriesAttributes.removeAll(keepingCapacity: true)
                seriesContext = nil
            } else if localName == n.seriesKey {
                inSeriesKey = true
            } else if localName == n.obsKey {
                inObsKey = true
            } else if localName == n.time {
                begin("time")
            } else if localName == n.group {
                inGroup = true
                groupKey = []
                groupAttributes = [:]
            } else if localName == n.groupKey {
                inGroupKey = true
            }
            return
        }
        if isMessageNamespace(uri) {
            if localName == n.structure {
                if let dim = Self.attribute("dimensionAtObservation", count, attributes) {
                    assembler.dimensionAtObservation = dim
                }
                structureID = Self.attribute("structureID", count, attributes)
            } else if localName == n.dataSet {
                sawDataSet = true
                dataSets += 1
                dataSetAttributes = [:]
                if let action = Self.attribute("action", count, attributes) {
                    dataSetAttributes[SDMXObservationAssembler.actionKey] = action
                }
                groups = []
                seriesContext = nil
            }
            return
        }
        if uri != nil, uri == n.footerNamespace, localName == n.message {
            inFooterMessage = true
            return
        }
        if inFooterMessage, localName == n.text { begin("footer") }
    }

    override func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        let n = names
        if capturing != nil, localName == n.text || localName == n.time {
            let value = String(decoding: text, as: UTF8.self).trimmingASCIIWhitespace()
            if capturing == "footer" { footer.append(value) } else { obsDimensions.append(("TIME_PERIOD", value)) }
            capturing = nil
            return
        }
        if uri != nil, uri == n.footerNamespace, localName == n.message {
            inFooterMessage = false
            return
        }
        guard isGeneric(uri) else { return }
        if obsDepth > 1 {
            if localName == n.obs { obsDepth -= 1 }
        } else if localName == n.obs {
            obsDepth = 0
            finishObservation()
            obsLine = 0
        } else if localName == n.attributes {
            attributeLevel = nil
        } else if localName == n.seriesKey {
            inSeriesKey = false
            GroupKeys.fill(&seriesDimensions, from: groups.map(\.key))
        } else if localName == n.obsKey {
            inObsKey = false
        } else if localName == n.groupKey {
            inGroupKey = false
        } else if localName == n.group {
            inGroup = false
            groups.append((groupKey, groupAttributes))
            seriesContext = nil
        } else if localName == n.series {
            seriesDimensions.removeAll(keepingCapacity: true)
            seriesContext = nil
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
        if capturing != nil { text.append(contentsOf: bytes) }
    }

    private func begin(_ what: String) {
        capturing = what
        text.removeAll(keepingCapacity: true)
    }

    private func finishObservation() {
        // The common case, an observation whose only dimension is its period: the series' merged attributes are
        // reused and the period goes to the assembler apart, so nothing is copied per observation.
        if obsDimensions.count == 1,
            obsDimensions[0].0 == "TIME_PERIOD" || obsDimensions[0].0 == assembler.dimensionAtObservation,
            isApart(obsDimensions[0].0)
        {
            let attributes = seriesContext ?? merged(seriesDimensions)
            seriesContext = attributes
            // The short way: the same observation-level attributes as the last observation assembled the long way in
            // this context, a plain decimal value and a period whose text was met before take the numbers the
            // assembler gave them then.
            if shortWay, lastLevelContext == context, let slot = obsDimensionSlot, let number = obsNumber,
                obsAttributes.count == lastLevel.count,
                zip(obsAttributes, lastLevel).allSatisfy({ $0.0 == $1.0 && $0.1 == $1.1 }),
                assembler.appendKnown(
                    seriesContext: context, attributesContext: context, timeSlot: slot, value: number, line: obsLine,
                    element: "generic:Obs")
            {
                return
            }
            // While the context stands, so do the series' dimensions: the assembler reuses their key.
            let assembled = assembler.assemble(
                dimensions: seriesDimensions, time: obsDimensions[0].1, timeSlot: obsDimensionSlot,
                attributes: attributes, context: context, seriesContext: context, observationLevel: obsAttributes,
                value: obsValue,
                number: obsNumber, line: obsLine, element: "generic:Obs")
            if assembled, obsDimensionSlot != nil {
                (lastLevel, lastLevelContext) = (obsAttributes, context)
            } else {
                lastLevelContext = -1
            }
            return
        }
        lastLevelContext = -1
        let dimensions = seriesDimensions + obsDimensions
        assembler.assemble(
            dimensions: dimensions, attributes: merged(dimensions), observationLevel: obsAttributes,
            value: obsValue, number: obsNumber, line: obsLine, element: "generic:Obs")
    }

    /// Whether the observation dimension `id` is neither a series nor a group dimension: then the period goes to the
    /// assembler apart. Decided once per series context (the series' dimensions and the groups stay until it changes).
    private func isApart(_ id: String) -> Bool {
        if timeApart.context == context, timeApart.dimension == id { return timeApart.apart }
        let apart =
            !seriesDimensions.contains(where: { $0.0 == "TIME_PERIOD" || $0.0 == id })
            && groups.allSatisfy({ group in !group.key.contains { $0.0 == id } })
        timeApart = (context, id, apart)
        return apart
    }

    /// The attributes that apply to an observation with these dimensions before its own: data set, groups, series.
    private func merged(_ dimensions: [(String, String)]) -> [String: String] {
        var attributes = dataSetAttributes
        for group in groups where group.key.allSatisfy({ g in dimensions.contains { $0.0 == g.0 && $0.1 == g.1 } }) {
            attributes.merge(group.attributes) { $1 }
        }
        attributes.merge(seriesAttributes) { $1 }
        return attributes
    }
}
