/// A result table as SPEC §6 names it (`observations`, `impact`, `rejects`, ...): named columns and typed cells, written
/// by every output format alike so that CSV, JSON and the database agree.
public struct Table: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case integer(Int)
        case missing

        public init(_ text: String?) { self = text.map { .text($0) } ?? .missing }
        public init(_ number: Double?) { self = number.map { .number($0) } ?? .missing }
        public init(_ number: Int?) { self = number.map { .integer($0) } ?? .missing }
    }

    public let name: String
    public let columns: [String]
    public private(set) var rows: [[Cell]] = []
    /// Column positions by name: rows appended by name look each cell's column up here, not by a linear search
    /// (which made a 100,000-series evaluation spend most of its time finding columns).
    private let position: [String: Int]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
        self.position = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Appends a row given as named cells; columns not named stay missing. Every name must be a column.
    public mutating func append(named cells: [(String, Cell)]) {
        var row = [Cell](repeating: .missing, count: columns.count)
        for (name, cell) in cells {
            guard let i = position[name] else { preconditionFailure("table \(self.name) has no column \(name)") }
            row[i] = cell
        }
        rows.append(row)
    }

    /// The same table with only the rows `keep` accepts.
    public func filtered(_ keep: ([Cell]) -> Bool) -> Table {
        var copy = self
        copy.rows = rows.filter(keep)
        return copy
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "table \(name): row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}
