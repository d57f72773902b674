import CLibXML2
import SDGCore

/// Reads SDMX-ML structure-specific data (2.1 `StructureSpecificData` / `StructureSpecificTimeSeriesData`, and 3.0):
/// `Series`, `Obs` and `Group` elements in the DSD's own namespace (any URI, often not a URL) whose plain XML
/// attributes are the dimensions and attributes. Without the DSD, attribute ids are told from dimensions by the SDMX
/// cross-domain concepts (`SDMXObservationAssembler.knownAttributes`).
final class StructureSpecificMessageState: SDMXMessageState {
    private var dataSetValues: [(String, String)] = []
    private var seriesDimensions: [(String, String)] = []
    private var seriesAttributes: [String: String] = [:]
    private var inSeries = false
    private var action: String?
    private var groups: [[(String, String)]] = []
    private var inDataSet = false

    override func startElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let n = names
        if isMessageNamespace(uri) {
            if localName == n.structure {
                if let dim = Self.attribute("dimensionAtObservation", count, attributes) { assembler.dimensionAtObservation = dim }
                structureID = Self.attribute("structureID", count, attributes)
            }
            if localName == n.dataSet {
                sawDataSet = true
                dataSets += 1
                inDataSet = true
                action = Self.attribute("action", count, attributes)
                dataSetValues = Self.plainAttributes(count, attributes).filter { !["action", "setID", "dataScope", "structureRef", "reportingBeginDate", "reportingEndDate", "validFromDate", "validToDate", "publicationYear", "publicationPeriod"].contains($0.0) }
                groups = []
            }
            return
        }
        guard inDataSet else { return }
        if localName == n.series {
            // Split the series' values into dimensions and attributes once, not for every observation.
            seriesDimensions = []
            seriesAttributes = [:]
            for (id, value) in dataSetValues + Self.plainAttributes(count, attributes) {
                if SDMXObservationAssembler.knownAttributes.contains(id) { seriesAttributes[id] = value } else { seriesDimensions.append((id, value)) }
            }
            for group in groups {
                let dimensions = group.filter { !SDMXObservationAssembler.knownAttributes.contains($0.0) }
                if dimensions.allSatisfy({ g in seriesDimensions.contains { $0.0 == g.0 && $0.1 == g.1 } }) {
                    for (id, value) in group where SDMXObservationAssembler.knownAttributes.contains(id) && seriesAttributes[id] == nil {
                        seriesAttributes[id] = value
                    }
                }
            }
            inSeries = true
        } else if localName == n.group {
            groups.append(Self.plainAttributes(count, attributes).filter { $0.0 != "type" })
        } else if localName == n.obs {
            if !inSeries {
                // Flat or observation-level layout: the data set's values are this observation's context.
                seriesDimensions = []
                seriesAttributes = [:]
                for (id, value) in dataSetValues {
                    if SDMXObservationAssembler.knownAttributes.contains(id) { seriesAttributes[id] = value } else { seriesDimensions.append((id, value)) }
                }
            }
            var dimensions = seriesDimensions
            var attributesByID = seriesAttributes
            if let action { attributesByID[SDMXObservationAssembler.actionKey] = action }
            var value: String?
            if let attributes {
                for i in 0..<count {
                    let base = attributes + i * 5
                    guard base[2] == nil, let name = base[0], let begin = base[3], let end = base[4] else { continue }
                    let text = String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
                    if xmlStrEqual(name, "OBS_VALUE") != 0 { value = text; continue }
                    let id = String(cString: name)
                    if SDMXObservationAssembler.knownAttributes.contains(id) { attributesByID[id] = text }
                    else if let j = dimensions.firstIndex(where: { $0.0 == id }) { dimensions[j] = (id, text) }
                    else { dimensions.append((id, text)) }
                }
            }
            pending.append(assembler.assemble(dimensions: dimensions, attributes: attributesByID, value: value, line: line, element: "Obs"))
        }
    }

    override func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        if localName == names.series { inSeries = false }
        if localName == names.dataSet, isMessageNamespace(uri) { inDataSet = false }
    }
}
