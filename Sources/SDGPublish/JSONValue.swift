/// A JSON document built in code, written with keys in the order given (the order of SPEC §5's field lists), so
/// that `sdgpipe evaluate --format json` reads like the README documents it.
public indirect enum JSONValue: Sendable, Hashable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    public init(_ cell: Table.Cell) {
        switch cell {
        case .missing: self = .null
        case .integer(let i): self = .integer(i)
        case .number(let d): self = d.isFinite ? .number(d) : .null
        case .text(let s): self = .string(s)
        }
    }

    /// An object from named table cells.
    public static func fields(_ fields: [(String, Table.Cell)]) -> JSONValue {
        .object(fields.map { ($0.0, JSONValue($0.1)) })
    }

    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isFinite ? "\(d)" : "null"
        case .string(let s): return JSONTableWriter.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + JSONTableWriter.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(end)}"
        }
    }
}
