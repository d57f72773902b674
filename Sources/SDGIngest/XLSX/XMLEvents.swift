import CLibXML2
import Foundation
import SDGCore

/// The parts of an Office Open XML workbook as SAX events (element start with its attributes by local name, element
/// end, text), on libxml2's push parser with the project's hardened options (`LibXML2Setup`): the workbook's small
/// parts and its sheets, which are read from a file so that a large sheet never sits in memory.
final class XMLEvents {
    /// An element's attributes as libxml2 hands them over, looked up by local name without building a dictionary
    /// (a sheet has one `c` element per cell); valid only during the `start` call.
    struct Attributes {
        let count: Int
        let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

        subscript(_ name: String) -> String? {
            guard let pointer else { return nil }
            for i in 0..<count {
                let base = pointer + i * 5
                guard let n = base[0], let begin = base[3], let end = base[4], strcmp(n, name) == 0 else { continue }
                return String(decoding: UnsafeBufferPointer(start: begin, count: end - begin), as: UTF8.self)
            }
            return nil
        }
    }

    var start: (_ name: String, _ attributes: Attributes) -> Void = { _, _ in }
    var end: (_ name: String) -> Void = { _ in }
    var text: (_ bytes: UnsafeBufferPointer<UInt8>) -> Void = { _ in }
    private var error: SDMXMessageState.ParseError?

    /// Parses the file at `path`; `name` is how messages name it (`book.xlsx: xl/worksheets/sheet1.xml`).
    func parse(path: String, name: String) throws(IngestError) {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, localName, _, _, _, _, count, _, attributes in
            let events = Unmanaged<XMLEvents>.fromOpaque(context!).takeUnretainedValue()
            events.start(
                localName.map { String(cString: $0) } ?? "", Attributes(count: Int(count), pointer: attributes))
        }
        sax.endElementNs = { context, localName, _, _ in
            Unmanaged<XMLEvents>.fromOpaque(context!).takeUnretainedValue().end(
                localName.map { String(cString: $0) } ?? "")
        }
        sax.characters = { context, characters, length in
            guard let characters else { return }
            Unmanaged<XMLEvents>.fromOpaque(context!).takeUnretainedValue().text(
                UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        sax.serror = { context, error in
            guard let context, let error, LibXML2Setup.stopsReading(error.pointee) else { return }
            let events = Unmanaged<XMLEvents>.fromOpaque(context).takeUnretainedValue()
            if events.error == nil { events.error = SDMXMessageState.ParseError(error.pointee) }
        }
        let unmanaged = Unmanaged.passRetained(self)
        defer { unmanaged.release() }
        try LibXML2PushParser.parseDocument(
            path: path, name: name, sax: &sax, context: unmanaged.toOpaque(), firstError: { self.error })
    }
}
