import CLibXML2
import SDGCore

/// The SAX2 callbacks' state while reading one generic data message. Element names are interned in the parser's
/// dictionary once, so each callback compares pointers rather than strings (ENGINEERING.md: 2.5× the reader API).
final class GenericMessageState {
    static let genericNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
    static let messageNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    static let areaDimensions = ["REF_AREA", "GEO", "GEO_AREA", "COUNTRY", "AREA"]
    static let indicatorDimensions = ["SERIES", "INDICATOR", "INDIC", "MEASURE"]

    struct ParseError { var line: Int; var column: Int; var message: String }
    enum AttributeLevel { case dataSet, series, observation, group }

    let path: String
    let options: SourceOptions
    var pending: [IngestRecord] = []
    var fatalError: ParseError?
    var failure: IngestError?
    var rootName: String?
    var sawDataSet = false

    private var parser: xmlParserCtxtPtr?
    private var names: [String: UnsafePointer<xmlChar>] = [:]
    private var dimensionAtObservation = "TIME_PERIOD"
    private var depth = 0
    private var inSeriesKey = false, inObsKey = false, inGroup = false
    private var attributeLevel: AttributeLevel?
    private var dataSetAttributes: [String: String] = [:]
    private var seriesDimensions: [(String, String)] = []
    private var seriesAttributes: [String: String] = [:]
    private var obsDimensions: [(String, String)] = []
    private var obsAttributes: [String: String] = [:]
    private var obsValue: String?
    private var obsLine = 0

    init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> GenericMessageState {
        Unmanaged<GenericMessageState>.fromOpaque(context!).takeUnretainedValue()
    }

    func attach(_ parser: xmlParserCtxtPtr) {
        self.parser = parser
        for name in ["GenericData", "GenericTimeSeriesData", "DataSet", "Structure", "Series", "SeriesKey", "Obs", "ObsKey", "ObsDimension",
            "ObsValue", "Attributes", "Value", "Group", "GroupKey"]
        {
            names[name] = xmlDictLookup(parser.pointee.dict, name, -1)
        }
    }

    private func isName(_ pointer: UnsafePointer<xmlChar>?, _ name: String) -> Bool { pointer == names[name] }

    private func namespace(_ uri: UnsafePointer<xmlChar>?) -> String? {
        uri.map { String(cString: $0) }
    }

