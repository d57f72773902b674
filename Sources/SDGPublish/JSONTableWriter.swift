import Foundation

/// Writes a table as a JSON array of objects, one per row, keys in column order. Missing cells are `null`, so a
/// consumer can tell "not computed" from zero.
package enum JSONTableWriter {
    package static func render(_ table: Table) -> String {
        let out = TextOutput()
        try? write(table, to: out)
        return out.text
    }

    /// Streams the table row by row into `out`.
    package static func write(_ table: Table, to out: TextOutput) throws(PublishError) {
        try out.write("[\n")
        let keys = table.columns.map { quote($0) + ": " }
        var first = true
        try table.forEachRow { (row) throws(PublishError) in
            try out.write(first ? "  {" : ",\n  {")
            first = false
            for (i, cell) in row.enumerated() {
                if i > 0 { try out.write(", ") }
                try out.write(keys[i])
                try out.write(render(cell))
            }
            out.write(byte: UInt8(ascii: "}"))
        }
        try out.write(first ? "]\n" : "\n]\n")
    }

    static func render(_ cell: Table.Cell) -> String {
        switch cell {
        case .missing: return "null"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? "\(d)" : "null"
        case .text(let s): return quote(s)
        }
    }

    package static func quote(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal; text without characters to escape is appended whole.
    package static func appendQuoted(_ s: String, to out: inout String) {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += escaped(s)
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
