import Foundation

/// Writes a table as a JSON array of objects, one per row, keys in column order. Missing cells are `null`, so a
/// consumer can tell "not computed" from zero.
public enum JSONTableWriter {
    public static func render(_ table: Table) -> String {
        var out = "[\n"
        for (r, row) in table.rows.enumerated() {
            out += "  {"
            for (i, cell) in row.enumerated() {
                out += (i == 0 ? "" : ", ") + quote(table.columns[i]) + ": " + render(cell)
            }
            out += r == table.rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func render(_ cell: Table.Cell) -> String {
        switch cell {
        case .missing: return "null"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? "\(d)" : "null"
        case .text(let s): return quote(s)
        }
    }

    public static func quote(_ s: String) -> String {
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
