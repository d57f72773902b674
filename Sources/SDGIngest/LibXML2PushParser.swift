import CLibXML2
import SDGCore
import SDGSystem

/// Pushes a file through libxml2's SAX2 push parser in 256 KiB `read(2)` chunks — never a whole document in memory —
/// with the hardened options of `LibXML2Setup`. Both SDMX readers go through here; after each chunk `afterChunk`
/// hands on what the callbacks collected and checks for errors.
enum LibXML2PushParser {
    static let chunkSize = 256 * 1024

    /// - Parameters:
    ///   - context: passed to every SAX callback as their first argument.
    ///   - attach: called with the parser context before the first byte, so callbacks can ask for line numbers.
    ///   - afterChunk: called after each chunk with libxml2's status, whether any byte was read, and whether this was the end.
    static func parse(
        path: String, sax: inout xmlSAXHandler, context: UnsafeMutableRawPointer, attach: (xmlParserCtxtPtr) -> Void,
        progress: (Int) -> Void = { _ in }, afterChunk: (_ status: Int32, _ sawBytes: Bool, _ last: Bool) throws -> Void
    ) throws {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw IngestError.system(path: path, errno: errno) }
        defer { close(fd) }
        if CompressedInput.isGzip(fd: fd) {
            let input = try CompressedInput(path: path)
            try parse(
                name: path, sax: &sax, context: context, attach: attach, progress: progress, afterChunk: afterChunk
            ) { buffer in try input.read(buffer.baseAddress!, buffer.count) }
            return
        }
        try parse(name: path, sax: &sax, context: context, attach: attach, progress: progress, afterChunk: afterChunk) {
            buffer in
            let count = Glibc.read(fd, buffer.baseAddress!, buffer.count)
            if count < 0 { throw IngestError.system(path: path, errno: errno) }
            return count
        }
    }

    /// A whole document (a structure message, a workbook's part) through `sax`, whose `serror` keeps the first error
    /// that stops reading for `firstError` to return: that error, or a parser status other than 0, ends the parse
    /// as an `IngestError` naming `name`.
    static func parseDocument(
        path: String, name: String, sax: inout xmlSAXHandler, context: UnsafeMutableRawPointer,
        firstError: () -> SDMXMessageState.ParseError?
    ) throws(IngestError) {
        do {
            try parse(path: path, sax: &sax, context: context, attach: { _ in }) { status, _, _ in
                if let error = firstError() { throw error.ingestError(file: name) }
                if status != 0 {
                    throw IngestError.malformedXML(
                        location: SourceLocation(file: name), message: "parser error \(status)")
                }
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
    }

    /// The same over any source of bytes: `fill` writes up to the buffer's size and returns how many it wrote, 0 at
    /// the end (`SDMXParallelReader` feeds a piece of a file between a copied header and closing tags).
    static func parse(
        name: String, sax: inout xmlSAXHandler, context: UnsafeMutableRawPointer, attach: (xmlParserCtxtPtr) -> Void,
        progress: (Int) -> Void = { _ in },
        afterChunk: (_ status: Int32, _ sawBytes: Bool, _ last: Bool) throws -> Void,
        fill: (UnsafeMutableRawBufferPointer) throws -> Int
    ) throws {
        _ = LibXML2Setup.once
        guard let parser = xmlCreatePushParserCtxt(&sax, context, nil, 0, name) else {
            throw IngestError.unreadable(path: name, reason: "libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(parser) }
        xmlCtxtUseOptions(parser, LibXML2Setup.parseOptions)
        attach(parser)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var sawBytes = false
        var total = 0
        while true {
            let count = try chunk.withUnsafeMutableBytes { try fill($0) }
            let status = chunk.withUnsafeBytes { bytes in
                xmlParseChunk(
                    parser, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count), count == 0 ? 1 : 0)
            }
            sawBytes = sawBytes || count > 0
            total += count
            try afterChunk(status, sawBytes, count == 0)
            progress(total)
            if count == 0 { return }
        }
    }
}
