import CLibXML2
import SDGCore

/// Reads SDMX-ML structure-specific data (2.1 `StructureSpecificData` / `StructureSpecificTimeSeriesData`, and 3.0):
/// `Series`, `Obs` and `Group` elements in the DSD's own namespace (any URI, often not a URL) whose plain XML
/// attributes are the dimensions and attributes. Without the DSD, attribute ids are told from dimensions by the SDMX
/// cross-domain concepts (`SDMXObservationAssembler.knownAttributes`).
final class StructureSpecificMessageState: SDMXMessageState {
    private var dataSetValues: [(String, String)] = []
    private var seriesValues: [(String, String)] = []
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
                dataSetValues = Self.plainAttributes(count, attributes).filter { !["action", "setID", "dataScope", "structureRef", "reportingBeginDate", "reportingEndDate", "validFromDate", "validToDate", "publicationYear", "publicationPeriod"].contains($0.0) }
                groups = []
            }
            return
        }
        guard inDataSet else { return }
        if localName == n.series {
            seriesValues = Self.plainAttributes(count, attributes)
        } else if localName == n.group {
            groups.append(Self.plainAttributes(count, attributes).filter { $0.0 != "type" })
        } else if localName == n.obs {
            var values = dataSetValues
            for group in groups {
                let dimensions = group.filter { !SDMXObservationAssembler.knownAttributes.contains($0.0) }
                if dimensions.allSatisfy({ g in seriesValues.contains { $0.0 == g.0 && $0.1 == g.1 } }) {
                    values += group.filter { SDMXObservationAssembler.knownAttributes.contains($0.0) }
                }
            }
            values += seriesValues + Self.plainAttributes(count, attributes)
            var dimensions: [(String, String)] = [], attributesByID: [String: String] = [:]
            var value: String?
            for (id, text) in values {
                if id == "OBS_VALUE" { value = text }
                else if SDMXObservationAssembler.knownAttributes.contains(id) { attributesByID[id] = text }
                else if let i = dimensions.firstIndex(where: { $0.0 == id }) { dimensions[i] = (id, text) }
                else { dimensions.append((id, text)) }
            }
            pending.append(assembler.assemble(dimensions: dimensions, attributes: attributesByID, value: value, line: line, element: "Obs"))
        }
    }

    override func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        if localName == names.series { seriesValues = [] }
        if localName == names.dataSet, isMessageNamespace(uri) { inDataSet = false }
    }
}
