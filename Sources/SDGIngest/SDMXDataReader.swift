import CLibXML2
import SDGCore
import SDGSystem

/// Streams an SDMX-ML data message into observations on libxml2's SAX2 push parser: 2.1 generic and
/// structure-specific data (series, flat and cross-sectional layouts), 3.0 structure-specific and 2.0 generic data.
///
/// Namespaces are matched by URI, never by prefix. The file is pushed in 256 KiB chunks, so memory stays flat.
/// A message without data (an error footer, an empty query) is reported with its footer text, not as an empty
/// success. Reference: SDMX 2.1 Technical Notes, section 4 (data messages).
public struct SDMXDataReader {
    public let path: String
    public let options: SourceOptions
    /// For tests and the fuzzer: cut a generic message into pieces of this many bytes whatever its size
    /// (`SDMXParallelReader`; by default only files of 16 MiB and more are cut, in pieces of 512 KiB).
    public var pieceSize: Int?
    /// For tests: `false` sends every observation the long way (`StructureSpecificMessageState.knownObservation`,
    /// `GenericMessageState.finishObservation`), to show that the short way gives the same rows. Read on one parser.
    var shortWay = true

    public init(path: String, options: SourceOptions) {
        self.path = path
        self.options = options
    }

    /// What the message said about itself, for `sdgpipe inspect`.
    public struct MessageInfo: Sendable {
        public let messageType: String
        public let structureID: String?
        public let dimensionAtObservation: String
        public let dataSets: Int
    }

    /// Streams every observation (or reject) to `handle`, one by one; see `readBatches`.
    @discardableResult
    public func read(_ handle: (IngestRecord) throws -> Void) throws -> MessageInfo {
        try readBatches { try $0.forEachRecord(handle) }
    }

    /// Streams the observations in batches of up to `ObservationBatchBuilder.capacity` rows, with the rejects in their
    /// places; throws `IngestError` when the file is unusable. Each batch's `bytesRead` says how far the file has been
    /// read. A large file is parsed on all cores in pieces (`SDMXParallelReader`) when its layout allows; the rows
    /// come in the same order either way.
    @discardableResult
    public func readBatches(_ handle: (ObservationBatch) throws -> Void) throws -> MessageInfo {
        var parallel = SDMXParallelReader(path: path, options: options)
        if let pieceSize { (parallel.pieceSize, parallel.minimumFileSize) = (pieceSize, 0) }
        if shortWay, let info = try parallel.read(handle) { return info }
        let state = try Self.parse(path: path, options: options, shortWay: shortWay, handle: handle) {
            sax, context, attach, progress, after in
            try LibXML2PushParser.parse(
                path: path, sax: &sax, context: context, attach: attach, progress: progress, afterChunk: after)
        }
        return try Self.messageInfo(state, path: path)
    }

    /// What the message said about itself, or the error for a message that holds no data.
    static func messageInfo(_ state: SDMXMessageDispatcher, path: String, dataSets: Int? = nil) throws -> MessageInfo {
        guard let delegate = state.delegate, delegate.sawDataSet else {
            let footer = state.delegate?.footer ?? []
            throw IngestError.unsupportedMessage(
                file: path, root: state.rootName ?? "(none)",
                hint: footer.isEmpty
                    ? "The message has no DataSet element, so it holds no observations."
                    : "The message holds no data, only a footer from its publisher: " + footer.joined(separator: " "))
        }
        return MessageInfo(
            messageType: state.messageType, structureID: delegate.structureID,
            dimensionAtObservation: delegate.assembler.dimensionAtObservation, dataSets: dataSets ?? delegate.dataSets)
    }

    typealias Push = (
        _ sax: inout xmlSAXHandler, _ context: UnsafeMutableRawPointer, _ attach: (xmlParserCtxtPtr) -> Void,
        _ progress: (Int) -> Void, _ afterChunk: (Int32, Bool, Bool) throws -> Void
    ) throws -> Void

    /// Runs `push` (a file or a piece of one through the push parser) with a fresh state, handing its full batches to
    /// `handle` after each chunk and the last one at the end. `lineOffset` is added to every line reported (a piece's
    /// lines in the whole file).
    static func parse(
        path: String, options: SourceOptions, lineOffset: Int = 0, internerCapacity: Int = 8192, shortWay: Bool = true,
        handle: (ObservationBatch) throws -> Void, push: Push
    ) throws -> SDMXMessageDispatcher {
        let state = SDMXMessageDispatcher(path: path, options: options)
        state.shortWay = shortWay
        state.lineOffset = lineOffset
        state.internerCapacity = internerCapacity
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        // The state is reached without retaining it (`_withUnsafeGuaranteedRef`; the reader holds it for the whole
        // parse): these run for every element and every run of text between elements.
        sax.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            Unmanaged<SDMXMessageDispatcher>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                $0.startElement(localName, uri, Int(attributeCount), attributes)
            }
        }
        sax.endElementNs = { context, localName, _, uri in
            Unmanaged<SDMXMessageDispatcher>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                $0.endElement(localName, uri)
            }
        }
        sax.characters = { context, characters, length in
            guard let characters else { return }
            Unmanaged<SDMXMessageDispatcher>.fromOpaque(context!)._withUnsafeGuaranteedRef {
                $0.current?._withUnsafeGuaranteedRef {
                    $0.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
                }
            }
        }
        sax.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<SDMXMessageDispatcher>.fromOpaque(context).takeUnretainedValue().recordError(error.pointee)
        }
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        // `handle` is only called during the push; the compiler cannot see that through the closure.
        try withoutActuallyEscaping(handle) { handle in
            let progress = { (bytes: Int) -> Void in state.delegate?.assembler.output.bytesRead = bytes }
            try push(&sax, unmanaged.toOpaque(), { state.parser = $0 }, progress) { status, sawBytes, _ in
                // Before an error, the rows read up to it are handed on too, as a record reader would have.
                let failed = state.rootFailure != nil || state.fatalError != nil || status != 0
                if let delegate = state.delegate {
                    for batch in delegate.assembler.takeBatches(all: failed) { try handle(batch) }
                }
                if let failure = state.rootFailure { throw failure }
                if let e = state.fatalError { throw e.ingestError(file: path) }
                if status != 0 {
                    throw IngestError.malformedXML(
                        location: SourceLocation(file: path),
                        message: sawBytes ? "parser error \(status)" : "the file is empty")
                }
            }
        }
        if let delegate = state.delegate {
            for batch in delegate.assembler.takeBatches(all: true) { try handle(batch) }
        }
        return state
    }
}
