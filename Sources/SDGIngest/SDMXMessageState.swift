import CLibXML2
import SDGCore

/// What every SDMX data reader's SAX2 state shares: the assembler whose batches wait to be handed on, the first fatal
/// XML error, a failure that stops the parse, and helpers to read attributes as byte slices.
class SDMXMessageState {
    struct ParseError {
        var line: Int
        var column: Int
        var message: String
        var undefinedEntity = false
    }

    let path: String
    let options: SourceOptions
    let assembler: SDMXObservationAssembler
    @exclusivity(unchecked) var failure: IngestError?
    var fatalError: ParseError?
    var sawDataSet = false
    /// Texts of footer messages (`footer:Footer`), reported when a message carries no data.
    var footer: [String] = []
    /// The header's structure reference (`structureID`, or the 2.0 `KeyFamilyRef`).
    var structureID: String?
    var dataSets = 0
    var parser: xmlParserCtxtPtr?
    /// Codes, ids and periods repeat across millions of elements: each distinct one becomes a `String` once.
    let interner: TextInterner
    /// Whether an observation may take its reader's short way; `false` only in tests (`SDMXDataReader.shortWay`).
    var shortWay = true

    init(path: String, options: SourceOptions, internerCapacity: Int = 8192) {
        self.path = path
        self.options = options
        self.interner = TextInterner(capacity: internerCapacity)
        self.assembler = SDMXObservationAssembler(path: path, options: options)
    }

    /// Element names and namespace URIs interned in the parser's dictionary: libxml2 hands the callbacks pointers from
    /// the same dictionary, so a name is recognised by one pointer comparison instead of building a `String`.
    struct Names {
        typealias P = UnsafePointer<xmlChar>?
        var structure: P = nil, dataSet: P = nil, series: P = nil, seriesKey: P = nil, group: P = nil, groupKey: P = nil
        var obs: P = nil, obsKey: P = nil, obsDimension: P = nil, obsValue: P = nil, attributes: P = nil, value: P = nil
        var time: P = nil, message: P = nil, text: P = nil
        /// Attribute names, likewise interned: `value`, `id`, `concept`.
        var valueAttribute: P = nil, idAttribute: P = nil, conceptAttribute: P = nil
        var messageNamespaces: [UnsafePointer<xmlChar>] = [], genericNamespaces: [UnsafePointer<xmlChar>] = [],
            footerNamespace: P = nil
    }
    @exclusivity(unchecked) private(set) var names = Names()

    func attach(_ parser: xmlParserCtxtPtr) {
        self.parser = parser
        let dict = parser.pointee.dict
        func i(_ s: String) -> UnsafePointer<xmlChar>? { UnsafePointer(xmlDictLookup(dict, s, -1)) }
        names = Names(
            structure: i("Structure"), dataSet: i("DataSet"), series: i("Series"), seriesKey: i("SeriesKey"),
            group: i("Group"), groupKey: i("GroupKey"), obs: i("Obs"), obsKey: i("ObsKey"),
            obsDimension: i("ObsDimension"),
            obsValue: i("ObsValue"), attributes: i("Attributes"), value: i("Value"), time: i("Time"),
            message: i("Message"),
            text: i("Text"), valueAttribute: i("value"), idAttribute: i("id"), conceptAttribute: i("concept"),
            messageNamespaces: SDMXMessageDispatcher.messageNamespaces.keys.compactMap(i),
            genericNamespaces: GenericMessageState.genericNamespaces.compactMap(i),
            footerNamespace: i(GenericMessageState.footerNamespace))
    }

    @inline(__always) func isMessageNamespace(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri else { return false }
        return names.messageNamespaces.contains(uri)
    }

    func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {}
    func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {}
    func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {}

    /// Added to libxml2's line numbers: a piece of a file parsed apart counts its lines from the piece's start.
    var lineOffset = 0

