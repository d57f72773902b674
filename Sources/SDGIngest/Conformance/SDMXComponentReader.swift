import CLibXML2
import SDGCore
import SDGSystem

/// One observation of an SDMX data message as written: each component's raw value (dimensions, attributes at every
/// attachment level, the time period and the measure), before any reading into series. What a conformance check
/// needs, since the pipeline's readers normalise values that a check must see as they are.
public struct SDMXDataPoint: Sendable {
    /// By component number (`SDMXComponents`); an empty string where the observation has no value.
    public var values: [String]
    /// Components the data structure does not have, as the file names them.
    public var extra: [(String, String)] = []
    public var location: SourceLocation

    public init(values: [String], extra: [(String, String)] = [], location: SourceLocation) {
        self.values = values
        self.extra = extra
        self.location = location
    }

    /// The point of a merged set of values (an XML observation's data set, group, series and own values).
    init(_ merged: [String: String], _ components: SDMXComponents, location: SourceLocation) {
        var values = [String](repeating: "", count: components.ids.count)
        var extra: [(String, String)] = []
        for (id, value) in merged {
            if let i = components.index[id] { values[i] = value } else { extra.append((id, value)) }
        }
        self.init(values: values, extra: extra, location: location)
    }
}

/// What a data message holds besides its observations: the components it names anywhere (a column, an XML
/// attribute or a `Value id`), so that a component that never occurs is told from one left empty.
public struct SDMXDataMessage: Sendable {
    public var path: String
    public var format: String
    public var components: Set<String> = []
    public var observations = 0
    /// The data structure or dataflow the message says it follows (`AGENCY:ID(VERSION)`), when it says.
    public var structureReference: String?
}

/// Streams the observations of an SDMX data file component by component, for `validate --structure`: SDMX-ML 2.1
/// generic and structure-specific data (series, flat and cross-sectional layouts; 3.0 structure-specific alike) on
/// libxml2's push parser, and SDMX-CSV 1.0 and 2.0 (labels `ID: Name` cut to the id). Memory is flat: one series'
/// values at a time, plus the groups seen so far (a group's attributes apply to the series that follow it).
public enum SDMXComponentReader {
    public static func read(
        path: String, structure: SDMXStructure, _ handle: (SDMXDataPoint) throws -> Void
    ) throws -> SDMXDataMessage {
        if try firstByte(path) == UInt8(ascii: "<") {
            return try readXML(path: path, structure: structure, handle)
        }
        return try readCSV(path: path, structure: structure, handle)
    }

    /// The first byte that is not white space or a byte-order mark (of the decompressed text for a gzip file).
    static func firstByte(_ path: String) throws -> UInt8? {
        var bytes = [UInt8](repeating: 0, count: 512)
        let count: Int
        if CompressedInput.isGzip(path: path) {
            let input = try CompressedInput(path: path)
            count = try bytes.withUnsafeMutableBytes { try input.read($0.baseAddress!, $0.count) }
        } else {
            let fd = open(path, O_RDONLY)
            if fd < 0 { throw IngestError.system(path: path, errno: errno) }
            defer { close(fd) }
            count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 { throw IngestError.system(path: path, errno: errno) }
        }
        return bytes.prefix(max(0, count)).first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    }

    /// SDMX-CSV's columns that describe the message, not a component.
    static let csvMessageColumns: Set<String> = ["DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"]

    static func readCSV(
        path: String, structure: SDMXStructure, _ handle: (SDMXDataPoint) throws -> Void
    ) throws -> SDMXDataMessage {
        let reader = try CSVRecordReader(path: path)
        guard let header = try reader.next() else {
            throw IngestError.noObservations(path: path, notices: ["the file is empty"])
        }
        let labelled = header.fields.contains { $0.contains(": ") }
        let names = header.fields.map { field in
            String(field.split(separator: ":", maxSplits: 1).first ?? "").trimmingASCIIWhitespace()
        }
        guard names.first == "DATAFLOW" || names.first == "STRUCTURE" else {
            throw IngestError.unsupportedMessage(
                file: path, root: names.first ?? "(empty header)",
                hint:
                    "Expected SDMX-ML (XML) or SDMX-CSV, whose first column is DATAFLOW (1.0) or STRUCTURE (2.0). For another CSV layout, read it with a pipeline and export it with outputs.sdmx."
            )
        }
        var message = SDMXDataMessage(path: path, format: names.first == "DATAFLOW" ? "SDMX-CSV 1.0" : "SDMX-CSV 2.0")
        let columns = names.indices.filter { !csvMessageColumns.contains(names[$0]) && !names[$0].isEmpty }
        message.components = Set(columns.map { names[$0] })
        let components = SDMXComponents(structure)
        // Each column's component number, found once (nil: a column the structure does not have).
        let slots = columns.map { (column: $0, slot: components.index[names[$0]]) }
        while let record = try reader.next() {
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            var values = [String](repeating: "", count: components.ids.count)
            var extra: [(String, String)] = []
            for (i, slot) in slots where i < record.fields.count {
                var cell = record.fields[i]
                if labelled, let colon = cell.range(of: ": ") { cell = String(cell[..<colon.lowerBound]) }
                if let slot { values[slot] = cell } else { extra.append((names[i], cell)) }
            }
            message.observations += 1
            // A dataflow names no data structure by itself; only SDMX-CSV 2.0's `datastructure` rows are compared.
            if message.structureReference == nil, let kind = names.firstIndex(of: "STRUCTURE"),
                let id = names.firstIndex(of: "STRUCTURE_ID"), id < record.fields.count,
                record.fields[kind].lowercased() == "datastructure"
            {
                message.structureReference = record.fields[id]
            }
            try handle(
                SDMXDataPoint(values: values, extra: extra, location: SourceLocation(file: path, line: record.line)))
        }
        return message
    }

