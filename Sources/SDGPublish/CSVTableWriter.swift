/// Writes tables as RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// A text cell starting with `=`, `+`, `-`, `@`, tab or carriage return could run as a formula in Excel or LibreOffice
/// (OWASP "CSV injection"), so it is prefixed with a single quote; numbers are written as numbers and never altered.
/// Doubles use Swift's shortest round-trip representation, so a reader gets back exactly the value computed.
package enum CSVTableWriter {
    package static func render(_ table: Table) -> String {
        let out = TextOutput()
        try? write(table, to: out)
        return out.text
    }

    /// Streams the table row by row into `out`.
    package static func write(_ table: Table, to out: TextOutput) throws(PublishError) {
        try out.write(table.columns.map(quoted).joined(separator: ","))
        out.write(byte: 0x0A)
        // Rows made on demand are made on the other core while this one formats the previous batch.
        let width = table.columns.count
        try table.forEachBatch { (cells, rows) throws(PublishError) in
            for r in 0..<rows {
                for i in 0..<width {
                    if i > 0 { out.write(byte: UInt8(ascii: ",")) }
                    try write(cells[r * width + i], to: out)
                }
                out.write(byte: 0x0A)
            }
        }
    }

    static func write(_ cell: Table.Cell, to out: TextOutput) throws(PublishError) {
        switch cell {
        case .missing: return
        case .integer(let i): try out.write(String(i))
        case .number(let d): if d.isFinite { try out.write(d.description) }
        case .text(var s):
            // Looked at as bytes in place (`withUTF8`): the scalar and UTF-8 views cost a tenth of a network run's
            // CSV writing. The formula starters are all ASCII.
            let (formula, quotes) = s.withUTF8 { bytes -> (Bool, Bool) in
                let first = bytes.first ?? 0
                let formula =
                    first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
                var quotes = false
                for b in bytes where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                    quotes = true
                    break
                }
                return (formula, quotes)
            }
            if quotes {
                out.write(byte: UInt8(ascii: "\""))
                if formula { out.write(byte: UInt8(ascii: "'")) }
                for byte in s.utf8 {
                    if byte == UInt8(ascii: "\"") { out.write(byte: byte) }
                    out.write(byte: byte)
                }
                out.write(byte: UInt8(ascii: "\""))
            } else {
                if formula { out.write(byte: UInt8(ascii: "'")) }
                try out.write(s)
            }
        }
    }

    // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    static func needsQuotes(_ text: String) -> Bool {
        text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
    }

    static func quoted(_ text: String) -> String {
        guard needsQuotes(text) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
