/// Writes tables as RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return could run as a formula in Excel or LibreOffice
/// (OWASP "CSV injection"), so it is prefixed with a single quote; numbers are written as numbers and never altered.
/// Doubles use Swift's shortest round-trip representation, so a reader gets back exactly the value computed.
public enum CSVTableWriter {
    public static func render(_ table: Table) -> String {
        var out = table.columns.map(quoted).joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map(render).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    static func render(_ cell: Table.Cell) -> String {
        switch cell {
        case .missing: return ""
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? "\(d)" : ""
        case .text(let s): return quoted(neutralized(s))
        }
    }

    static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + text : text
    }

    static func quoted(_ text: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
