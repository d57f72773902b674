/// A JSON document built in code, written with keys in the order given (the order of docs/methods.md's field lists), so
/// that `sdgpipe evaluate --format json` reads like the README documents it.
package indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    package func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    package init(_ cell: Table.Cell) {
        switch cell {
        case .missing: self = .null
        case .integer(let i): self = .integer(i)
        case .number(let d): self = d.isFinite ? .number(d) : .null
        case .text(let s): self = .string(s)
        }
    }

    /// An object from named table cells.
    package static func fields(_ fields: [(String, Table.Cell)]) -> JSONValue {
        .object(fields.map { ($0.0, JSONValue($0.1)) })
    }

    package func rendered(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// Appends the rendering to `out`: one growing string rather than a string per node joined at every level, which
    /// copied each value once per level and took three quarters of `sdgpipe evaluate --format json` on 100,000 series.
    package func write(into out: inout String, indent: Int = 0) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? d.description : "null"
        case .string(let s): JSONTableWriter.appendQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                if i > 0 { out += ",\n" }
                Self.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
            }
            out += "\n"
            Self.pad(&out, indent)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += ",\n" }
                Self.pad(&out, indent + 1)
                JSONTableWriter.appendQuoted(pair.0, to: &out)
                out += ": "
                pair.1.write(into: &out, indent: indent + 1)
            }
            out += "\n"
            Self.pad(&out, indent)
            out += "}"
        }
    }

    private static func pad(_ out: inout String, _ level: Int) {
        for _ in 0..<level { out += "  " }
    }
}