    static func readXML(
        path: String, structure: SDMXStructure, _ handle: (SDMXDataPoint) throws -> Void
    ) throws -> SDMXDataMessage {
        let state = ComponentMessageState(path: path, structure: structure)
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, localName, _, uri, _, _, count, _, attributes in
            Unmanaged<ComponentMessageState>.fromOpaque(context!).takeUnretainedValue().start(
                localName, uri, Int(count), attributes)
        }
        sax.endElementNs = { context, localName, _, _ in
            Unmanaged<ComponentMessageState>.fromOpaque(context!).takeUnretainedValue().end(localName)
        }
        sax.serror = { context, error in
            guard let context, let error, LibXML2Setup.stopsReading(error.pointee) else { return }
            let state = Unmanaged<ComponentMessageState>.fromOpaque(context).takeUnretainedValue()
            if state.error == nil { state.error = SDMXMessageState.ParseError(error.pointee) }
        }
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        try LibXML2PushParser.parse(path: path, sax: &sax, context: unmanaged.toOpaque(), attach: { state.parser = $0 })
        {
            status, sawBytes, _ in
            for point in state.pending { try handle(point) }
            state.pending.removeAll(keepingCapacity: true)
            if let error = state.error { throw error.ingestError(file: path) }
            if status != 0 {
                throw IngestError.malformedXML(
                    location: SourceLocation(file: path),
                    message: sawBytes ? "parser error \(status)" : "the file is empty")
            }
        }
        guard state.kind != nil else {
            throw IngestError.unsupportedMessage(
                file: path, root: state.root ?? "(none)",
                hint: state.root == "Structure"
                    ? "This is a structure message: give it with --structure, and the data files as arguments."
                    : "Expected an SDMX-ML 2.1 or 3.0 data message (GenericData or StructureSpecificData); validate --structure does not read SDMX-ML 2.0."
            )
        }
        return state.message
    }
}

/// The SAX state of `SDMXComponentReader`: the values of the data set, the groups, the series and the observation
/// being read, merged into one data point when an observation ends.
private final class ComponentMessageState {
    enum Kind { case generic, structureSpecific }
    let path: String
    let structure: SDMXStructure
    let dimensions: Set<String>
    let components: SDMXComponents
    var parser: xmlParserCtxtPtr?
    var error: SDMXMessageState.ParseError?
    var root: String?
    var kind: Kind?
    lazy var message = SDMXDataMessage(path: path, format: "SDMX-ML")
    var pending: [SDMXDataPoint] = []
    private var dimensionAtObservation: String
    private var dataSet: [String: String] = [:]
    private var groups: [[String: String]] = []
    private var series: [String: String] = [:]
    private var observation: [String: String] = [:]
    private var observationLine = 0
    /// Where generic `Value id= value=` elements go: the data set, a group, the series or the observation.
    private enum Level { case dataSet, group, series, observation }
    private var level: Level?
    private var inDataSet = false

    /// Attributes of a structure-specific `DataSet` or `Group` that describe it rather than give a component's value.
    static let messageAttributes: Set<String> = [
        "structureRef", "setID", "action", "reportingBeginDate", "reportingEndDate", "validFromDate", "validToDate",
        "publicationYear", "publicationPeriod", "dataScope", "type", "id",
    ]

    init(path: String, structure: SDMXStructure) {
        self.path = path
        self.structure = structure
        components = SDMXComponents(structure)
        dimensions = Set(structure.dimensions)
        dimensionAtObservation = structure.timeDimension ?? "TIME_PERIOD"
    }