    var line: Int { parser.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) + lineOffset } ?? 0 }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? { pointer.map { String(cString: $0) } }

    /// An `Obs` inside another (not SDMX-ML): the inner one is a reject at its own line and is not read; the outer
    /// one is read as if it were absent.
    func rejectNestedObservation(element: String, outerLine: Int) {
        let location = SourceLocation(file: path, line: line, element: element)
        assembler.emit(
            .reject(
                Reject(
                    source: options.name, location: location, code: .sdmxNestedObservation, raw: "<\(element)>",
                    reason:
                        "an <\(element)> inside the <\(element)> of line \(outerLine); SDMX-ML does not nest observations, so this inner one is not read"
                )))
    }

    /// The bytes of the attribute with this local name (any namespace), or `nil`; valid during the callback.
    static func attributeBytes(
        _ wanted: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> UnsafeBufferPointer<xmlChar>? {
        guard let attributes else { return nil }
        for i in 0..<count {
            let base = attributes + i * 5
            guard let localName = base[0], xmlStrEqual(localName, wanted) != 0, let begin = base[3], let end = base[4]
            else { continue }
            return UnsafeBufferPointer(start: begin, count: end - begin)
        }
        return nil
    }

    /// The value of the attribute with this local name (any namespace), or `nil`.
    static func attribute(_ wanted: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        -> String?
    {
        attributeBytes(wanted, count, attributes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Like `attribute`, with the value interned (for codes, ids and periods, which repeat).
    func internedAttribute(_ wanted: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        -> String?
    {
        Self.attributeBytes(wanted, count, attributes).map { interner.string($0) }
    }

    /// The bytes of the attribute whose local name is `wanted` from the parser's dictionary, compared by pointer (as
    /// libxml2 hands attribute names from the same dictionary): the generic layout reads `value` and `id` several
    /// times per observation, and comparing them as text was a tenth of reading it.
    static func attributeBytes(
        _ wanted: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> UnsafeBufferPointer<xmlChar>? {
        guard let attributes, let wanted else { return nil }
        for i in 0..<count {
            let base = attributes + i * 5
            guard base[0] == wanted, let begin = base[3], let end = base[4] else { continue }
            return UnsafeBufferPointer(start: begin, count: end - begin)
        }
        return nil
    }

    func internedAttribute(
        _ wanted: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) -> (text: String, slot: Int?)? {
        Self.attributeBytes(wanted, count, attributes).map { interner.interned($0) }
    }

    /// `OBS_VALUE` from an attribute's bytes: a plain decimal is read straight from them (`number`), anything else is
    /// kept as text for the assembler to judge (missing-value markers, rejects).
    func observationValue(_ bytes: UnsafeBufferPointer<xmlChar>) -> (text: String?, number: Double?) {
        if assembler.parsesBytes, let number = DecimalParser.parse(bytes) { return (nil, number) }
        return (String(decoding: bytes, as: UTF8.self), nil)
    }

    /// Every attribute without a namespace, in document order: a structure-specific element's dimensions and
    /// attributes (namespaced ones such as `xsi:type` are markup, not data).
    static func plainAttributes(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [(
        String, String
    )] {
        guard let attributes else { return [] }
        var result: [(String, String)] = []
        for i in 0..<count {
            let base = attributes + i * 5
            guard base[2] == nil, let localName = base[0], let begin = base[3], let end = base[4] else { continue }
            result.append(
                (
                    String(cString: localName),
                    String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
                ))
        }
        return result
    }

    func recordError(_ error: xmlError) {
        guard LibXML2Setup.stopsReading(error), fatalError == nil else { return }
        fatalError = ParseError(error, lineOffset: lineOffset)
    }
}

/// The SAX2 context: picks the reader for the message type at the root element and forwards everything to it.
final class SDMXMessageDispatcher {
    static let messageNamespaces = [
        "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message": "2.1",
        "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message": "3.0",
        "http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message": "2.0",
    ]

    let path: String
    let options: SourceOptions
    @exclusivity(unchecked) var delegate: SDMXMessageState? {
        didSet { current = delegate.map { Unmanaged.passUnretained($0) } }
    }
    /// The delegate again, without reference counting: every element and every run of text between elements goes
    /// through it, and retaining it each time was a tenth of reading a generic message (`perf`). `delegate` keeps
    /// it alive.
    @exclusivity(unchecked) var current: Unmanaged<SDMXMessageState>?
    @exclusivity(unchecked) var depth = 0
    var lineOffset = 0
    /// Distinct texts each reader interns (a piece of a file parsed apart needs few).
    var internerCapacity = 8192
    /// Whether observations may take their reader's short way (`SDMXDataReader.shortWay`).
    var shortWay = true
    var rootName: String?
    var rootFailure: IngestError?
    var fatalError: SDMXMessageState.ParseError?
    var parser: xmlParserCtxtPtr?
    var messageType = "unknown"

    init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
    }

    func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        depth += 1
        if depth == 1 {
            rootName = SDMXMessageState.string(localName)
            let version = SDMXMessageState.string(uri).flatMap { Self.messageNamespaces[$0] }
            let root = rootName ?? ""
            switch (root, version) {
            case ("GenericData", .some(let v)), ("GenericTimeSeriesData", .some(let v)):
                delegate = GenericMessageState(
                    path: path, options: options, version: v, internerCapacity: internerCapacity)
                messageType = "SDMX-ML \(v) \(root)"
            case ("StructureSpecificData", .some(let v)), ("StructureSpecificTimeSeriesData", .some(let v)):
                delegate = StructureSpecificMessageState(
                    path: path, options: options, internerCapacity: internerCapacity)
                messageType = "SDMX-ML \(v) \(root)"
            case ("CompactData", .some("2.0")):
                // SDMX-ML 2.0's compact form (OECD.Stat, IMF, BIS): the 2.1 structure-specific shape before its time,
                // the time often in a `TIME` attribute.
                let state = StructureSpecificMessageState(
                    path: path, options: options, internerCapacity: internerCapacity)
                state.compact = true
                delegate = state
                messageType = "SDMX-ML 2.0 CompactData"
            case ("Structure", .some):
                rootFailure = .unsupportedMessage(
                    file: path, root: root,
                    hint:
                        "This is a structure message (a DSD or codelists), not data; name it in the pipeline's `catalogue:`."
                )
            default:
                rootFailure = .unsupportedMessage(
                    file: path, root: root,
                    hint:
                        "Expected SDMX-ML data (GenericData or StructureSpecificData, versions 2.0, 2.1 or 3.0, or 2.0 CompactData) in namespace "
                        + "\(SDMXMessageState.string(uri) ?? "none").")
            }
            if rootFailure != nil {
                xmlStopParser(parser)
                return
            }
            delegate?.lineOffset = lineOffset
            delegate?.shortWay = shortWay
            if let parser { delegate?.attach(parser) }
        }
        current?._withUnsafeGuaranteedRef { $0.startElement(localName, uri, count, attributes) }
    }

    func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        depth -= 1
        current?._withUnsafeGuaranteedRef { $0.endElement(localName, uri) }
    }

    func recordError(_ error: xmlError) {
        if let delegate {
            delegate.recordError(error)
            fatalError = delegate.fatalError
        } else if LibXML2Setup.stopsReading(error), fatalError == nil {
            fatalError = .init(error, lineOffset: lineOffset)
        }
    }
}

extension SDMXMessageState.ParseError {
    init(_ error: xmlError, lineOffset: Int = 0) {
        self.init(
            line: Int(error.line) + lineOffset, column: Int(error.int2),
            message: error.message.map { String(cString: $0).trimmingASCIIWhitespace() } ?? "unknown error",
            undefinedEntity: LibXML2Setup.isUndefinedEntity(error))
    }

    func ingestError(file: String) -> IngestError {
        .xml(SourceLocation(file: file, line: line, column: column), message, undefinedEntity: undefinedEntity)
    }
}
