import SDGSystem
import Synchronization

/// A result table (`TableDefinition`) (`observations`, `impact`, `rejects`, ...): named columns and typed cells, written
/// by every output format alike so that CSV, JSON and the database agree.
///
/// A table either holds its rows or makes them on demand from compact data (`init(name:columns:count:row:)`): the
/// observations table of a city network has millions of rows, and holding each as an array of cells took more than
/// ten times the memory of the observations themselves. Writers go through `forEachRow`, so they never need more
/// than one row at a time.
package struct Table: Sendable {
    package enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case integer(Int)
        case missing

        package init(_ text: String?) { self = text.map { .text($0) } ?? .missing }
        package init(_ number: Double?) { self = number.map { .number($0) } ?? .missing }
        package init(_ number: Int?) { self = number.map { .integer($0) } ?? .missing }
    }

    /// Fills the cells of row `index` into a buffer that already has one cell per column.
    package typealias RowMaker = @Sendable (_ index: Int, _ cells: inout [Cell]) -> Void

    private enum Storage: Sendable {
        case held([[Cell]])
        /// `count` rows made by `row`; `selection`, when set, lists the made rows this table keeps.
        case made(count: Int, row: RowMaker, selection: [Int]?)
        /// One consumer's view of a made table whose batches are made once for several (`shared(consumers:)`).
        indirect case shared(SharedStream<Batch>, consumer: Int, base: Table)
    }

    package let name: String
    package let columns: [String]
    /// The values of the table's `TableDefinition.scope` columns in this run's rows (`edition`: `2025`): a database
    /// replaces only the rows with these values.
    package var scope: [String: String] = [:]
    private var storage: Storage = .held([])
    /// Column positions by name: rows appended by name look each cell's column up here, not by a linear search
    /// (which made a 100,000-series evaluation spend most of its time finding columns).
    private let position: [String: Int]

    package init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
        self.position = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A table whose `count` rows are made on demand by `row`.
    package init(name: String, columns: [String], count: Int, row: @escaping RowMaker) {
        self.init(name: name, columns: columns)
        storage = .made(count: count, row: row, selection: nil)
    }

    /// A table with this one's name and columns whose `count` rows are made on demand from named cells (columns not
    /// named stay missing).
    ///
    /// Rows of one kind name the same columns in the same order, so each such "shape" is resolved to positions once
    /// and later rows only compare names (hashing every name of every row was most of the cost of making them).
    package func made(count: Int, row: @escaping @Sendable (Int) -> [(String, Cell)]) -> Table {
        let position = self.position
        let name = self.name
        let shapes = Mutex<[(names: [String], positions: [Int])]>([])
        return Table(name: name, columns: columns, count: count) { i, cells in
            for c in cells.indices { cells[c] = .missing }
            let fields = row(i)
            let positions = shapes.withLock { known -> [Int] in
                for shape in known
                where shape.names.count == fields.count
                    && zip(shape.names, fields).allSatisfy({ $0 == $1.0 })
                { return shape.positions }
                let positions = fields.map { field -> Int in
                    guard let p = position[field.0] else {
                        preconditionFailure("table \(name) has no column \(field.0)")
                    }
                    return p
                }
                if known.count < 64 { known.append((fields.map(\.0), positions)) }
                return positions
            }
            for (p, field) in zip(positions, fields) { cells[p] = field.1 }
        }
    }

    /// Whether the rows are made on demand (rather than held).
    package var isMade: Bool {
        if case .held = storage { return false }
        return true
    }

    /// Views of this table for `consumers` writers that run at the same time and each read every row once, in
    /// batches (`forEachBatch`): the rows are made once for all of them. Each consumer must read the whole table or
    /// call `releaseShared()`; a consumer that does neither holds the others back. A held table is returned as is.
    package func shared(consumers: Int) -> [Table] {
        guard case .made = storage, consumers > 1 else { return Array(repeating: self, count: consumers) }
        let table = self
        // Making a network run's rows took as long as one writer, and each writer made them again.
        let batches = SharedStream<Batch>(consumers: consumers, capacity: 4) { send in
            table.makeBatches(rowsPerBatch: 4096) { send(($0, $1)) }
        }
        return (0..<consumers).map { consumer in
            var view = self
            view.storage = .shared(batches, consumer: consumer, base: table)
            return view
        }
    }

    /// Tells a shared table's other consumers that this one reads no more of it (done or failed).
    package func releaseShared() {
        if case .shared(let batches, let consumer, _) = storage { batches.detach(consumer) }
    }

    func sharedBatches() -> (SharedStream<Batch>, Int)? {
        if case .shared(let batches, let consumer, _) = storage { return (batches, consumer) }
        return nil
    }

    /// The number of rows.
    package var count: Int {
        switch storage {
        case .held(let rows): return rows.count
        case .made(let count, _, let selection): return selection?.count ?? count
        case .shared(_, _, let base): return base.count
        }
    }

    /// Calls `body` with each row in order. The array passed is reused from row to row: copy it to keep it.
    package func forEachRow<E: Error>(_ body: ([Cell]) throws(E) -> Void) throws(E) {
        switch storage {
        case .held(let rows):
            for row in rows { try body(row) }
        case .shared:
            let width = columns.count
            try forEachBatch { (cells, rows) throws(E) in
                for r in 0..<rows { try body(Array(cells[(r * width)..<((r + 1) * width)])) }
            }
        case .made(let count, let make, let selection):
            var cells = [Cell](repeating: .missing, count: columns.count)
            if let selection {
                for i in selection {
                    make(i, &cells)
                    try body(cells)
                }
            } else {
                for i in 0..<count {
                    make(i, &cells)
                    try body(cells)
                }
            }
        }
    }

    /// Calls `body` with rows `range` (positions in this table, in order); for writers that must pause between
    /// batches of rows (an asynchronous COPY).
    package func forEachRow<E: Error>(in range: Range<Int>, _ body: ([Cell]) throws(E) -> Void) throws(E) {
        switch storage {
        case .held(let rows):
            for row in rows[range] { try body(row) }
        case .shared(_, _, let base):
            try base.forEachRow(in: range, body)
        case .made(_, let make, let selection):
            var cells = [Cell](repeating: .missing, count: columns.count)
            for i in range {
                make(selection?[i] ?? i, &cells)
                try body(cells)
            }
        }
    }

    /// Every row as an array: for small tables (the report's, tests'); large ones are read with `forEachRow`.
    package var rows: [[Cell]] {
        if case .held(let rows) = storage { return rows }
        if case .shared(_, _, let base) = storage { return base.rows }
        var rows: [[Cell]] = []
        rows.reserveCapacity(count)
        forEachRow { rows.append($0) }
        return rows
    }

    /// Appends a row given as named cells; columns not named stay missing. Every name must be a column.
    package mutating func append(named cells: [(String, Cell)]) {
        var row = [Cell](repeating: .missing, count: columns.count)
        for (name, cell) in cells {
            guard let i = position[name] else { preconditionFailure("table \(self.name) has no column \(name)") }
            row[i] = cell
        }
        append(row)
    }

    /// The same table with only the rows `keep` accepts.
    package func filtered(_ keep: ([Cell]) -> Bool) -> Table {
        var copy = self
        switch storage {
        case .held(let rows):
            copy.storage = .held(rows.filter(keep))
        case .shared(_, _, let base):
            return base.filtered(keep)
        case .made(let count, let make, let selection):
            var kept: [Int] = []
            var cells = [Cell](repeating: .missing, count: columns.count)
            for i in selection ?? Array(0..<count) {
                make(i, &cells)
                if keep(cells) { kept.append(i) }
            }
            copy.storage = .made(count: count, row: make, selection: kept)
        }
        return copy
    }

    package mutating func append(_ row: [Cell]) {
        precondition(
            row.count == columns.count, "table \(name): row has \(row.count) cells for \(columns.count) columns")
        guard case .held(var rows) = storage else {
            preconditionFailure("table \(name): rows are made on demand, not appended")
        }
        storage = .held([])
        rows.append(row)
        storage = .held(rows)
    }
}
