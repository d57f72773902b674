import SDGCore
import SDGSystem

/// Why an input file as a whole could not be read. Record-level problems are `Reject`s instead, so one bad row
/// never stops a run; these errors mean the file itself is unusable (exit 3, docs/diagnostics.md).
public enum IngestError: SDGFailure, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// The path names a folder (or another non-file), where a data file was expected.
    case notAFile(path: String)
    /// A required column is absent from the header.
    case missingColumn(file: String, role: String, expected: [String], header: [String])
    /// A column of the source's `ignore:` that the header lacks, or that `columns:` also names.
    case ignoredColumn(file: String, column: String, reason: String)
    /// Bytes that are not UTF-8 where UTF-8 was expected.
    case invalidEncoding(location: SourceLocation)
    /// The XML is not well formed (including a file cut in the middle).
    case malformedXML(location: SourceLocation, message: String)
    /// A reference to an entity the file does not define (whatever its DOCTYPE names: an external DTD is never read).
    case undefinedEntity(location: SourceLocation, message: String)
    /// The file yields no records at all (empty, a header only, placeholder rows only) and the source is not
    /// `optional`.
    case noObservations(path: String, notices: [String])
    /// The XML is well formed but is not a message this reader understands.
    case unsupportedMessage(file: String, root: String, hint: String)

    public var category: FailureCategory { .inputData }

    /// The error for a libxml2 error that stopped the reading of an XML file.
    static func xml(_ location: SourceLocation, _ message: String, undefinedEntity: Bool) -> IngestError {
        undefinedEntity
            ? .undefinedEntity(location: location, message: message)
            : .malformedXML(location: location, message: message)
    }

    /// The error for a failed `open` or `read` of an input: one message per cause, whichever command met it first
    /// (the fingerprint's hash in `run`, the reader in `validate`).
    public static func system(path: String, errno code: Int32) -> IngestError {
        switch code {
        case ENOENT: return .fileNotFound(path: path)
        case EISDIR: return .notAFile(path: path)
        case EACCES, EPERM:
            return .unreadable(
                path: path,
                reason: "\(String(cString: strerror(code))); the user running sdgpipe needs read permission on it")
        default: return .unreadable(path: path, reason: String(cString: strerror(code)))
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return
                "\(path): file not found. Check the `path:` of this source; relative paths are read from the pipeline file's folder."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))."
        case .notAFile(let path):
            return
                "\(path): is a folder, not a data file. Point the source's `path:` at a file (a CSV or SDMX-ML file) inside it."
        case .missingColumn(let file, let role, let expected, let header):
            return "\(file):1: no \(role) column. Expected one of \(expected.joined(separator: ", ")); the header has "
                + "\(header.joined(separator: ", ")). Name the column with `columns: {\(role): <header name>}` in the source entry."
        case .ignoredColumn(let file, let column, let reason):
            return "\(file):1: `ignore:` names column \(CellText.quoted(column)), \(reason)"
        case .invalidEncoding(let location):
            return
                "\(location): invalid UTF-8. If the file is Latin-1 or Windows-1252, set `encoding: latin1` on the source."
        case .malformedXML(let location, let message):
            return
                "\(location): XML is not well formed: \(message). The file may be truncated or not SDMX-ML; re-download it."
        case .undefinedEntity(let location, let message):
            return
                "\(location): \(message): sdgpipe reads only the entities a file defines itself, never an external DTD, so the text this reference stands for is unknown. Replace the reference with that text."
        case .noObservations(let path, let notices):
            var text =
                "\(path): no observations in this file (it is empty, or holds a header or placeholder rows only). Check that the download is complete; if the source may be empty, add `optional: true` to its entry in the pipeline. The previous outputs are unchanged."
            for notice in notices { text += "\n  " + notice }
            return text
        case .unsupportedMessage(let file, let root, let hint):
            return "\(file): root element <\(root)> is not a supported SDMX-ML data message. \(hint)"
        }
    }
}
