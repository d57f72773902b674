import Foundation

/// Writes a table as a JSON array of objects, one per row, keys in column order. Missing cells are `null`, so a
/// consumer can tell "not computed" from zero.
package enum JSONTableWriter {
    package static func render(_ table: Table) -> String {
        let out = TextOutput()
        try? write(table, to: out)
        return out.text
    }

    /// Streams the table into `out`, a batch of rows at a time (made on the other core, as for CSV), each cell
    /// written as bytes: rendered to a `String` per cell, with an array per row, the JSON tables cost twice what the
    /// CSV ones did and were an eighth of a national run at the defaults (`perf`).
    package static func write(_ table: Table, to out: TextOutput) throws(PublishError) {
        try out.write("[\n")
        let keys = table.columns.enumerated().map { i, name in Array(((i > 0 ? ", " : "") + quote(name) + ": ").utf8) }
        let width = table.columns.count
        var first = true
        try table.forEachBatch { (cells, rows) throws(PublishError) in
            for r in 0..<rows {
                try out.write(first ? "  {" : ",\n  {")
                first = false
                for i in 0..<width {
                    try out.write(bytes: keys[i])
                    try write(cells[r * width + i], to: out)
                }
                out.write(byte: UInt8(ascii: "}"))
            }
        }
        try out.write(first ? "]\n" : "\n]\n")
    }

    static func write(_ cell: Table.Cell, to out: TextOutput) throws(PublishError) {
        switch cell {
        case .missing: try out.write("null")
        case .integer(let i): try out.write(String(i))
        case .number(let d): try out.write(d.isFinite ? d.description : "null")
        case .text(let s):
            if isPlain(s) {
                out.write(byte: UInt8(ascii: "\""))
                try out.write(s)
                out.write(byte: UInt8(ascii: "\""))
            } else {
                try out.write(escaped(s))
            }
        }
    }

    package static func quote(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal; text without characters to escape is appended whole.
    package static func appendQuoted(_ s: String, to out: inout String) {
        if isPlain(s) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += escaped(s)
    }

    /// Whether `s` has nothing to escape (no control character, quote or backslash), looked at as bytes in place.
    static func isPlain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
    }

    static func escaped(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