    private var line: Int { parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    /// The element's attributes in no namespace (a prefixed one such as `xsi:type` is the message's, not data).
    private func plainAttributes(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        -> [String: String]
    {
        guard let attributes else { return [:] }
        var result: [String: String] = [:]
        for i in 0..<count {
            let base = attributes + i * 5
            guard base[2] == nil, let name = base[0], let begin = base[3], let end = base[4] else { continue }
            let key = String(cString: name)
            if Self.messageAttributes.contains(key) { continue }
            result[key] = String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
        }
        return result
    }

    func start(
        _ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let local else { return }
        let name = String(cString: local)
        if root == nil {
            root = name
            switch name {
            case "GenericData", "GenericTimeSeriesData": kind = .generic
            case "StructureSpecificData", "StructureSpecificTimeSeriesData": kind = .structureSpecific
            default: kind = nil
            }
            message.format = kind == .generic ? "SDMX-ML generic" : "SDMX-ML structure-specific"
            return
        }
        guard let kind else { return }
        switch name {
        case "Structure" where !inDataSet:
            if let at = SDMXMessageState.attribute("dimensionAtObservation", count, attributes), at != "AllDimensions" {
                dimensionAtObservation = at
            }
            if let id = SDMXMessageState.attribute("structureID", count, attributes) {
                message.structureReference = id
            }
        case "Ref" where !inDataSet:
            let kind = SDMXMessageState.attribute("class", count, attributes) ?? "DataStructure"
            if kind == "DataStructure", let id = SDMXMessageState.attribute("id", count, attributes) {
                let agency = SDMXMessageState.attribute("agencyID", count, attributes).map { $0 + ":" } ?? ""
                let version = SDMXMessageState.attribute("version", count, attributes).map { "(\($0))" } ?? ""
                message.structureReference = agency + id + version
            }
        case "DataSet":
            inDataSet = true
            if kind == .structureSpecific { dataSet = note(plainAttributes(count, attributes)) }
            level = .dataSet
        case "Group" where inDataSet:
            level = .group
            groups.append(kind == .structureSpecific ? note(plainAttributes(count, attributes)) : [:])
        case "Series" where inDataSet:
            level = .series
            series = kind == .structureSpecific ? note(plainAttributes(count, attributes)) : [:]
        case "Obs" where inDataSet:
            level = .observation
            observationLine = line
            observation = kind == .structureSpecific ? note(plainAttributes(count, attributes)) : [:]
        case "ObsDimension" where kind == .generic:
            if let value = SDMXMessageState.attribute("value", count, attributes) {
                observation[dimensionAtObservation] = value
                message.components.insert(dimensionAtObservation)
            }
        case "ObsValue" where kind == .generic:
            message.components.insert(structure.primaryMeasure)
            observation[structure.primaryMeasure] = SDMXMessageState.attribute("value", count, attributes) ?? ""
        case "Value" where kind == .generic && level != nil:
            guard let id = SDMXMessageState.attribute("id", count, attributes) else { return }
            let value = SDMXMessageState.attribute("value", count, attributes) ?? ""
            message.components.insert(id)
            switch level {
            case .dataSet: dataSet[id] = value
            case .group: groups[groups.count - 1][id] = value
            case .series: series[id] = value
            case .observation: observation[id] = value
            case nil: break
            }
        default: break
        }
    }

    private func note(_ values: [String: String]) -> [String: String] {
        message.components.formUnion(values.keys)
        return values
    }

    func end(_ local: UnsafePointer<xmlChar>?) {
        guard let local, kind != nil else { return }
        switch String(cString: local) {
        case "Obs":
            var values = dataSet
            for group in groups where matches(group, series) {
                values.merge(group) { current, _ in current }
            }
            values.merge(series) { _, new in new }
            values.merge(observation) { _, new in new }
            message.observations += 1
            pending.append(
                SDMXDataPoint(
                    values, components, location: SourceLocation(file: path, line: observationLine, element: "Obs")))
            observation = [:]
            level = series.isEmpty ? .dataSet : .series
        case "Series":
            series = [:]
            level = .dataSet
        case "Group":
            level = .dataSet
        case "DataSet":
            inDataSet = false
            dataSet = [:]
            groups = []
            level = nil
        default: break
        }
    }

    /// Whether a group's key (its values for dimensions) agrees with the series.
    private func matches(_ group: [String: String], _ series: [String: String]) -> Bool {
        group.allSatisfy { key, value in !dimensions.contains(key) || series[key] == nil || series[key] == value }
    }
}