    private func attribute(_ wanted: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> String? {
        guard let attributes else { return nil }
        for i in 0..<count {
            let base = attributes + i * 5
            guard let localName = base[0], xmlStrEqual(localName, wanted) != 0, let begin = base[3], let end = base[4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
        }
        return nil
    }

    private var line: Int { parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        depth += 1
        if depth == 1 {
            rootName = localName.map { String(cString: $0) }
            let isGeneric = isName(localName, "GenericData") || isName(localName, "GenericTimeSeriesData")
            if !(isGeneric && namespace(uri) == Self.messageNamespace) {
                let ns = namespace(uri) ?? "no namespace"
                failure = .unsupportedMessage(file: path, root: rootName ?? "?",
                    hint: "Expected an SDMX-ML 2.1 GenericData message (namespace \(Self.messageNamespace)); found \(ns). "
                        + "This reader takes generic data; export the feed as SDMX-ML 2.1 generic data.")
                xmlStopParser(parser)
            }
            return
        }
        if isName(localName, "Structure"), namespace(uri) == Self.messageNamespace {
            if let dim = attribute("dimensionAtObservation", count, attributes) { dimensionAtObservation = dim }
            return
        }
        if isName(localName, "DataSet"), namespace(uri) == Self.messageNamespace {
            sawDataSet = true
            dataSetAttributes = [:]
            return
        }
        guard namespace(uri) == Self.genericNamespace else { return }
        if isName(localName, "Value") {
            guard let id = attribute("id", count, attributes), let value = attribute("value", count, attributes) else { return }
            if inSeriesKey { seriesDimensions.append((id, value)) }
            else if inObsKey { obsDimensions.append((id, value)) }
            else if let level = attributeLevel {
                switch level {
                case .dataSet: dataSetAttributes[id] = value
                case .series: seriesAttributes[id] = value
                case .observation: obsAttributes[id] = value
                case .group: break
                }
            }
        } else if isName(localName, "Series") {
            seriesDimensions.removeAll(keepingCapacity: true)
            seriesAttributes.removeAll(keepingCapacity: true)
        } else if isName(localName, "SeriesKey") {
            inSeriesKey = true
        } else if isName(localName, "Obs") {
            obsDimensions.removeAll(keepingCapacity: true)
            obsAttributes.removeAll(keepingCapacity: true)
            obsValue = nil
            obsLine = line
        } else if isName(localName, "ObsKey") {
            inObsKey = true
        } else if isName(localName, "ObsDimension") {
            if let value = attribute("value", count, attributes) {
                obsDimensions.append((attribute("id", count, attributes) ?? dimensionAtObservation, value))
            }
        } else if isName(localName, "ObsValue") {
            obsValue = attribute("value", count, attributes)
        } else if isName(localName, "Attributes") {
            attributeLevel = inGroup ? .group : (obsLine > 0 ? .observation : (seriesDimensions.isEmpty ? .dataSet : .series))
        } else if isName(localName, "Group") {
            inGroup = true
        }
    }

    func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        depth -= 1
        guard namespace(uri) == Self.genericNamespace else { return }
        if isName(localName, "SeriesKey") { inSeriesKey = false }
        else if isName(localName, "ObsKey") { inObsKey = false }
        else if isName(localName, "Attributes") { attributeLevel = nil }
        else if isName(localName, "Group") { inGroup = false }
        else if isName(localName, "Series") { seriesDimensions.removeAll(keepingCapacity: true) }
        else if isName(localName, "Obs") {
            finishObservation()
            obsLine = 0
        }
    }

    func recordError(_ error: xmlError) {
        guard error.level == XML_ERR_FATAL, fatalError == nil else { return }
        let message = error.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "unknown error"
        fatalError = ParseError(line: Int(error.line), column: Int(error.int2), message: message)
    }

    private func finishObservation() {
        let location = SourceLocation(file: path, line: obsLine, element: "generic:Obs")
        var dimensions = seriesDimensions + obsDimensions
        let raw = dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + ",OBS_VALUE=\(obsValue ?? "")"
        func reject(_ code: String, _ reason: String) {
            pending.append(.reject(Reject(source: options.name, location: location, code: code, raw: raw, reason: reason)))
        }
        // The time dimension is TIME_PERIOD in every SDMX 2.1 DSD; a series message may name another one at the
        // observation level. In a cross-sectional message the observation dimension is not time at all.
        let timeIndex = dimensions.firstIndex(where: { $0.0 == "TIME_PERIOD" })
            ?? dimensions.firstIndex(where: { $0.0 == dimensionAtObservation && dimensionAtObservation != "AllDimensions" })
        guard let timeIndex else {
            return reject("sdmx.no-period", "the observation has no TIME_PERIOD value")
        }
        let periodText = dimensions.remove(at: timeIndex).1
        guard let period = Period.parse(periodText) else {
            return reject("sdmx.period", "period '\(periodText)' cannot be read; expected an SDMX time period such as 2015, 2015-Q1 or 2015-03")
        }
        var value: Double?
        if let text = obsValue?.trimmingASCIIWhitespace(), !options.missingMarkers.contains(text) {
            guard let number = Double(text), number.isFinite else {
                return reject("sdmx.value-not-a-number", "OBS_VALUE '\(text)' is not a number")
            }
            value = number
        }
        func take(_ role: SourceOptions.Role, _ candidates: [String]) -> String? {
            let wanted = options.columns[role].map { [$0] } ?? candidates
            for id in wanted {
                if let i = dimensions.firstIndex(where: { $0.0 == id }) { return dimensions.remove(at: i).1 }
            }
            return options.defaults[role]
        }
        let area = take(.area, Self.areaDimensions) ?? ""
        let indicator = take(.indicator, Self.indicatorDimensions) ?? options.name
        var merged = dataSetAttributes
        merged.merge(seriesAttributes) { $1 }
        merged.merge(obsAttributes) { $1 }
        let attributes = ObservationAttributes(
            unit: merged["UNIT_MEASURE"], unitMultiplier: merged["UNIT_MULT"].flatMap { Int($0) },
            status: merged["OBS_STATUS"])
        let key = SeriesKey(
            source: options.name, indicator: indicator, area: area,
            dimensions: dimensions.map { SeriesKey.Dimension(id: $0.0, value: $0.1) })
        pending.append(.observation(Observation(key: key, period: period, value: value, attributes: attributes, location: location)))
    }
}
